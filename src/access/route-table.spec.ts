import { joinRoutePath, RoutePolicy, undeclaredRoutes } from './route-table';

const route = (fields: Partial<RoutePolicy>): RoutePolicy => ({
  method: 'GET',
  path: 'x',
  roles: [],
  isPublic: false,
  handler: 'X.x',
  ...fields,
});

describe('route table', () => {
  it('joins controller and handler paths into one template', () => {
    expect(joinRoutePath('requests/:id', 'assign')).toBe('requests/:id/assign');
    expect(joinRoutePath('/', '/')).toBe('');
    expect(joinRoutePath('/access-tokens/', ':id')).toBe('access-tokens/:id');
  });

  it('finds the routes that declare no policy', () => {
    const open = route({ path: 'open' });
    expect(
      undeclaredRoutes([open, route({ roles: ['platform'] }), route({ isPublic: true })]),
    ).toEqual([open]);
  });
});
