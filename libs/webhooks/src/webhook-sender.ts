import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent, request } from 'undici';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { parseRetryAfter } from './retry-policy';
import { assertPublicUrl, guardedLookup } from './url-safety';

const RESPONSE_SNIPPET_BYTES = 2048;

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseBody: string | null;
  retryAfterMs?: number;
}

/**
 * POSTs one webhook: no redirects followed (a 3xx is a failure), a hard timeout, only the start of the
 * response kept, and — unless private networks are allowed — only public addresses, checked at connect time.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly agent: Agent;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 64,
      headersTimeout: config.WEBHOOK_TIMEOUT_MS,
      bodyTimeout: config.WEBHOOK_TIMEOUT_MS,
      connect: {
        timeout: Math.min(config.WEBHOOK_TIMEOUT_MS, 10_000),
        ...(config.WEBHOOK_ALLOW_PRIVATE_NETWORKS ? {} : { lookup: guardedLookup }),
      },
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      await assertPublicUrl(url, this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS);
    } catch (error) {
      return { ok: false, statusCode: null, durationMs: elapsed(), error: (error as Error).message, responseBody: null };
    }
    // The whole attempt's deadline (connect, headers and a body that trickles in), cleared as soon as the attempt
    // ends. Not AbortSignal.timeout, whose timer stays armed for the full timeout after the attempt is over: at
    // 1,400 sends/s some 21,000 were armed at once, each outliving the young generation, and the worker ran a full
    // collection every 0.7 s in bench:webhooks (every 1.2 s with this).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.config.WEBHOOK_TIMEOUT_MS);
    try {
      const response = await request(url, { method: 'POST', headers, body, dispatcher: this.agent, signal: deadline.signal });
      const responseBody = await readSnippet(response.body);
      const statusCode = response.statusCode;
      const ok = statusCode >= 200 && statusCode < 300;
      const retryAfterMs = statusCode === 429 || statusCode === 503 ? parseRetryAfter(response.headers['retry-after']) : undefined;
      let error: string | null = null;
      if (statusCode >= 300 && statusCode < 400) error = `redirect to ${String(response.headers.location ?? '?')} not followed`;
      else if (!ok) error = `HTTP ${statusCode}`;
      return { ok, statusCode, durationMs: elapsed(), error, responseBody, retryAfterMs };
    } catch (error) {
      const err = error as Error & { code?: string };
      const timedOut = deadline.signal.aborted || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT';
      const message = timedOut ? `timed out after ${this.config.WEBHOOK_TIMEOUT_MS} ms` : err.message;
      return { ok: false, statusCode: null, durationMs: elapsed(), error: message, responseBody: null };
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}

async function readSnippet(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_SNIPPET_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES).toString('utf8');
}

/** A delivery attempt that failed; the queue's backoff waits `delayMs` before the next one. */
export class DeliveryAttemptFailed extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'DeliveryAttemptFailed';
  }
}
