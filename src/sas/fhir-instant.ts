import { toParisIso } from '../common/paris-time';

/** A time as the SAS wants it: `YYYY-MM-DDThh:mm:ss.SSS±hh:mm`, at the Europe/Paris offset. */
export function fhirParisInstant(date: Date): string {
  return toParisIso(date).replace(/(T\d{2}:\d{2}:\d{2})([+-])/, '$1.000$2');
}
