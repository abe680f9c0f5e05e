import { createHash, randomInt } from 'node:crypto';

import { parisDate, toParisIso } from '../../common/paris-time';
import type { RequestKind } from '../../common/request-status';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A reference people can read over the phone: kind, Paris date, four unambiguous characters. */
export function newReference(kind: RequestKind, at: Date): string {
  // YYMMDD of the Paris day, from the API's own rendering of the instant.
  const date = toParisIso(at).slice(2, 10).replaceAll('-', '');
  const suffix = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${kind === 'urgent' ? 'SNP' : 'MT'}-${date}-${suffix}`;
}

/** JSON with sorted keys, so that the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Age in whole years on a day read in Europe/Paris; someone born on 29 February ages on 1 March. */
export function ageOn(birthDate: string, at: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const today = parisDate(at);
  const birthdayPassed = today.month > month || (today.month === month && today.day >= day);
  return today.year - year - (birthdayPassed ? 0 : 1);
}
