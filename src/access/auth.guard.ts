import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { SessionsService } from '../auth/sessions.service';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { AccessTokensService } from './access-tokens.service';
import { csrfRefusal } from './csrf';
import { AuthenticatedRequest, LINK_SCOPE_KEY, PUBLIC_KEY, ROLES_KEY } from './policy.decorators';
import type { Caller, Role } from './role';
import { sessionCookieName } from './session-cookie';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Authenticates the caller, a machine by its bearer token or a person by their session cookie,
 * then checks the route's roles (and for a GP's message link, its narrower scope). A route that
 * declares neither roles nor @Public() is refused: access is never granted by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cookieName: string;
  private readonly origin: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokensService,
    private readonly sessions: SessionsService,
    config: AppConfig,
  ) {
    this.cookieName = sessionCookieName(config.secureCookies);
    this.origin = new URL(config.publicUrl).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticate(request);
    request.caller = caller;
    if (
      caller.scope === 'practitioner_link' &&
      !this.reflector.getAllAndOverride<boolean>(LINK_SCOPE_KEY, targets)
    ) {
      throw DomainError.forbidden(
        'A link from a message reaches only your availability and offers.',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.includes(caller.role)) {
      throw DomainError.forbidden(`The ${caller.role} role may not call this route.`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Caller> {
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const caller = await this.tokens.authenticate(bearer);
      if (!caller) throw new DomainError('unauthenticated', 'The token is unknown or revoked.');
      return caller;
    }
    const cookie = (request.cookies as Record<string, string> | undefined)?.[this.cookieName];
    if (!cookie) {
      throw new DomainError('unauthenticated', 'A bearer token or a session is required.');
    }
    const session = await this.sessions.authenticate(cookie);
    if (!session) throw new DomainError('unauthenticated', 'The session has ended: sign in again.');
    const refusal = csrfRefusal({
      method: request.method,
      origin: request.headers.origin,
      referer: request.headers.referer,
      expectedOrigin: this.origin,
      headerToken: request.get('x-csrf-token'),
      sessionToken: session.csrfToken,
    });
    if (refusal) throw DomainError.forbidden(refusal);
    return {
      cptsId: session.cptsId,
      role: session.role,
      practitionerId: session.practitionerId,
      tokenId: null,
      personId: session.personId,
      sessionId: session.sessionId,
      scope: session.scope,
    };
  }
}
