import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '@app/config';
import { WebhookSender } from './webhook-sender';

const TIMEOUT_MS = 400;

describe('WebhookSender', () => {
  let server: Server | undefined;
  let sender: WebhookSender | undefined;

  afterEach(async () => {
    await sender?.onApplicationShutdown();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = sender = undefined;
  });

  async function receiver(listener: RequestListener): Promise<string> {
    server = createServer(listener);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    sender = new WebhookSender({ WEBHOOK_TIMEOUT_MS: TIMEOUT_MS, WEBHOOK_ALLOW_PRIVATE_NETWORKS: true } as AppConfig);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  }

  it('ends an attempt whose body keeps trickling in at the timeout, though no single wait is that long', async () => {
    const url = await receiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(drip));
    });
    // Without a deadline this send would never end: the drip goes on until the connection closes.
    const outcome = await sender!.send(url, {}, '{}');
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: `timed out after ${TIMEOUT_MS} ms` });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  });

  it('ends an attempt whose answer does not come in time', async () => {
    const url = await receiver((_req, res) => {
      setTimeout(() => res.writeHead(204).end(), TIMEOUT_MS * 3).unref();
    });
    const outcome = await sender!.send(url, {}, '{}');
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: `timed out after ${TIMEOUT_MS} ms` });
  });

  it('leaves no timer behind once an attempt is over', async () => {
    const url = await receiver((_req, res) => res.writeHead(204).end());
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => sender!.send(url, {}, '{}')));
    expect(outcomes.every((o) => o.ok && o.statusCode === 204)).toBe(true);
    // Each attempt arms a deadline while in flight; one left armed would hold the attempt's objects for the whole
    // timeout.
    expect(timers()).toBeLessThanOrEqual(before + 1);
  });
});
