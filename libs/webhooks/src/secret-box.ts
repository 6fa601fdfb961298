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
 * its older secrets stay plain until they are rotated.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer | null;
  /** Opened secrets by their stored form: every send needs its subscription's, and there are few subscriptions. */
  private readonly opened = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'WEBHOOK_SECRETS_KEY'>) {
    this.key = config.WEBHOOK_SECRETS_KEY ? Buffer.from(config.WEBHOOK_SECRETS_KEY, 'base64') : null;
  }

  /** The form to store: sealed when there is a key, the secret itself otherwise. */
  seal(secret: string): string {
    if (!this.key) return secret;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${[nonce, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')}`;
  }

  /** The secret a stored value holds. Throws when it is sealed and the key is missing or not the one it was sealed with. */
  open(stored: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    const cached = this.opened.get(stored);
    if (cached !== undefined) return cached;
    if (!this.key) throw new Error('A webhook secret is sealed, but WEBHOOK_SECRETS_KEY is not set');
    const [nonce, tag, sealed] = stored
      .slice(SEALED.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    if (!nonce || !tag || !sealed) throw new Error('A sealed webhook secret is malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAuthTag(tag);
    let secret: string;
    try {
      secret = Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('A webhook secret was sealed with another WEBHOOK_SECRETS_KEY');
    }
    if (this.opened.size >= OPENED_CACHE) this.opened.clear();
    this.opened.set(stored, secret);
    return secret;
  }
}
