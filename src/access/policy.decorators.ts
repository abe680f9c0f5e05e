import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

import { DomainError } from '../common/domain-error';
import type { Caller, Role } from './role';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';
export const LINK_SCOPE_KEY = 'access:link-scope';

/** The roles that may call a route. Every route declares either this or @Public(). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a token (health, docs, the dashboard shell). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * A route a GP reaches from the link in a message (their availability and offers): the
 * practitioner_link scope reaches these routes and no other.
 */
export const LinkScope = (): MethodDecorator & ClassDecorator => SetMetadata(LINK_SCOPE_KEY, true);

export interface AuthenticatedRequest extends Request {
  caller?: Caller;
}

/** The authenticated caller of the current request. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
    if (!caller)
      throw new DomainError('unauthenticated', 'A bearer token or a session is required.');
    return caller;
  },
);
