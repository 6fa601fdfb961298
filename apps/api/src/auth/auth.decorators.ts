import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from '@app/access';
import type { Author } from '@app/domain';

export const REQUIRED_ROLE = 'requiredRole';

/** The route needs an API key whose role grants `role` (admin ⊃ editor ⊃ ingest; subscriber apart). */
export const RequireRole = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, roles);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller, or undefined on a public route called without a key. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});

/** The caller as the author of a change (revisions, audit). */
export const AuthorOf = createParamDecorator((_: unknown, ctx: ExecutionContext): Author => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = request.principal;
  return { keyId: principal?.keyId ?? null, name: principal?.name ?? 'anonymous', requestId: String(request.id) };
});
