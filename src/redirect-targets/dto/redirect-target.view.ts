import type { RedirectTargetKind } from '../redirect-target.entity';

/** A span of a week: ISO weekday (1 Monday … 7 Sunday), Paris wall-clock `HH:MM`. */
export class OpeningSpan {
  weekday!: number;
  /** HH:MM */
  opens!: string;
  /** At or before `opens`: the span runs past midnight into the next day. `24:00` is midnight. */
  closes!: string;
}

/** A place the CPTS redirects patients to. */
export class RedirectTargetView {
  id!: string;
  name!: string;
  kind!: RedirectTargetKind;
  phone!: string | null;
  address!: string | null;
  communeCode!: string | null;
  hours!: OpeningSpan[];
  note!: string;
  openNow!: boolean;
}

export class RedirectTargetList {
  /** Whether the PDSA (evenings, weekends, holidays) is on now. */
  pdsaNow!: boolean;
  items!: RedirectTargetView[];
}
