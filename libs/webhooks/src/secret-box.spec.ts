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
    expect(() => new SecretBox({ WEBHOOK_SECRETS_KEY: key() }).open(sealed)).toThrow('a key other than WEBHOOK_SECRETS_KEY');
    const box = new SecretBox({ WEBHOOK_SECRETS_KEY: key() });
    const [nonce, tag, body] = box.seal('whsec_abc').slice(4).split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open(`tt1:${nonce}.${tag}.${flipped.toString('base64url')}`)).toThrow();
    expect(() => box.open('tt1:broken')).toThrow('malformed');
  });

  it('opens what the previous key sealed while a key change is under way, and seals with the current key only', () => {
    const [before, after] = [key(), key()];
    const secret = generateSecret();
    const old = new SecretBox({ WEBHOOK_SECRETS_KEY: before }).seal(secret);
    const changing = new SecretBox({ WEBHOOK_SECRETS_KEY: after, WEBHOOK_SECRETS_PREVIOUS_KEY: before });
    expect(changing.open(old)).toBe(secret);
    const resealed = changing.seal(secret);
    expect(new SecretBox({ WEBHOOK_SECRETS_KEY: after }).open(resealed)).toBe(secret);
    expect(() => new SecretBox({ WEBHOOK_SECRETS_KEY: before }).open(resealed)).toThrow('a key other than');
  });

  it('tells which stored values are in the form the current key gives', () => {
    const [before, after] = [key(), key()];
    const secret = generateSecret();
    const changing = new SecretBox({ WEBHOOK_SECRETS_KEY: after, WEBHOOK_SECRETS_PREVIOUS_KEY: before });
    expect(changing.isCurrent(changing.seal(secret))).toBe(true);
    expect(changing.isCurrent(new SecretBox({ WEBHOOK_SECRETS_KEY: before }).seal(secret))).toBe(false);
    expect(changing.isCurrent(secret)).toBe(false); // plain, with a key set
    expect(new SecretBox({}).isCurrent(secret)).toBe(true);
    expect(new SecretBox({}).isCurrent(changing.seal(secret))).toBe(false);
  });
});
