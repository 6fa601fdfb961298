import type { FastifyReply, FastifyRequest } from 'fastify';

/** The externally visible origin: PUBLIC_BASE_URL when set, else what the request says. */
export function originOf(request: FastifyRequest, publicBaseUrl?: string): string {
  if (publicBaseUrl) return publicBaseUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** The same URL with `cursor` replaced: where the next page is. */
export function pageUrl(request: FastifyRequest, cursor: string, publicBaseUrl?: string): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('cursor', cursor);
  return `${originOf(request, publicBaseUrl)}${url.pathname}${url.search}`;
}

/** Sets `Link: <…>; rel="next"` when there is a next page. */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null, publicBaseUrl?: string): void {
  if (nextCursor) void reply.header('link', `<${pageUrl(request, nextCursor, publicBaseUrl)}>; rel="next"`);
}
