import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** Parses "0s,5s,5m,30m,2h" into milliseconds. */
export function parseDurationList(value: string): number[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseDuration);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a duration (use e.g. 500ms, 5s, 5m, 2h, 5d)`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}

/** A key that seals webhook secrets: 32 bytes in base64. */
const secretsKey = z.string().refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
});

const duration = z.string().transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** A duration no shorter than `minMs`: a sweep every 0 ms would spin. */
const durationAtLeast = (minMs: number, why: string) =>
  duration.refine((ms) => ms >= minMs, { message: `must be at least ${minMs} ms: ${why}` });

/** An entry of TRUST_PROXY as Fastify's proxy-addr takes it: a keyword, an address, address/prefix or address/netmask. */
function isTrustEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  if (ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry)) return true;
  const [address, mask] = entry.split('/');
  const fullMask = mask !== undefined && (ipaddr.IPv4.isValidFourPartDecimal(mask) || (mask.includes(':') && ipaddr.IPv6.isValid(mask)));
  return fullMask && ipaddr.isValid(address);
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/trade_timeline'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('tt'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), { message: 'must be an http or https URL' })
    .optional(),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  ADMIN_API_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Requests per minute per client address and api process; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /**
   * Which peers may set X-Forwarded-For/-Host/-Proto: `loopback` (a proxy on this machine), `true`, `false`, a
   * number of proxy hops, or addresses/CIDRs separated by commas. Trusting everyone would let any client pick its
   * own address.
   */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .refine((v) => ['true', 'false'].includes(v) || /^\d+$/.test(v) || v.split(',').every((entry) => isTrustEntry(entry.trim())), {
      message: 'must be true, false, a number of hops, or addresses, CIDRs and loopback / linklocal / uniquelocal separated by commas',
    })
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  RELATED_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  WEBHOOK_RETRY_SCHEDULE: z.string().default('0s,5s,5m,30m,2h,5h,10h,10h'),
  WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.2),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  WEBHOOK_DISABLE_AFTER: duration.default(5 * 86_400_000),
  WEBHOOK_ROTATION_OVERLAP: duration.default(86_400_000),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: bool.default(false),
  /** 32 random bytes in base64: webhook secrets are stored sealed with it (AES-256-GCM); unset, they are stored as given. */
  WEBHOOK_SECRETS_KEY: secretsKey.optional(),
  /** The key before WEBHOOK_SECRETS_KEY, while a key change is under way: still opens what it sealed, never seals. */
  WEBHOOK_SECRETS_PREVIOUS_KEY: secretsKey.optional(),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().positive().default(100),
  OUTBOX_SWEEP_INTERVAL: durationAtLeast(100, 'each sweep reads the outbox').default(2000),
  STUCK_DELIVERY_AFTER: durationAtLeast(1000, 'a delivery younger than that is still on its way').default(60_000),
  /** How long an Idempotency-Key is remembered: a request with the same key after that is a new request. */
  IDEMPOTENCY_KEY_TTL: durationAtLeast(1000, 'a retry needs time to come back').default(86_400_000),
  /** Outbox rows are deleted this long after their fan-out finished; 0d keeps them. */
  OUTBOX_RETENTION: duration.default(7 * 86_400_000),
  /** Succeeded and failed deliveries, with their attempts, are deleted this long after they were created; 0d keeps them. */
  WEBHOOK_DELIVERY_RETENTION: duration.default(90 * 86_400_000),
  /** How long the worker's graceful shutdown may take before it exits anyway; default WEBHOOK_TIMEOUT_MS + 15 s. */
  WORKER_SHUTDOWN_TIMEOUT: durationAtLeast(1000, 'in-flight deliveries need time to finish').optional(),
});

type Raw = z.infer<typeof schema>;

export interface AppConfig extends Omit<Raw, 'WEBHOOK_RETRY_SCHEDULE' | 'WORKER_SHUTDOWN_TIMEOUT'> {
  WEBHOOK_RETRY_SCHEDULE: number[];
  WORKER_SHUTDOWN_TIMEOUT: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; every other module receives the typed result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  let retrySchedule: number[];
  try {
    retrySchedule = parseDurationList(result.data.WEBHOOK_RETRY_SCHEDULE);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  WEBHOOK_RETRY_SCHEDULE: ${(error as Error).message}`);
  }
  if (retrySchedule.length === 0) {
    throw new ConfigError('Invalid configuration:\n  WEBHOOK_RETRY_SCHEDULE: needs at least one attempt');
  }
  return {
    ...result.data,
    WEBHOOK_RETRY_SCHEDULE: retrySchedule,
    WORKER_SHUTDOWN_TIMEOUT: result.data.WORKER_SHUTDOWN_TIMEOUT ?? result.data.WEBHOOK_TIMEOUT_MS + 15_000,
  };
}
