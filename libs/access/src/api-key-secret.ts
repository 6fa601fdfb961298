import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'tt_';

/** A new API key: "tt_" and 32 random bytes, base64url. Only its hash is stored. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What lists show so a key can be recognised without being revealed. */
export function displayPrefix(key: string): string {
  return key.slice(0, 10);
}
