import { isUuid } from '../common/uuid';

/** The path of the booking link a Slot's `comment` carries (the SAS platform appends `&origin=`). */
export const SAS_BOOKING_PATH = '/plateforme/sas';

export interface SasBookingLink {
  practitionerId: string;
  /** What the SAS platform appended, kept on the request as given (at most 200 characters). */
  origin: string | undefined;
}

/** The GP and origin of a booking link (a local path with its query), or undefined if it is not one. */
export function parseSasBookingLink(path: string | undefined): SasBookingLink | undefined {
  if (path === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(path, 'http://local');
  } catch {
    return undefined;
  }
  if (url.origin !== 'http://local' || url.pathname !== SAS_BOOKING_PATH) return undefined;
  const practitionerId = url.searchParams.get('practitioner') ?? '';
  if (!isUuid(practitionerId)) return undefined;
  const origin = url.searchParams.get('origin')?.trim().slice(0, 200);
  return { practitionerId: practitionerId.toLowerCase(), origin: origin || undefined };
}

/** The IDNPS national id of a professional signed in with PSC: `8` then the RPPS. */
export function nationalIdOf(rpps: string): string {
  return `8${rpps}`;
}
