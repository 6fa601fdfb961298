import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
  location: string | null;
}

/** Responses remembered per (API key, Idempotency-Key), so a retried POST replays instead of repeating. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The response stored for the key, unless it was stored before `notBefore` (expired: the key is free again). */
  async find(keyId: string, idempotencyKey: string, notBefore: Date): Promise<StoredResponse | null> {
    const row = await this.prisma.idempotencyRecord.findUnique({ where: { keyId_idempotencyKey: { keyId, idempotencyKey } } });
    if (!row || row.createdAt < notBefore) return null;
    return { requestHash: row.requestHash, statusCode: row.statusCode, body: row.body, location: row.location };
  }

  /**
   * Stores the first response; a concurrent twin that lost the race keeps the winner's. An expired record of the same
   * key (not yet purged) is replaced, so that the new request is the one a retry replays.
   */
  async save(keyId: string, idempotencyKey: string, response: StoredResponse, expiredBefore: Date): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO idempotency_records (key_id, idempotency_key, request_hash, status_code, body, location, created_at)
      VALUES (${keyId}::uuid, ${idempotencyKey}, ${response.requestHash}, ${response.statusCode},
        ${JSON.stringify(response.body)}::jsonb, ${response.location}, now())
      ON CONFLICT (key_id, idempotency_key) DO UPDATE
        SET request_hash = excluded.request_hash, status_code = excluded.status_code, body = excluded.body,
          location = excluded.location, created_at = excluded.created_at
        WHERE idempotency_records.created_at < ${expiredBefore}`;
  }

  /** Deletes up to `limit` records stored before `cutoff`; returns how many. */
  async purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM idempotency_records WHERE (key_id, idempotency_key) IN (
        SELECT key_id, idempotency_key FROM idempotency_records WHERE created_at < ${cutoff}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  }
}
