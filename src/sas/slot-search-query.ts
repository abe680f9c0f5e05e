import { DateTime } from 'luxon';

import { PARIS } from '../common/paris-time';
import { IDNPS_SYSTEM } from './fhir-vocabulary';

export const PRACTITIONER_IDENTIFIER_PARAMETER = 'schedule.actor:Practitioner.identifier';
/** The SAS sends 1 to 25 identifiers; more is refused rather than read as a national dump. */
export const MAX_IDENTIFIERS = 100;
/** The widest window searched: the SAS asks for a few days. */
export const MAX_WINDOW_MS = 92 * 86_400_000;

export interface TimeBound {
  at: Date;
  inclusive: boolean;
}

/** What a Slot search (INT_R04 for a CPTS, INT_R01 for individual GPs) asks for. */
export interface SlotSearch {
  from: TimeBound;
  to: TimeBound;
  /** The 11-digit RPPS numbers named (`8`+RPPS identifiers); ADELI and other systems match nothing. */
  rpps: string[];
  /** Whether `status` admits free slots (the only ones ever served). */
  free: boolean;
  /** `_include=Slot:service-type-reference`: a CPTS search (INT_R04), else an individual one (INT_R01). */
  cpts: boolean;
  includes: {
    schedule: boolean;
    actors: boolean;
    healthcareServices: boolean;
    organizations: boolean;
  };
}

export interface QueryIssue {
  parameter: string;
  message: string;
}

export type ParsedSlotSearch =
  { ok: true; search: SlotSearch } | { ok: false; issues: QueryIssue[] };

const SLOT_STATUSES = new Set([
  'busy',
  'free',
  'busy-unavailable',
  'busy-tentative',
  'entered-in-error',
]);
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+\- ]\d{2}:?\d{2})?$/;

/**
 * Splits a raw query string into decoded name/value pairs. `+` is kept as it is (a time's offset
 * arrives as a raw `+02:00`, which form decoding would turn into a space); undefined when a
 * percent-escape is malformed.
 */
export function queryPairs(raw: string): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? '' : part.slice(equals + 1);
    try {
      pairs.push([decodeURIComponent(name).trim(), decodeURIComponent(value)]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}

/**
 * A search time as the SAS writes it: seconds and fraction optional, offset `Z`, `±hh:mm` (or a
 * space standing for a `+` that went through form decoding), or none: Europe/Paris wall-clock time.
 */
export function parseSearchTime(text: string): Date | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const millisecond = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: second ? Number(second) : 0,
    millisecond,
  };
  let zone = PARIS;
  if (offset === 'Z') zone = 'UTC';
  else if (offset !== undefined) {
    const digits = offset.slice(1).replace(':', '');
    zone = `UTC${offset[0] === '-' ? '-' : '+'}${digits.slice(0, 2)}:${digits.slice(2)}`;
  }
  const parsed = DateTime.fromObject(fields, { zone });
  if (!parsed.isValid) return undefined;
  // Luxon moves an impossible wall-clock time (a day of 31 February) rather than refusing it.
  if (parsed.day !== fields.day || parsed.month !== fields.month) return undefined;
  return parsed.toJSDate();
}

function parseStart(
  value: string,
  issues: QueryIssue[],
): { bound: TimeBound; lower: boolean } | undefined {
  const comparator = value.slice(0, 2);
  if (!['ge', 'gt', 'le', 'lt'].includes(comparator)) {
    issues.push({
      parameter: 'start',
      message: `start must be written ge<time>, gt<time>, le<time> or lt<time>, got "${value}"`,
    });
    return undefined;
  }
  const at = parseSearchTime(value.slice(2));
  if (!at) {
    issues.push({
      parameter: 'start',
      message: `start has no valid time such as 2026-06-01T08:00:00+02:00, got "${value}"`,
    });
    return undefined;
  }
  return { bound: { at, inclusive: comparator.endsWith('e') }, lower: comparator[0] === 'g' };
}

