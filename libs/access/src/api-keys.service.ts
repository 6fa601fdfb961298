import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Author, NotFoundError, UnauthenticatedError, ValidationError } from '@app/domain';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret';
import { ApiKeyRecord, ApiKeysRepository, AuditEntryRecord } from './api-keys.repository';
import type { Principal, Role } from './roles';

const TOUCH_EVERY_MS = 60_000;
const MAX_BIGINT = 2n ** 63n - 1n;

/** An audit cursor is the id of the last entry seen: a positive bigint, else 400 (not a database error). */
function auditCursor(value: string): bigint {
  const id = /^\d{1,19}$/.test(value) ? BigInt(value) : 0n;
  if (id < 1n || id > MAX_BIGINT) {
    throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'is not a cursor this API issued' }]);
  }
  return id;
}

@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** ADMIN_API_KEY, when set, is an admin key from the first start on. */
  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.ADMIN_API_KEY;
    if (!key) return;
    await this.keys.ensure({ name: 'bootstrap admin (ADMIN_API_KEY)', role: 'admin', prefix: displayPrefix(key), hash: hashApiKey(key) });
    this.logger.log('Admin key from ADMIN_API_KEY is active');
  }

  /** Mints a key; the clear key is returned once and never stored. */
  async create(name: string, role: Role, author: Author): Promise<ApiKeyRecord & { key: string }> {
    const key = generateApiKey();
    const record = await this.keys.create({ name, role, prefix: displayPrefix(key), hash: hashApiKey(key) }, author);
    return { ...record, key };
  }

  async authenticate(key: string): Promise<Principal> {
    const record = await this.keys.findActiveByHash(hashApiKey(key));
    if (!record) throw new UnauthenticatedError('Unknown or revoked API key');
    const now = Date.now();
    if ((this.lastTouched.get(record.id) ?? 0) < now - TOUCH_EVERY_MS) {
      this.lastTouched.set(record.id, now);
      await this.keys.touch(record.id, new Date(now));
    }
    return { keyId: record.id, name: record.name, role: record.role };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }

  async get(id: string): Promise<ApiKeyRecord> {
    const key = await this.keys.findById(id);
    if (!key) throw new NotFoundError('API key', id);
    return key;
  }

  async revoke(id: string, author: Author): Promise<void> {
    const key = await this.keys.revoke(id, author);
    if (!key) throw new NotFoundError('API key', id);
  }

  audit(limit: number, before?: string): Promise<AuditEntryRecord[]> {
    return this.keys.auditPage(limit, before === undefined ? undefined : auditCursor(before));
  }
}
