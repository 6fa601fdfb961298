import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import { SecretBox } from './secret-box';

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
    private readonly prisma: PrismaService,
    private readonly box: SecretBox,
  ) {}

  async resealAll(): Promise<ResealReport> {
    const report: ResealReport = { subscriptions: 0, resealed: 0, unreadable: [] };
    let after: string | undefined;
    for (;;) {
      const page = await this.prisma.subscription.findMany({
        select: { id: true, secret: true, previousSecret: true },
        orderBy: { id: 'asc' },
        take: PAGE,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      });
      for (const row of page) {
        report.subscriptions++;
        const stale = [row.secret, row.previousSecret].some((stored) => stored !== null && !this.box.isCurrent(stored));
        if (!stale) continue;
        let secret: string;
        let previousSecret: string | null;
        try {
          secret = this.box.seal(this.box.open(row.secret));
          previousSecret = row.previousSecret === null ? null : this.box.seal(this.box.open(row.previousSecret));
        } catch {
          report.unreadable.push(row.id);
          continue;
        }
        // Only where the secrets are still the ones read: a rotation in between keeps what it wrote.
        const { count } = await this.prisma.subscription.updateMany({
          where: { id: row.id, secret: row.secret, previousSecret: row.previousSecret },
          data: { secret, previousSecret },
        });
        report.resealed += count;
      }
      if (page.length < PAGE) return report;
      after = page[page.length - 1].id;
    }
  }
}
