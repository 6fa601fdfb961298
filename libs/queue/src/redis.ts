import { Redis, type RedisOptions } from 'ioredis';

/** A Redis connection for BullMQ (which needs maxRetriesPerRequest: null on workers). */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
  // ioredis reconnects by itself; outages surface through /readyz, failed adds and the queues' own
  // 'error' events, so the connection's errors need no second report (and must not crash the process).
  redis.on('error', () => undefined);
  return redis;
}

/** Resolves when Redis answers PING within `timeoutMs`, rejects otherwise; leaves no connection behind. */
export async function pingRedis(url: string, timeoutMs = 2000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no PING answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } finally {
    redis.disconnect();
  }
}
