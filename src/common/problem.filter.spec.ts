import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

import { DomainError } from './domain-error';
import { ProblemFilter } from './problem.filter';

interface Sent {
  status?: number;
  type?: string;
  body?: Record<string, unknown>;
}

function hostFor(sent: Sent): ArgumentsHost {
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  return {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

function render(error: unknown): Sent {
  const sent: Sent = {};
  const filter = new ProblemFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(error, hostFor(sent));
  return sent;
}

describe('ProblemFilter', () => {
  it('renders a domain error with its status and fields', () => {
    const sent = render(DomainError.invalid('patient.phone', 'must be a French number'));
    expect(sent.status).toBe(400);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.body).toMatchObject({
      errors: [{ field: 'patient.phone', message: 'must be a French number' }],
    });
  });

  it('hides the internals of an unexpected error and gives the request id', () => {
    const sent = render(new Error('secret internals at /srv/app.js:12'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toMatch(/secret|app\.js|stack/);
    expect(sent.body).toMatchObject({ requestId: 'req-1' });
    expect(sent.body?.detail).toContain('req-1');
  });

  it('maps unique and exclusion violations to 409', () => {
    for (const code of ['23505', '23P01']) {
      const error = new QueryFailedError(
        'INSERT',
        [],
        Object.assign(new Error('violation'), { code }),
      );
      expect(render(error).status).toBe(409);
    }
  });

  it('maps Nest HTTP exceptions such as unknown routes', () => {
    expect(render(new NotFoundException()).body).toMatchObject({ status: 404, title: 'Not found' });
  });
});
