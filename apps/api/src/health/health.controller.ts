import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DatabaseHealth } from '@app/db';
import { Metrics } from '@app/observability';
import { QueuesService } from '@app/queue';
import { QueueStatsService } from '@app/webhooks';

async function check(probe: () => Promise<void>, timeoutMs = 2000): Promise<{ ok: boolean; error?: string }> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly queues: QueuesService,
    private readonly metrics: Metrics,
    private readonly queueStats: QueueStatsService,
  ) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer (503 otherwise)' })
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const [postgres, redis] = await Promise.all([check(() => this.database.ping()), check(() => this.queues.ping())]);
    const ready = postgres.ok && redis.ok;
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', checks: { postgres, redis } };
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-store')
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    // Queue depth and outbox lag are read at scrape time; a slow Redis must not fail the scrape.
    await check(() => this.queueStats.refresh().then(() => undefined), 1000);
    void reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
