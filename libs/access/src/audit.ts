import { Prisma, type PrismaTx } from '@app/db';
import type { Author } from '@app/domain';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** The INSERT of one audit row, for a write that adds it to a statement of its own (see EventWritesRepository.record). */
export function auditInsertSql(author: Author, record: AuditRecord): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO audit_entries (key_id, key_name, action, target_type, target_id, details, request_id, created_at)
    VALUES (${author.keyId}::uuid, ${author.name}, ${record.action}, ${record.targetType}, ${record.targetId},
      ${JSON.stringify(record.details ?? {})}::jsonb, ${author.requestId ?? null}, ${new Date()})`;
}

/**
 * Writes an audit row inside the caller's transaction, so the change and its audit entry commit together.
 * Called from repositories only.
 */
export async function writeAudit(tx: PrismaTx, author: Author, record: AuditRecord): Promise<void> {
  await tx.$executeRaw(auditInsertSql(author, record));
}
