import { describe, expect, it } from 'vitest';
import { UnsafeUrlError } from '@app/domain';
import { assertPublicUrl, blockedReason, parseWebhookUrl } from './url-safety';

describe('webhook URL safety', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['10.1.2.3', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.1.1', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT (CGNAT) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['fc00::1', 'a unique-local address'],
    ['fe80::1', 'a link-local address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:169.254.169.254', 'the cloud metadata address'],
    ['2002:7f00:1::', 'in the 6to4 range'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(blockedReason(address)).toBe(`${address} is ${reason}`);
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
