import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, signatureHeader, verifySignature, webhookHeaders } from './signing';

describe('Standard Webhooks signing', () => {
  it('produces headers the standardwebhooks library verifies', () => {
    const secret = generateSecret();
    const body = JSON.stringify({ type: 'event.published', data: { n: 1 } });
    const headers = webhookHeaders([secret], 'msg_1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with every secret during a rotation, each verifiable alone', () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const body = '{"a":1}';
    const headers = webhookHeaders([newSecret, oldSecret], 'msg_2', body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
  });

  it('secrets are whsec_ plus 32 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });

  it('verifies its own signature and rejects a tampered body', () => {
    const secret = generateSecret();
    const header = signatureHeader([secret], 'msg_3', 1700000000, 'body');
    expect(verifySignature(secret, 'msg_3', 1700000000, 'body', header)).toBe(true);
    expect(verifySignature(secret, 'msg_3', 1700000000, 'body!', header)).toBe(false);
  });
});
