import type { Prisma, PrismaTx } from '@app/db';
import type { Author } from '@app/domain';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/**
 * Writes an audit row inside the caller's transaction, so the change and its audit entry commit together.
 * Called from repositories only.
 */
export async function writeAudit(tx: PrismaTx, author: Author, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: {
      keyId: author.keyId,
      keyName: author.name,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      details: (record.details ?? {}) as Prisma.InputJsonValue,
      requestId: author.requestId ?? null,
    },
  });
}
