import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';
import { generateSecret } from './signing';

const key = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  it('seals a secret so that the stored form does not hold it, and opens it again', () => {
    const box = new SecretBox({ WEBHOOK_SECRETS_KEY: key() });
    const secret = generateSecret();
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^tt1:[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret.slice('whsec_'.length));
    expect(box.seal(secret)).not.toBe(sealed); // a fresh nonce each time
    expect(box.open(sealed)).toBe(secret);
  });

  it('stores and reads plain secrets without a key, and reads plain ones with a key', () => {
    const secret = generateSecret();
    expect(new SecretBox({}).seal(secret)).toBe(secret);
    expect(new SecretBox({}).open(secret)).toBe(secret);
    expect(new SecretBox({ WEBHOOK_SECRETS_KEY: key() }).open(secret)).toBe(secret);
  });

  it('refuses to open without the key it was sealed with, or a tampered value', () => {
    const sealed = new SecretBox({ WEBHOOK_SECRETS_KEY: key() }).seal(generateSecret());
    expect(() => new SecretBox({}).open(sealed)).toThrow('WEBHOOK_SECRETS_KEY is not set');
    expect(() => new SecretBox({ WEBHOOK_SECRETS_KEY: key() }).open(sealed)).toThrow('another WEBHOOK_SECRETS_KEY');
    const box = new SecretBox({ WEBHOOK_SECRETS_KEY: key() });
    const [nonce, tag, body] = box.seal('whsec_abc').slice(4).split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open(`tt1:${nonce}.${tag}.${flipped.toString('base64url')}`)).toThrow();
    expect(() => box.open('tt1:broken')).toThrow('malformed');
  });
});
