import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration, parseDurationList } from './config';

function configErrorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/trade_timeline',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'tt',
      PORT: 3000,
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1_048_576,
      RELATED_WINDOW_DAYS: 30,
      WEBHOOK_DISABLE_AFTER: 5 * 86_400_000,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
      IDEMPOTENCY_KEY_TTL: 86_400_000,
      OUTBOX_RETENTION: 7 * 86_400_000,
      WEBHOOK_DELIVERY_RETENTION: 90 * 86_400_000,
    });
    expect(config.ADMIN_API_KEY).toBeUndefined();
    expect(config.WEBHOOK_RETRY_SCHEDULE).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(config.WORKER_SHUTDOWN_TIMEOUT).toBe(30_000); // WEBHOOK_TIMEOUT_MS + 15 s
    expect(loadConfig({ WEBHOOK_TIMEOUT_MS: '5000' }).WORKER_SHUTDOWN_TIMEOUT).toBe(20_000);
    expect(loadConfig({ WORKER_SHUTDOWN_TIMEOUT: '2m' }).WORKER_SHUTDOWN_TIMEOUT).toBe(120_000);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', ADMIN_API_KEY: '' });
    expect(config.PORT).toBe(3000);
    expect(config.ADMIN_API_KEY).toBeUndefined();
  });

  it('coerces numbers, booleans and durations', () => {
    const config = loadConfig({
      PORT: '8080',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes',
      WEBHOOK_DISABLE_AFTER: '2h',
      WEBHOOK_RETRY_SCHEDULE: '0s, 1s,1.5m',
    });
    expect(config.PORT).toBe(8080);
    expect(config.WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(config.WEBHOOK_DISABLE_AFTER).toBe(7_200_000);
    expect(config.WEBHOOK_RETRY_SCHEDULE).toEqual([0, 1000, 90_000]);
  });

  it('takes a WEBHOOK_SECRETS_KEY of 32 bytes in base64 only', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ WEBHOOK_SECRETS_KEY: key }).WEBHOOK_SECRETS_KEY).toBe(key);
    for (const bad of [Buffer.alloc(16).toString('base64'), 'not base64 at all!', 'x'.repeat(44)]) {
      expect(configErrorOf({ WEBHOOK_SECRETS_KEY: bad })).toContain('WEBHOOK_SECRETS_KEY');
    }
  });

  it('takes the TRUST_PROXY forms Fastify takes (a number is hops), and names the variable for any other', () => {
    for (const good of [
      'true',
      'false',
      'loopback',
      '10.0.0.1',
      '10.0.0.0/8',
      '10.0.0.0/255.0.0.0',
      'loopback, 192.168.0.0/16',
      'fd00::/8',
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: good }), good).not.toThrow();
    }
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2); // hops, not the address 0.0.0.2
    for (const bad of ['300.1.1.1/99', 'garbage', '10.0.0.0/99', 'loopback,,', '-1']) {
      expect(configErrorOf({ TRUST_PROXY: bad }), bad).toContain('TRUST_PROXY');
    }
    expect(configErrorOf({ PUBLIC_BASE_URL: 'ftp://example.org' })).toContain('PUBLIC_BASE_URL');
  });

  it('keeps outbox rows and deliveries forever with a retention of 0d, and refuses an Idempotency-Key TTL under a second', () => {
    expect(loadConfig({ OUTBOX_RETENTION: '0d', WEBHOOK_DELIVERY_RETENTION: '0d' })).toMatchObject({
      OUTBOX_RETENTION: 0,
      WEBHOOK_DELIVERY_RETENTION: 0,
    });
    expect(configErrorOf({ IDEMPOTENCY_KEY_TTL: '0s' })).toContain('IDEMPOTENCY_KEY_TTL');
  });

  it('refuses sweeps so frequent that they would spin', () => {
    expect(() => loadConfig({ OUTBOX_SWEEP_INTERVAL: '0s' })).toThrow(/OUTBOX_SWEEP_INTERVAL: must be at least 100 ms/);
    expect(() => loadConfig({ STUCK_DELIVERY_AFTER: '1ms' })).toThrow(/STUCK_DELIVERY_AFTER: must be at least 1000 ms/);
    expect(loadConfig({ OUTBOX_SWEEP_INTERVAL: '100ms', STUCK_DELIVERY_AFTER: '1s' })).toMatchObject({
      OUTBOX_SWEEP_INTERVAL: 100,
      STUCK_DELIVERY_AFTER: 1000,
    });
  });

  it('refuses an ADMIN_API_KEY shorter than 32 characters, naming the variable', () => {
    const message = configErrorOf({ ADMIN_API_KEY: 'short-key' });
    expect(message).toContain('ADMIN_API_KEY');
    expect(message).toContain('32');
    expect(loadConfig({ ADMIN_API_KEY: 'k'.repeat(32) }).ADMIN_API_KEY).toBe('k'.repeat(32));
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['WEBHOOK_DISABLE_AFTER', '5 days'],
    ['WEBHOOK_RETRY_SCHEDULE', '0s,soon'],
    ['WEBHOOK_RETRY_SCHEDULE', ','],
  ])('names %s when it is %j', (name, value) => {
    expect(configErrorOf({ [name]: value })).toContain(name);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['5d', 432_000_000],
    ['0.5s', 500],
    [' 1m ', 60_000],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it.each(['5', '5 s', 's', '-5s', '5w', ''])('refuses %j with a message quoting it', (value) => {
    expect(() => parseDuration(value)).toThrow(`"${value}" is not a duration`);
  });

  it('reads a list, skipping empty parts', () => {
    expect(parseDurationList('0s,5s,,5m')).toEqual([0, 5000, 300_000]);
  });
});
