import { auditedRoute, touchedRequestIds } from './audited-routes';

const A = '0b8f6a52-3c1e-4a5e-9a51-5a3f0e1c2d3b';
const B = '7d2e4c10-9f3a-4b6d-8e21-0c5b7a9d1e2f';

describe('auditedRoute', () => {
  it('finds a route by method and template, with or without the API prefix', () => {
    expect(auditedRoute('get', '/api/v1/requests/:id')).toEqual({
      action: 'read',
      idsFrom: 'param',
    });
    expect(auditedRoute('POST', '/offers/:id/accept')?.action).toBe('accept_offer');
  });

  it('ignores routes that show no request', () => {
    expect(auditedRoute('GET', '/api/v1/practitioners/:id')).toBeUndefined();
    expect(auditedRoute('DELETE', '/api/v1/requests/:id')).toBeUndefined();
  });
});

describe('touchedRequestIds', () => {
  it('takes the path parameter when it is a UUID', () => {
    expect(touchedRequestIds({ action: 'read', idsFrom: 'param' }, A, {})).toEqual([A]);
    expect(touchedRequestIds({ action: 'read', idsFrom: 'param' }, 'nope', {})).toEqual([]);
  });

  it('takes the response requestId, else its id', () => {
    const route = { action: 'x', idsFrom: 'body' } as const;
    expect(touchedRequestIds(route, undefined, { requestId: A, id: B })).toEqual([A]);
    expect(touchedRequestIds(route, undefined, { id: B })).toEqual([B]);
    expect(touchedRequestIds(route, undefined, null)).toEqual([]);
  });

  it('takes each listed item once', () => {
    const route = { action: 'list', idsFrom: 'items' } as const;
    const body = { items: [{ id: A }, { requestId: B }, { requestId: B }, { other: 1 }] };
    expect(touchedRequestIds(route, undefined, body)).toEqual([A, B]);
    expect(touchedRequestIds(route, undefined, { items: 'x' })).toEqual([]);
  });
});
