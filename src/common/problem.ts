import type { ErrorCode, FieldError } from './domain-error';
import { Problem } from './dto/problem.view';

export { Problem };

const PROBLEMS: Record<ErrorCode, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  too_large: { status: 413, title: 'Payload too large' },
  throttled: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

export function problemFor(code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: `urn:cpts:problem:${code.replace('_', '-')}`, title, status, detail, errors };
}

export function statusOf(code: ErrorCode): number {
  return PROBLEMS[code].status;
}

export function internalProblem(requestId: string): Problem {
  return {
    type: 'urn:cpts:problem:internal',
    title: 'Internal error',
    status: 500,
    detail: `An unexpected error occurred; quote request id ${requestId} to the operators.`,
    requestId,
  };
}

/** Maps a status Nest or Express produced on its own (unknown route, body parser) to our codes. */
export function codeForStatus(status: number): ErrorCode | undefined {
  const entry = Object.entries(PROBLEMS).find(([, problem]) => problem.status === status);
  return entry?.[0] as ErrorCode | undefined;
}
