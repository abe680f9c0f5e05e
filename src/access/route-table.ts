import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

import { PUBLIC_KEY, ROLES_KEY } from './policy.decorators';
import type { Role } from './role';

export interface RoutePolicy {
  method: string;
  /** The route template under the global prefix, such as `requests/:id/cancel`. */
  path: string;
  roles: Role[];
  isPublic: boolean;
  /** `Controller.method`, to name the route in errors. */
  handler: string;
}

/**
 * Routes served outside Nest's HTTP server, on a listener of their own with its own policy: they
 * are never among the routes of `PORT` (the authorization matrix checks it).
 */
export interface ListenerRoute {
  method: 'GET';
  path: string;
  listener: string;
  policy: string;
}

const FHIR_POLICY =
  'mutual TLS (TLS 1.2+): a client certificate from FHIR_TLS_CLIENT_CA, else the handshake fails; ' +
  'its CN and OU in FHIR_TLS_ALLOWED_CLIENTS, else 403';

export const LISTENER_ROUTES: readonly ListenerRoute[] = [
  { method: 'GET', path: 'fhir/metadata', listener: 'FHIR_TLS_PORT', policy: FHIR_POLICY },
  { method: 'GET', path: 'fhir/Slot', listener: 'FHIR_TLS_PORT', policy: FHIR_POLICY },
];

/** Joins a controller's path and a handler's path into one template without outer slashes. */
export function joinRoutePath(controllerPath: string, handlerPath: string): string {
  return [controllerPath, handlerPath]
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');
}

/** Routes that would be reachable by omission: neither roles nor @Public(). */
export function undeclaredRoutes(routes: RoutePolicy[]): RoutePolicy[] {
  return routes.filter((route) => !route.isPublic && route.roles.length === 0);
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : '/'];
}

/** Every route of the application with its declared policy, read from Nest's own metadata. */
export function routeTable(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): RoutePolicy[] {
  return discovery.getControllers().flatMap(({ metatype, instance }) => {
    if (!metatype || !instance) return [];
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const handlerPath: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      if (handlerPath === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const targets = [handler, metatype];
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets);
      const controllerPaths = paths(Reflect.getMetadata(PATH_METADATA, metatype));
      return controllerPaths.flatMap((controllerPath) =>
        paths(handlerPath).map((path) => ({
          method,
          path: joinRoutePath(controllerPath, path),
          roles,
          isPublic: isPublic === true,
          handler: `${metatype.name}.${name}`,
        })),
      );
    });
  });
}
