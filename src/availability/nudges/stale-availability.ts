/** Availability untouched this long is stale: its GP is nudged, and the indicators count them. */
export const STALE_AFTER_DAYS = 7;
