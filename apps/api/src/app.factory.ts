import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { loadConfig } from '@app/config';
import { Metrics, requestIdFor } from '@app/observability';
import { AppModule } from './app.module';
import { installFastifyHooks, jsonBodyParser } from './http/fastify-hooks';
import { installRateLimit } from './http/rate-limit';
import { createValidationPipe } from './http/validation';
import { mountQueuesDashboard } from './queues-dashboard/queues-dashboard';
import { mountAdminUi } from './admin-ui/admin-ui';

const trustHops =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;

/** Builds the api application (used by main.ts and by the tests). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const config = loadConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A number is hops: the nth address from the socket is the client's (as Fastify reads a number; its typings
    // in Nest's adapter take the function form only).
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    genReqId: (req: IncomingMessage & { requestId?: string }) => {
      req.requestId = requestIdFor(req);
      return req.requestId;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  installFastifyHooks(app.getHttpAdapter().getInstance(), app.get(Metrics));
  app.useBodyParser('application/json', { bodyLimit: config.BODY_LIMIT_BYTES }, jsonBodyParser(app.getHttpAdapter().getInstance()));
  await installRateLimit(app.getHttpAdapter().getInstance(), config.RATE_LIMIT_PER_MINUTE);
  app.useGlobalPipes(createValidationPipe());
  await mountQueuesDashboard(app);
  await mountAdminUi(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Trade Timeline API')
      .setDescription('A curated, sourced timeline of trade-war events: REST v1, feeds and signed webhooks.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  return app;
}
