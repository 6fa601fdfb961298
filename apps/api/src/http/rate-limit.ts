import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Probes and scrapes are never limited: a monitor must always get through. */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * A per-client-address request budget per minute, counted in this process (behind N api processes a client gets
 * up to N times the budget). Over budget: 429 problem+json with Retry-After; every answer carries the
 * x-ratelimit-limit/-remaining/-reset headers. The address is the peer's, or X-Forwarded-For's when the peer is a
 * trusted proxy (TRUST_PROXY).
 */
export async function installRateLimit(fastify: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  await fastify.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => EXEMPT.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`More than ${context.max} requests a minute from this address; retry in ${context.after}`), {
        statusCode: 429,
        code: 'TT_RATE_LIMITED',
      }),
  });
}
