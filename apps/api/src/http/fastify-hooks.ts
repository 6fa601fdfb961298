import type { FastifyBodyParser, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Metrics } from '@app/observability';
import { assertStorableText } from './validation';

const NDJSON = /^application\/(x-)?ndjson/;

/**
 * What Nest does not see: request ids, text checks on query and path, NDJSON bodies and per-route metrics. Registered on the Fastify
 * instance before Nest's routes. Body parsing errors (malformed JSON, too large, wrong media type) reach
 * Nest's error handler and so the ProblemFilter, which names them (see fastifyErrorCode).
 */
export function installFastifyHooks(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // Query strings and path parameters reach SQL as text too; bodies are checked by the validation pipe.
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      assertStorableText(request.query);
      assertStorableText(request.params);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  fastify.addContentTypeParser(NDJSON, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
}

/**
 * The JSON body parser, for Nest's useBodyParser: an empty body with a JSON content type (many clients set the header
 * on every request) is no body, as for a request without one. The routes that take none (DELETE, enable,
 * rotate-secret…) proceed, and a route that needs one answers 400 from its validation. Anything else goes to
 * Fastify's own parser, with its prototype-poisoning checks.
 */
export function jsonBodyParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else void parseJson(request, body.toString('utf8'), done);
  };
}
