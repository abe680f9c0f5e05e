/** Minutes from filing to orientation (booking or assignment). */
export class Delay {
  count!: number;
  medianMinutes!: number | null;
  p90Minutes!: number | null;
}

/** Requests filed, oriented (booked or assigned) and unmet on one Europe/Paris day. */
export class DailyCounts {
  /** YYYY-MM-DD */
  date!: string;
  filed!: number;
  oriented!: number;
  unmet!: number;
}

/** A share from 0 to 1, null when there is nothing to divide. */
export class CountShare {
  count!: number;
  share!: number | null;
}

/** Requests filed in the period, by kind and by status now. */
export class RequestCounts {
  total!: number;
  byKind!: { urgent: number; referring_physician: number };
  byStatus!: {
    pending: number;
    held: number;
    offered: number;
    booked: number;
    assigned: number;
    unmet: number;
    redirected: number;
    cancelled: number;
  };
}

/** Requests left unmet, by reason and by the patient's commune, most first. */
export class UnmetCounts {
  total!: number;
  byReason!: { reason: string; count: number }[];
  byCommune!: { communeCode: string; communeName: string | null; count: number }[];
}

/** The CPTS's indicators over a period (`?from=&to=`); with `Accept: text/csv`, the same as CSV. */
export class IndicatorsView {
  period!: { from: string; to: string };
  requests!: RequestCounts;
  urgent!: { total: number; bookedWithin24h: CountShare; bookedWithin48h: CountShare };
  timeToOrientation!: { urgent: Delay; referringPhysician: Delay; all: Delay };
  unmet!: UnmetCounts;
  referringPhysician!: { total: number; assigned: number; assignedAfterDeadline: number };
  offers!: { made: number; accepted: number; declined: number; expired: number };
  slots!: { published: number; booked: number; bookedShare: number | null };
  practitioners!: { active: number; participating: number; staleAvailability: number };
  appointments!: {
    withOutcome: number;
    honoured: number;
    noShow: number;
    noShowRate: number | null;
  };
  notifications!: { sent: number; failed: number; pending: number };
  daily!: DailyCounts[];
}
