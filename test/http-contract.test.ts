import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';
import { createKey, eventBody, expectProblem, token, type Client } from './support/factories';

let env: TestEnv;
let api: RunningApi;
let admin: Client;
let anon: Client;
let ingest: Client;

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anon = client(api.url);
  ingest = client(api.url, (await createKey(admin, 'ingest')).key);
});
afterAll(async () => api?.close());

describe('problem+json errors', () => {
  it('refuses unknown body fields, listing their paths', async () => {
    const res = await ingest('POST', '/v1/events', {
      body: eventBody({ colour: 'red', sources: [{ url: 'https://example.org/x', publisher: 'X', rating: 5 }] }),
    });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: 'is not a known field' },
        { path: 'sources[0].rating', message: 'is not a known field' },
      ]),
    );
    expect(res.body).toMatchObject({ type: expect.stringContaining('validation'), instance: '/v1/events', requestId: expect.any(String) });
  });

  it('is 400 for malformed JSON', async () => {
    const res = await ingest('POST', '/v1/events', { raw: '{"title": ', headers: { 'content-type': 'application/json' } });
    expectProblem(res, 400);
    expect(res.body.type).toContain('malformed_json');
  });

  it('is 400 for a JSON body that is not an object', async () => {
    expectProblem(await ingest('POST', '/v1/events', { raw: '"just a string"', headers: { 'content-type': 'application/json' } }), 400);
    expectProblem(await ingest('POST', '/v1/events', { raw: 'null', headers: { 'content-type': 'application/json' } }), 400);
    expectProblem(await ingest('POST', '/v1/events', { raw: '[1,2]', headers: { 'content-type': 'application/json' } }), 400);
  });

  it('is 413 for a body over 1 MB', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ summary: 'x'.repeat(1_100_000) }) });
    expectProblem(res, 413);
    expect(res.body.type).toContain('body_too_large');
  });

  it('is 415 for an unsupported content type', async () => {
    const res = await ingest('POST', '/v1/events', { raw: '<event/>', headers: { 'content-type': 'application/xml' } });
    expectProblem(res, 415);
    expect(res.body.type).toContain('unsupported_media_type');
  });

  it('is 404 problem+json for an unknown route or method', async () => {
    const res = await anon('GET', '/v1/nothing-here');
    expectProblem(res, 404);
    expectProblem(await anon('DELETE', '/v1/events'), 404);
  });

  it('is 404 problem+json for an unknown event, with instance and requestId', async () => {
    const res = await anon('GET', '/v1/events/no-such-event', { headers: { 'x-request-id': 'trace-abc-123' } });
    expectProblem(res, 404);
    expect(res.body).toMatchObject({
      instance: '/v1/events/no-such-event',
      requestId: 'trace-abc-123',
      detail: expect.stringContaining('no-such-event'),
    });
  });
});

describe('request ids', () => {
  it('keeps a given X-Request-Id', async () => {
    const id = `req-${token()}`;
    const res = await anon('GET', '/healthz', { headers: { 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
  });

  it('generates one when none (or an unusable one) is given', async () => {
    const a = await anon('GET', '/healthz');
    const b = await anon('GET', '/healthz');
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    const bad = await anon('GET', '/healthz', { headers: { 'x-request-id': 'has spaces and <tags>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is sent on errors too', async () => {
    const res = await anon('GET', '/v1/nothing-here', { headers: { 'x-request-id': 'err-1' } });
    expect(res.headers.get('x-request-id')).toBe('err-1');
  });
});

describe('operations', () => {
  it('GET /healthz is 200', async () => {
    const res = await anon('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 with postgres and redis ok', async () => {
    const res = await anon('GET', '/readyz');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: { ok: true }, redis: { ok: true } } });
  });

  it('GET /metrics counts requests by route template and status', async () => {
    await anon('GET', '/v1/events?limit=1');
    await anon('GET', '/v1/events/no-such-event');
    const res = await anon('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^http_requests_total\{[^}]*route="\/v1\/events"[^}]*status="200"[^}]*\} \d+/m);
    expect(res.text).toMatch(/^http_requests_total\{[^}]*route="\/v1\/events\/:ref"[^}]*status="404"[^}]*\} \d+/m);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).not.toContain('no-such-event');
  });

  it('GET /openapi.json is an OpenAPI 3 document listing the v1 routes', async () => {
    const res = await anon('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/events', '/v1/events/{ref}', '/v1/events/bulk', '/v1/events/{ref}/publish', '/v1/api-keys']),
    );
    expect(Object.keys(res.body.paths['/v1/events'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(res.body.components.securitySchemes).toBeDefined();
  });

  it('GET /docs serves an HTML page', async () => {
    const res = await fetch(`${api.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<html/i);
  });
});
