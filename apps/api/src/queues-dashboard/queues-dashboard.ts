import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService, roleSatisfies } from '@app/access';
import { QueuesService } from '@app/queue';
import { problem, sendProblem } from '../http/problem';

export const QUEUES_DASHBOARD_PATH = '/admin/queues';

/** The API key from `Authorization: Bearer <key>`, or a browser's Basic prompt with the key as password. */
function keyFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

/** bull-board over every queue, at /admin/queues, for admin keys only. */
export async function mountQueuesDashboard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get(QueuesService);
  const keys = app.get(ApiKeysService);
  const serverAdapter = new BullBoardAdapter();
  serverAdapter.setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const key = keyFrom(request.headers.authorization);
        const principal = key ? await keys.authenticate(key).catch(() => undefined) : undefined;
        if (!principal || !roleSatisfies(principal.role, 'admin')) {
          void reply.header('www-authenticate', 'Basic realm="Trade Timeline queues (password: admin API key)"');
          sendProblem(
            request,
            reply,
            problem(principal ? 403 : 401, principal ? 'forbidden' : 'unauthenticated', 'The queue dashboard needs an admin API key'),
          );
          return reply;
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUES_DASHBOARD_PATH },
  );
}
