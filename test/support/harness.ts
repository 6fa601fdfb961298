import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { inject } from 'vitest';
import { cloneTemplate } from './databases';
import { WebhookReceiver } from './receiver';

export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  adminKey: string;
}

/**
 * A test file's own world: a database cloned from the seeded template, its own Redis key prefix,
 * and process.env set so that the api and the worker built afterwards use them.
 */
export async function createTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const id = randomBytes(4).toString('hex');
  const name = `${inject('runPrefix')}_${id}`;
  const databaseUrl = await cloneTemplate(inject('templateDatabase'), name);
  const env: TestEnv = {
    databaseUrl,
    redisUrl: overrides.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `${inject('runPrefix')}:${id}`,
    adminKey: `admin-${randomBytes(24).toString('hex')}`,
  };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.queuePrefix,
    ADMIN_API_KEY: env.adminKey,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // Secrets stored sealed, as in production (test/webhooks.test.ts also covers a plain one).
    WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    // Every test client comes from 127.0.0.1; test/rate-limit.test.ts turns the limit on.
    RATE_LIMIT_PER_MINUTE: '0',
    ...overrides,
  });
  return env;
}

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The real api on an ephemeral port: tests talk to it over HTTP with fetch. */
export async function startApi(): Promise<RunningApi> {
  const { createApiApp } = await import('../../apps/api/src/app.factory');
  const app = await createApiApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A small HTTP client for tests: JSON in, status + headers + parsed body out. */
export function client(baseUrl: string, key?: string) {
  return async function request(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string>; key?: string | null } = {},
  ): Promise<{ status: number; headers: Headers; body: any; text: string }> {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.key === null ? undefined : (options.key ?? key);
    if (auth) headers.authorization = `Bearer ${auth}`;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body, text };
  };
}

export interface RunningWorker {
  app: import('@nestjs/common').INestApplicationContext;
  close(): Promise<void>;
}

/** The real worker (outbox relay, fan-out, delivery) in this process, on the test's database and Redis prefix. */
export async function startWorker(): Promise<RunningWorker> {
  const { NestFactory } = await import('@nestjs/core');
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await app.init();
  return { app, close: () => app.close() };
}

/** What most webhook tests run against: their own environment, the api, the worker and a receiver. */
export interface RunningStack {
  env: TestEnv;
  api: RunningApi;
  worker: RunningWorker;
  receiver: WebhookReceiver;
  /** An admin-key client of the api. */
  admin: ReturnType<typeof client>;
  close(): Promise<void>;
}

export async function startStack(overrides: Record<string, string> = {}): Promise<RunningStack> {
  const env = await createTestEnv(overrides);
  const api = await startApi();
  const worker = await startWorker();
  const receiver = await new WebhookReceiver().start();
  return {
    env,
    api,
    worker,
    receiver,
    admin: client(api.url, env.adminKey),
    close: async () => {
      await worker.close();
      await api.close();
      await receiver.close();
    },
  };
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
