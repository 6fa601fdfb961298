import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Metrics } from '@app/observability';
import { problem, sendProblem } from './problem';

const NDJSON = /^application\/(x-)?ndjson/;

/**
 * What Nest does not see: body parsing errors (malformed JSON 400, too large 413, wrong media type 415),
 * request ids, NDJSON bodies and per-route metrics. Registered on the Fastify instance before Nest's routes.
 */
export function installFastifyHooks(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  fastify.addContentTypeParser(NDJSON, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  fastify.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'Unhandled error');
      sendProblem(request, reply, problem(500, 'internal', 'Something went wrong on our side; quote the requestId when reporting it'));
      return;
    }
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
            ? 'malformed_json'
            : `http_${status}`;
    sendProblem(request, reply, problem(status, code, error.message));
  });
}
