import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService, roleSatisfies, type Role } from '@app/access';
import { ForbiddenError, UnauthenticatedError } from '@app/domain';
import { REQUIRED_ROLE, type AuthenticatedRequest } from './auth.decorators';

/**
 * Global guard. A route with @RequireRole needs a key granting one of the roles; any route that receives
 * an Authorization header checks it (a wrong key is 401 even where no key is needed).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <api key>"');
      request.principal = await this.keys.authenticate(match[1]);
    }
    if (!required?.length) return true;
    if (!request.principal) throw new UnauthenticatedError();
    const principal = request.principal;
    if (!required.some((role) => roleSatisfies(principal.role, role))) {
      throw new ForbiddenError(`This needs a key with role ${required.join(' or ')}; yours is ${principal.role}`);
    }
    return true;
  }
}
