import { describe, expect, it } from 'vitest';
import { UnsafeUrlError } from '@app/domain';
import { assertPublicUrl, blockedReason, parseWebhookUrl } from './url-safety';

describe('webhook URL safety', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.1.1', 'private'],
    ['172.16.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (address, range) => {
    expect(blockedReason(address)).toContain(range);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(blockedReason(address)).toBeNull();
  });

  it('refuses other schemes, credentials and garbage before any DNS', () => {
    expect(() => parseWebhookUrl('ftp://example.org/x')).toThrow(UnsafeUrlError);
    expect(() => parseWebhookUrl('https://user:pw@example.org/x')).toThrow(/credentials/);
    expect(() => parseWebhookUrl('not a url')).toThrow(UnsafeUrlError);
    expect(parseWebhookUrl('https://example.org/hook').hostname).toBe('example.org');
  });

  it('resolves names: localhost is refused unless private networks are allowed', async () => {
    await expect(assertPublicUrl('http://localhost:3000/hook', false)).rejects.toThrow(/non-public/);
    await expect(assertPublicUrl('http://[::1]:3000/hook', false)).rejects.toThrow(/loopback/);
    await expect(assertPublicUrl('http://localhost:3000/hook', true)).resolves.toBeInstanceOf(URL);
  });
});
