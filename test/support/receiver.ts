import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
}

export type Responder = (
  hook: ReceivedWebhook,
  index: number,
) => { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/** A real HTTP server that records every webhook it receives and answers as the test scripts it. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  responder: Responder = () => ({ status: 204 });
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const hook = { headers: req.headers, body, json, at: Date.now() };
        const index = this.received.push(hook) - 1;
        const answer = this.responder(hook, index);
        const send = () => res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? 'ok');
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
