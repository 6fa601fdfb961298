import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountAdminUi } from './admin-ui';

let root: string;
let fastify: FastifyInstance;

/** mountAdminUi only needs the Fastify instance under the Nest application. */
async function mount(): Promise<void> {
  fastify = Fastify();
  const app = { getHttpAdapter: () => ({ getInstance: () => fastify }) } as unknown as NestFastifyApplication;
  await mountAdminUi(app, root);
  await fastify.ready();
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'admin-ui-'));
});

afterEach(async () => {
  await fastify?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the admin UI at /admin', () => {
  it('answers 503 problem+json telling to build it while dist/admin has no index.html', async () => {
    await mount();
    for (const url of ['/admin', '/admin/', '/admin/events/1']) {
      const response = await fastify.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 503, detail: expect.stringContaining('npm run build') });
    }
  });

  describe('once built', () => {
    beforeEach(async () => {
      writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
      mkdirSync(path.join(root, 'assets'));
      writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
      writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
      await mount();
    });

    it('redirects /admin to /admin/ and serves index.html there', async () => {
      const bare = await fastify.inject({ method: 'GET', url: '/admin' });
      expect(bare.statusCode).toBe(302);
      expect(bare.headers.location).toBe('/admin/');
      const index = await fastify.inject({ method: 'GET', url: '/admin/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<div id="root">');
    });

    it('answers deep links with index.html, revalidated, so the client-side router takes over', async () => {
      const deep = await fastify.inject({ method: 'GET', url: '/admin/events/5b7c/history?x=1' });
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toContain('text/html');
      expect(deep.headers['cache-control']).toBe('no-cache');
      expect(deep.body).toContain('<div id="root">');
    });

    it('serves fingerprinted assets as immutable and other files as revalidated', async () => {
      const asset = await fastify.inject({ method: 'GET', url: '/admin/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe('console.log(1)');
      expect(asset.headers['cache-control']).toContain('immutable');
      const icon = await fastify.inject({ method: 'GET', url: '/admin/favicon.svg' });
      expect(icon.headers['cache-control']).toBe('no-cache');
    });

    it('never serves a file outside dist/admin', async () => {
      writeFileSync(path.join(path.dirname(root), `${path.basename(root)}-secret.txt`), 'secret');
      try {
        for (const url of [`/admin/..%2F${path.basename(root)}-secret.txt`, '/admin/%2e%2e/%2e%2e/etc/passwd', '/admin/%00']) {
          const response = await fastify.inject({ method: 'GET', url });
          expect(response.body, url).not.toContain('secret');
          expect(response.body, url).not.toContain('root:');
        }
      } finally {
        rmSync(path.join(path.dirname(root), `${path.basename(root)}-secret.txt`), { force: true });
      }
    });

    it('leaves /admin/queues to the queue dashboard', async () => {
      for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
        const response = await fastify.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('<div id="root">');
      }
    });
  });
});
