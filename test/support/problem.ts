import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem of this status; with `field`, that its errors name that field. */
export function expectProblem(response: Response, status: number, field?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status }),
  );
  if (field !== undefined) {
    const fields = ((response.body as { errors?: Array<{ field: string }> }).errors ?? []).map(
      (error) => error.field,
    );
    expect(fields).toContain(field);
  }
}
