import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { Author } from '@app/domain';
import { writeAudit } from './audit';
import type { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const SELECT = { id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export interface AuditEntryRecord {
  id: string;
  keyId: string | null;
  keyName: string;
  action: string;
  targetType: string;
  targetId: string;
  details: unknown;
  requestId: string | null;
  createdAt: Date;
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: { name: string; role: Role; prefix: string; hash: string }, author: Author): Promise<ApiKeyRecord> {
    return this.prisma.$transaction(async (tx) => {
      const key = await tx.apiKey.create({ data: input, select: SELECT });
      await writeAudit(tx, author, {
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: key.id,
        details: { name: key.name, role: key.role },
      });
      return key;
    });
  }

  /** Creates the key unless one with this hash exists (bootstrap from ADMIN_API_KEY, run by every api process). */
  async ensure(input: { name: string; role: Role; prefix: string; hash: string }): Promise<void> {
    await this.prisma.apiKey.upsert({ where: { hash: input.hash }, create: input, update: { revokedAt: null, role: input.role } });
  }

  /** Runs on every authenticated request: raw, so that Prisma's query compiler does not run each time. */
  async findActiveByHash(hash: string): Promise<ApiKeyRecord | null> {
    const rows = await this.prisma.$queryRaw<ApiKeyRecord[]>`
      SELECT id::text, name, role::text, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
      FROM api_keys WHERE hash = ${hash} AND revoked_at IS NULL`;
    return rows[0] ?? null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }

  async list(): Promise<ApiKeyRecord[]> {
    return this.prisma.apiKey.findMany({ select: SELECT, orderBy: { createdAt: 'desc' } });
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    return this.prisma.apiKey.findUnique({ where: { id }, select: SELECT });
  }

  async revoke(id: string, author: Author): Promise<ApiKeyRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.apiKey.findUnique({ where: { id }, select: SELECT });
      if (!existing) return null;
      if (existing.revokedAt) return existing;
      const key = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: SELECT });
      await writeAudit(tx, author, { action: 'api_key.revoked', targetType: 'api_key', targetId: id, details: { name: key.name } });
      return key;
    });
  }

  async auditPage(limit: number, beforeId?: bigint): Promise<AuditEntryRecord[]> {
    const rows = await this.prisma.auditEntry.findMany({
      where: beforeId ? { id: { lt: beforeId } } : undefined,
      orderBy: { id: 'desc' },
      take: limit,
    });
    return rows.map((r) => ({ ...r, id: r.id.toString() }));
  }
}
