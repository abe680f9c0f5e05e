import { isUuid } from '../common/uuid';

/** How an audited route names the requests it touched: its `:id`, or the response's own ids. */
export type RequestIdsFrom = 'param' | 'body' | 'items';

export interface AuditedRoute {
  action: string;
  idsFrom: RequestIdsFrom;
}

/** Every route that shows or changes a request's patient data, by method and route template. */
const AUDITED: Record<string, AuditedRoute> = {
  'POST /requests': { action: 'file', idsFrom: 'body' },
  'GET /requests': { action: 'list', idsFrom: 'items' },
  'GET /requests/duplicates': { action: 'list_duplicates', idsFrom: 'items' },
  'GET /requests/:id': { action: 'read', idsFrom: 'param' },
  'POST /requests/:id/cancel': { action: 'cancel', idsFrom: 'param' },
  'POST /requests/:id/confirm': { action: 'confirm', idsFrom: 'param' },
  'POST /requests/:id/release': { action: 'release', idsFrom: 'param' },
  'POST /requests/:id/surnumeraire': { action: 'ask_surnumeraire', idsFrom: 'param' },
  'POST /requests/:id/outcome': { action: 'outcome', idsFrom: 'param' },
  'POST /requests/:id/assign': { action: 'assign', idsFrom: 'param' },
  'POST /requests/:id/redirect': { action: 'redirect', idsFrom: 'param' },
  'GET /requests/:id/decisions': { action: 'read_decisions', idsFrom: 'param' },
  'GET /requests/:id/notifications': { action: 'read_notifications', idsFrom: 'param' },
  'POST /requests/:id/callbacks': { action: 'plan_callback', idsFrom: 'param' },
  'GET /callbacks': { action: 'list_callbacks', idsFrom: 'items' },
  'POST /callbacks/:id/done': { action: 'callback_done', idsFrom: 'body' },
  'GET /practitioners/:id/offers': { action: 'list_offers', idsFrom: 'items' },
  'POST /offers/:id/accept': { action: 'accept_offer', idsFrom: 'body' },
  'POST /offers/:id/decline': { action: 'decline_offer', idsFrom: 'body' },
  'GET /monitoring/requests': { action: 'monitor', idsFrom: 'items' },
  'GET /practitioners/:id/appointments': { action: 'list_appointments', idsFrom: 'items' },
};

const API_PREFIX = /^\/api\/v\d+(?=\/)/;

/** The audit entry of a route, if it is audited; `route` is Express's template, prefix included. */
export function auditedRoute(method: string, route: string): AuditedRoute | undefined {
  return AUDITED[`${method.toUpperCase()} ${route.replace(API_PREFIX, '')}`];
}

function requestIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { requestId, id } = value as { requestId?: unknown; id?: unknown };
  const found = requestId ?? id;
  return isUuid(found) ? found : undefined;
}

/** The requests a successful call touched, read from its path parameter or its response. */
export function touchedRequestIds(
  route: AuditedRoute,
  param: string | undefined,
  body: unknown,
): string[] {
  if (route.idsFrom === 'param') return param && isUuid(param) ? [param] : [];
  if (route.idsFrom === 'body') return [requestIdOf(body)].filter((id) => id !== undefined);
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  return [...new Set(items.map(requestIdOf).filter((id) => id !== undefined))];
}