/** The RPPS numbers of one identifier parameter (comma-separated `system|value`, OR). */
function parseIdentifiers(value: string, issues: QueryIssue[]): Set<string> {
  const found = new Set<string>();
  // Identifiers hold no `+`: one there is a space that form encoding wrote as `+`.
  for (const token of value.replace(/\+/g, ' ').split(',')) {
    const text = token.trim();
    if (text === '') continue;
    const bar = text.lastIndexOf('|');
    const system = bar < 0 ? undefined : text.slice(0, bar).trim();
    const id = bar < 0 ? text : text.slice(bar + 1).trim();
    if (id === '') {
      issues.push({
        parameter: PRACTITIONER_IDENTIFIER_PARAMETER,
        message: `"${text}" has no value`,
      });
      continue;
    }
    if (system !== undefined && system !== '' && system !== IDNPS_SYSTEM) continue;
    if (/^8\d{11}$/.test(id)) found.add(id.slice(1));
  }
  return found;
}

/** Reads a Slot search from the raw query string; every problem is named by its parameter. */
export function parseSlotSearch(raw: string): ParsedSlotSearch {
  const pairs = queryPairs(raw);
  if (!pairs) {
    return {
      ok: false,
      issues: [{ parameter: 'query', message: 'the query string has a malformed %-escape' }],
    };
  }
  const issues: QueryIssue[] = [];
  let from: TimeBound | undefined;
  let to: TimeBound | undefined;
  let rpps: Set<string> | undefined;
  let statusSeen = false;
  let free = true;
  const includes = new Set<string>();
  for (const [name, value] of pairs) {
    if (name === 'start') {
      const parsed = parseStart(value, issues);
      if (!parsed) continue;
      if (parsed.lower) {
        if (from) issues.push({ parameter: 'start', message: 'start has two lower bounds' });
        from = parsed.bound;
      } else {
        if (to) issues.push({ parameter: 'start', message: 'start has two upper bounds' });
        to = parsed.bound;
      }
    } else if (name === PRACTITIONER_IDENTIFIER_PARAMETER) {
      const named = parseIdentifiers(value, issues);
      // Repeated parameters are ANDed (FHIR search); commas inside one are ORed.
      rpps = rpps ? new Set([...rpps].filter((number) => named.has(number))) : named;
      if (value.split(',').length > MAX_IDENTIFIERS) {
        issues.push({
          parameter: PRACTITIONER_IDENTIFIER_PARAMETER,
          message: `at most ${MAX_IDENTIFIERS} practitioners may be named at once`,
        });
      }
    } else if (name === 'status') {
      statusSeen = true;
      const statuses = value.split(',').map((status) => status.trim());
      const unknown = statuses.filter((status) => !SLOT_STATUSES.has(status));
      if (unknown.length > 0) {
        issues.push({ parameter: 'status', message: `unknown slot status: ${unknown.join(', ')}` });
      }
      free = free && statuses.includes('free');
    } else if (name === '_include' || /^_include:(iterate|recurse)$/.test(name)) {
      for (const include of value.split(',')) includes.add(include.trim());
    }
    // Other parameters (_count, _format, and any the platform adds) are ignored: FHIR's lenient
    // handling, so that a new parameter of the SAS does not stop its searches.
  }
  if (!from || !to) {
    if (!issues.some((issue) => issue.parameter === 'start')) {
      issues.push({
        parameter: 'start',
        message: 'start must be given twice: start=ge<time>&start=le<time>',
      });
    }
  } else if (to.at.getTime() - from.at.getTime() > MAX_WINDOW_MS) {
    issues.push({ parameter: 'start', message: 'the window must not exceed 92 days' });
  }
  if (!statusSeen) issues.push({ parameter: 'status', message: 'status=free is required' });
  if (rpps === undefined) {
    issues.push({
      parameter: PRACTITIONER_IDENTIFIER_PARAMETER,
      message: `${PRACTITIONER_IDENTIFIER_PARAMETER} must name the practitioners searched`,
    });
  }
  if (issues.length > 0 || !from || !to || !rpps) return { ok: false, issues };
  const cpts = includes.has('Slot:service-type-reference');
  return {
    ok: true,
    search: {
      from,
      to,
      rpps: [...rpps].sort(),
      free,
      cpts,
      includes: {
        schedule: includes.has('Slot:schedule'),
        actors: includes.has('Schedule:actor'),
        healthcareServices: cpts,
        organizations: includes.has('HealthcareService:organization'),
      },
    },
  };
}
