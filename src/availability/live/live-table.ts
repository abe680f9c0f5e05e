import { createHash } from 'node:crypto';

import { compareProximity, Place, proximity } from '../../common/geo';
import { LiveTableItem } from '../slots/dto/slot.view';

export { LiveTableItem };

export interface RankedItem {
  item: LiveTableItem;
  /** Where the practice is; undefined when its commune is unknown. */
  place: Place | undefined;
}

/**
 * The order of the live table: nearest the patient's commune first when one is given, then the
 * soonest free slot (a practitioner without one last), then by name.
 */
export function rankLiveTable(rows: RankedItem[], patient: Place | undefined): LiveTableItem[] {
  const keyed = rows.map((row) => ({
    row,
    proximity: patient && row.place ? proximity(patient, row.place) : undefined,
    firstSlot: row.item.freeSlots[0] ? Date.parse(row.item.freeSlots[0].startsAt) : Infinity,
  }));
  keyed.sort(
    (a, b) =>
      (patient ? compareKnownProximity(a.proximity, b.proximity) : 0) ||
      a.firstSlot - b.firstSlot ||
      a.row.item.practitioner.lastName.localeCompare(b.row.item.practitioner.lastName, 'fr') ||
      a.row.item.practitioner.firstName.localeCompare(b.row.item.practitioner.firstName, 'fr') ||
      a.row.item.practitioner.id.localeCompare(b.row.item.practitioner.id),
  );
  return keyed.map(({ row }) => row.item);
}

function compareKnownProximity(
  a: ReturnType<typeof proximity> | undefined,
  b: ReturnType<typeof proximity> | undefined,
): number {
  if (a && b) return compareProximity(a, b);
  return (a ? 0 : 1) - (b ? 0 : 1);
}

/** A strong ETag of the table's content, generatedAt excluded. */
export function contentEtag(items: readonly LiveTableItem[]): string {
  return `"${createHash('sha256').update(JSON.stringify(items)).digest('base64url')}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
