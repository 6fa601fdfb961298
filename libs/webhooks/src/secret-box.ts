import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';

const SEALED = 'tt1:';
const OPENED_CACHE = 10_000;

/**
 * Webhook signing secrets at rest. Standard Webhooks signs with a shared secret, so the service must read it back:
 * with WEBHOOK_SECRETS_KEY set, a secret is stored sealed with AES-256-GCM (`tt1:` and the nonce, tag and
 * ciphertext in base64url), and a copy of the database alone cannot sign for a subscriber. Without the key,
 * secrets are stored as given. Sealed and plain values are read alike, so a key can be added to a running service:
 * its older secrets stay plain until they are rotated or resealed (`npm run cli -- secrets:reseal`). To change the
 * key, the old one moves to WEBHOOK_SECRETS_PREVIOUS_KEY, which still opens what it sealed, until the reseal is done.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer | null;
  /** The keys that open: the current one first, then the previous one. */
  private readonly openers: Buffer[];
  /** Opened secrets by their stored form: every send needs its subscription's, and there are few subscriptions. */
  private readonly opened = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'WEBHOOK_SECRETS_KEY' | 'WEBHOOK_SECRETS_PREVIOUS_KEY'>) {
    const decode = (key: string | undefined) => (key ? Buffer.from(key, 'base64') : null);
    this.key = decode(config.WEBHOOK_SECRETS_KEY);
    this.openers = [this.key, decode(config.WEBHOOK_SECRETS_PREVIOUS_KEY)].filter((key): key is Buffer => key !== null);
  }

  /** The form to store: sealed when there is a key, the secret itself otherwise. */
  seal(secret: string): string {
    if (!this.key) return secret;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${[nonce, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')}`;
  }

  /**
   * The secret a stored value holds. Throws when it is sealed and no key it knows (WEBHOOK_SECRETS_KEY, then
   * WEBHOOK_SECRETS_PREVIOUS_KEY) is the one it was sealed with.
   */
  open(stored: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    const cached = this.opened.get(stored);
    if (cached !== undefined) return cached;
    if (!this.openers.length) throw new Error('A webhook secret is sealed, but WEBHOOK_SECRETS_KEY is not set');
    for (const key of this.openers) {
      const secret = openWith(key, stored);
      if (secret === null) continue;
      if (this.opened.size >= OPENED_CACHE) this.opened.clear();
      this.opened.set(stored, secret);
      return secret;
    }
    throw new Error('A webhook secret was sealed with a key other than WEBHOOK_SECRETS_KEY (or WEBHOOK_SECRETS_PREVIOUS_KEY)');
  }

  /** Whether a stored value is in the form `seal` gives now: sealed with the current key, or plain when there is none. */
  isCurrent(stored: string): boolean {
    if (!stored.startsWith(SEALED)) return this.key === null;
    return this.key !== null && openWith(this.key, stored) !== null;
  }
}

/** The secret `stored` holds if `key` sealed it, else null. Throws when the value is not a sealed secret at all. */
function openWith(key: Buffer, stored: string): string | null {
  const [nonce, tag, sealed] = stored
    .slice(SEALED.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  if (!nonce || !tag || !sealed) throw new Error('A sealed webhook secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
