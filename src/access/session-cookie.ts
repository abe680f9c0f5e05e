import type { CookieOptions } from 'express';

/**
 * The session cookie: `__Host-` prefixed and `Secure` over https (bound to this host and path,
 * never sent in clear), always HttpOnly (no script reads it) and SameSite=Lax (not sent on
 * cross-site writes).
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-cpts_session' : 'cpts_session';
}

export function sessionCookieOptions(secure: boolean, expiresAt: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt };
}
