import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'cpts_';

/** A new bearer token: 256 random bits, recognisable by its prefix in secret scanners. */
export function newTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens carry 256 random bits, so a plain SHA-256 is enough to make the stored value useless. */
export function hashTokenSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
