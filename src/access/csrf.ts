import { timingSafeEqual } from 'node:crypto';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfInput {
  method: string;
  origin: string | undefined;
  referer: string | undefined;
  /** The origin people reach the service at (PUBLIC_URL's). */
  expectedOrigin: string;
  headerToken: string | undefined;
  sessionToken: string;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a write carried by the session cookie is refused, or undefined when it may go on: it must
 * come from a page of this service (Origin, or Referer when a browser sends no Origin) and carry
 * the session's CSRF token, which a page of another site cannot read.
 */
export function csrfRefusal(input: CsrfInput): string | undefined {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return undefined;
  const from = input.origin ? originOf(input.origin) : originOf(input.referer);
  if (from !== input.expectedOrigin)
    return 'The request does not come from a page of this service.';
  if (!input.headerToken || !sameToken(input.headerToken, input.sessionToken)) {
    return 'The X-CSRF-Token header is missing or wrong.';
  }
  return undefined;
}
