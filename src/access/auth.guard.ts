import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error';
import { AccessTokensService } from './access-tokens.service';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './policy.decorators';
import type { Role } from './role';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Authenticates the bearer token and checks the route's roles. A route that declares neither
 * roles nor @Public() is refused: access is never granted by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!secret) throw new DomainError('unauthenticated', 'A bearer token is required.');
    const caller = await this.tokens.authenticate(secret);
    if (!caller) throw new DomainError('unauthenticated', 'The token is unknown or revoked.');
    request.caller = caller;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.includes(caller.role)) {
      throw DomainError.forbidden(`The ${caller.role} role may not call this route.`);
    }
    return true;
  }
}
