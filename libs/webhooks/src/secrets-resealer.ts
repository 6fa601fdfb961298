import { Injectable } from '@nestjs/common';
import { SecretBox } from './secret-box';
import { SubscriptionsRepository, type StoredSecrets } from './subscriptions.repository';

const PAGE = 500;

export interface ResealReport {
  /** Subscriptions read. */
  subscriptions: number;
  /** Subscriptions whose stored secrets were written again in the current form. */
  resealed: number;
  /** Subscriptions with a secret no key opens (sealed with a key that is gone): rotate their secrets. */
  unreadable: string[];
}

/**
 * Stores every subscription's secrets in the form the current WEBHOOK_SECRETS_KEY gives: plain ones (from before a
 * key was set) and ones sealed with WEBHOOK_SECRETS_PREVIOUS_KEY are sealed again with the current key; without a
 * key, sealed ones are stored plain. The secrets themselves do not change, so nothing a receiver holds does.
 */
@Injectable()
export class SecretsResealer {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly box: SecretBox,
  ) {}

  async resealAll(): Promise<ResealReport> {
    const report: ResealReport = { subscriptions: 0, resealed: 0, unreadable: [] };
    let afterId: string | undefined;
    for (;;) {
      const page = await this.subscriptions.storedSecrets(PAGE, afterId);
      for (const stored of page) {
        report.subscriptions++;
        let next: Omit<StoredSecrets, 'id'> | null;
        try {
          next = this.resealed(stored);
        } catch {
          report.unreadable.push(stored.id); // sealed with a key that is gone, or malformed
          continue;
        }
        if (!next) continue;
        if (await this.subscriptions.replaceStoredSecrets(stored, next)) report.resealed++;
      }
      if (page.length < PAGE) return report;
      afterId = page[page.length - 1].id;
    }
  }

  /** The secrets in the current form, or null when they are stored so already. Throws when no key opens one. */
  private resealed(stored: StoredSecrets): Omit<StoredSecrets, 'id'> | null {
    const values = [stored.secret, stored.previousSecret];
    if (values.every((value) => value === null || this.box.isCurrent(value))) return null;
    return {
      secret: this.box.seal(this.box.open(stored.secret)),
      previousSecret: stored.previousSecret === null ? null : this.box.seal(this.box.open(stored.previousSecret)),
    };
  }
}
