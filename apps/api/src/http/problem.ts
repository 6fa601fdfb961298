import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainErrorCode, FieldError } from '@app/domain';

/** RFC 9457 problem details, as every error of this API is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const STATUS_OF: Record<DomainErrorCode, number> = {
  not_found: 404,
  validation: 400,
  conflict: 409,
  duplicate_event: 409,
  precondition_required: 428,
  precondition_failed: 412,
  idempotency_mismatch: 422,
  unauthenticated: 401,
  forbidden: 403,
  invalid_state: 409,
  unsafe_url: 400,
};

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  TT_RATE_LIMITED: 'rate_limited',
};

/** The problem code of an error Fastify raised before a route ran (body parsing), else `http_<status>`. */
export function fastifyErrorCode(error: { code?: unknown }, status: number): string {
  return (
    (typeof error.code === 'string' && FASTIFY_CODES[error.code]) || (error instanceof SyntaxError ? 'malformed_json' : `http_${status}`)
  );
}

export function problemType(code: string): string {
  return `urn:trade-timeline:problem:${code}`;
}

export function problem(status: number, code: string, detail?: string, extra: Record<string, unknown> = {}): Problem {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: Problem): void {
  const full: Problem = { ...body, instance: request.url.split('?')[0], requestId: String(request.id) };
  if (body.status === 401) reply.header('www-authenticate', 'Bearer realm="trade-timeline"');
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(full));
}
