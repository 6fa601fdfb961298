import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, isUniqueViolation } from '@app/db';

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

  async find(keyId: string, idempotencyKey: string): Promise<StoredResponse | null> {
    const row = await this.prisma.idempotencyRecord.findUnique({ where: { keyId_idempotencyKey: { keyId, idempotencyKey } } });
    return row ? { requestHash: row.requestHash, statusCode: row.statusCode, body: row.body, location: row.location } : null;
  }

  /** Stores the first response; a concurrent twin that lost the race keeps the winner's. */
  async save(keyId: string, idempotencyKey: string, response: StoredResponse): Promise<void> {
    try {
      await this.prisma.idempotencyRecord.create({
        data: {
          keyId,
          idempotencyKey,
          requestHash: response.requestHash,
          statusCode: response.statusCode,
          body: response.body as Prisma.InputJsonValue,
          location: response.location,
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
    return count;
  }
}
