import type { NextFunction, Request, Response } from 'express';

import { DomainError } from './domain-error';

/**
 * Keys that class-transformer drops silently instead of letting validation refuse them: the
 * members of Object.prototype (__proto__, constructor, valueOf…) and `prototype`.
 */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The path of the first reserved key in a parsed JSON body or query string, if any. */
export function reservedKeyPath(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (RESERVED.has(key)) return here;
    const nested = reservedKeyPath((value as Record<string, unknown>)[key], here);
    if (nested) return nested;
  }
  return undefined;
}

/** Refuses a JSON body or query string holding a reserved key, as an unknown field: by name, with a 400. */
export function rejectReservedKeys(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const path = reservedKeyPath(request.body) ?? reservedKeyPath(request.query);
  next(path ? DomainError.invalid(path, `${path} is not allowed`) : undefined);
}
