import { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  ApiResponse,
  DocumentBuilder,
  getSchemaPath,
  type OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';

import { type RoutePolicy, routeTable } from '../access/route-table';
import { sessionCookieName } from '../access/session-cookie';
import { FieldError, Problem } from './dto/problem.view';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ResponsesObject = OperationObject['responses'];

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const PROBLEM_RESPONSES: Record<number, string> = {
  400: 'Invalid input: `errors` names each field (unknown fields are rejected).',
  401: 'No token or session, or one that is unknown, revoked or ended.',
  403: "The caller's role or ownership does not allow this.",
  404: 'No such resource in the caller’s CPTS.',
  429: 'Too many requests for this token (per address when anonymous); retry in a minute.',
};

/** A problem+json answer of this status, for `@ApiResponse` or the document. */
export function problemResponse(description: string) {
  return {
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
  };
}

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** `requests/:id/cancel` under the prefix, as OpenAPI writes it: `/api/v1/requests/{id}/cancel`. */
function openApiPath(prefix: string, path: string): string {
  return `/${[prefix, path].filter(Boolean).join('/')}`
    .replace(/\\(.)/g, '$1') // a route's escaped literal, such as `\$bulk-publish`
    .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Completes what decorators leave to the route policies (src/access/route-table.ts): which
 * credentials each operation takes (a bearer token or the session cookie; none when public),
 * which roles, and the problem+json answers every operation can give (400 with parameters or a
 * body, 401/403 unless public, 404 with a path parameter, 429 always).
 */
export function completeDocument(
  document: OpenAPIObject,
  routes: RoutePolicy[],
  prefix: string,
): OpenAPIObject {
  for (const route of routes) {
    const operation: OperationObject | undefined =
      document.paths[openApiPath(prefix, route.path)]?.[route.method.toLowerCase() as Method];
    if (!operation) continue;
    operation.security = route.isPublic ? [] : [{ bearer: [] }, { session: [] }];
    if (!route.isPublic) {
      Object.assign(operation, { 'x-roles': route.roles });
      const roles = `Roles: ${route.roles.join(', ')}.`;
      operation.description = operation.description
        ? `${operation.description}\n\n${roles}`
        : roles;
    }
    const statuses = [429];
    if ((operation.parameters ?? []).length > 0 || operation.requestBody) statuses.push(400);
    if (!route.isPublic) statuses.push(401, 403);
    if (/\{[^}]+\}/.test(openApiPath(prefix, route.path))) statuses.push(404);
    const responses: ResponsesObject = (operation.responses ??= {});
    for (const status of statuses.sort()) {
      responses[status] ??= problemResponse(PROBLEM_RESPONSES[status]);
    }
  }
  return document;
}

/** The OpenAPI document of the application, served at /api/docs-json. */
export function openApiDocument(
  app: INestApplication,
  prefix: string,
  secureCookies: boolean,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CPTS orientation API')
    .setDescription(
      'Availability, orientation of patients, notifications and coordination for CPTS. ' +
        'Every error is application/problem+json (RFC 9457), schema `Problem`.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An access token (POST /access-tokens).' },
      'bearer',
    )
    .addCookieAuth(
      sessionCookieName(secureCookies),
      {
        type: 'apiKey',
        in: 'cookie',
        description: 'The session of a signed-in person; writes also send X-CSRF-Token.',
      },
      'session',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [Problem, FieldError],
  });
  const routes = routeTable(
    app.get(DiscoveryService),
    app.get(MetadataScanner),
    app.get(Reflector),
  );
  return completeDocument(document, routes, prefix);
}

/** A problem+json answer an operation gives beyond the common ones, such as a 409 on a conflict. */
export const ApiProblem = (status: number, description: string) =>
  ApiResponse({ status, ...problemResponse(description) });
