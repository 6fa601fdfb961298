import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's X-Request-Id when it is sane, a fresh uuid otherwise. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** pino settings shared by both processes: JSON lines, secrets redacted. */
export function loggerParams(config: AppConfig, processName: 'api' | 'worker'): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { process: processName },
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.secret'],
      genReqId: (req: IncomingMessage & { requestId?: string }) => req.requestId ?? requestIdFor(req),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
