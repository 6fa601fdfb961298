import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { problem, sendProblem } from '../http/problem';
import { QUEUES_DASHBOARD_PATH } from '../queues-dashboard/queues-dashboard';

export const ADMIN_UI_PATH = '/admin';

/** dist/admin of the checkout: found from this file (source or built), else from the working directory. */
export function adminUiRoot(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'admin');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return path.resolve('dist', 'admin');
}

/** A file of the build under `root` for a path below /admin/, or undefined (not a file, or outside root). */
function fileFor(root: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(ADMIN_UI_PATH.length + 1));
  } catch {
    return undefined;
  }
  if (!relative || relative.includes('\0')) return undefined;
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) return undefined;
  return existsSync(full) && statSync(full).isFile() ? path.relative(root, full) : undefined;
}

/**
 * Serves the admin UI (built by `npm run build:admin`) at /admin: files as they are, any other path
 * below /admin/ as index.html so deep links work — except /admin/queues, which is the queue dashboard's.
 */
export async function mountAdminUi(app: NestFastifyApplication, root = adminUiRoot()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root, serve: false, decorateReply: true });

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const urlPath = request.url.split('?')[0];
    if (urlPath === QUEUES_DASHBOARD_PATH || urlPath.startsWith(`${QUEUES_DASHBOARD_PATH}/`)) {
      sendProblem(request, reply, problem(404, 'not_found', `No route ${urlPath}`));
      return reply;
    }
    if (!existsSync(path.join(root, 'index.html'))) {
      sendProblem(
        request,
        reply,
        problem(503, 'admin_ui_not_built', 'The admin UI is not built: run `npm run build:admin` (or `npm run build`)'),
      );
      return reply;
    }
    if (urlPath === ADMIN_UI_PATH) return reply.redirect(`${ADMIN_UI_PATH}/`, 302);
    const file = fileFor(root, urlPath);
    if (file) {
      // Vite fingerprints what it puts under assets/: those never change; anything else is revalidated.
      const immutable = file.startsWith(`assets${path.sep}`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(file, { cacheControl: false });
    }
    void reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
  };

  fastify.get(ADMIN_UI_PATH, handler);
  fastify.get(`${ADMIN_UI_PATH}/*`, handler);
}
