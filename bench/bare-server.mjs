// The baseline: a bare Fastify server sending the same bytes and headers as the api's /feed.json,
// and the same 304 for a matching If-None-Match. Started by bench/feeds.mjs, pinned to its own CPU.
import Fastify from 'fastify';

const { BODY_FILE, ETAG, PORT } = process.env;
const { readFileSync } = await import('node:fs');
const body = readFileSync(BODY_FILE); // bytes, as the api's render cache holds them
const app = Fastify({ logger: false });
app.get('/feed.json', async (request, reply) => {
  void reply.header('etag', ETAG).header('cache-control', 'public, max-age=60');
  if (request.headers['if-none-match'] === ETAG) return reply.status(304).send();
  return reply.header('content-type', 'application/feed+json; charset=utf-8').send(body);
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
console.log(`bare fastify on ${PORT}`);
