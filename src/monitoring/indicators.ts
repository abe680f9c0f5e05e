import { DateTime } from 'luxon';

import { PARIS, toParisIso } from '../common/paris-time';
import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
  type UnmetReason,
} from '../common/request-status';
import type { NotificationStatus } from '../notifications/notification.entity';
import type { OfferStatus } from '../orientation/referral/offer.entity';
import type { AppointmentOutcome } from '../orientation/urgent/appointment.entity';
import { DailyCounts, Delay, IndicatorsView } from './dto/indicators.view';
import { median, oneDecimal, percentile, share } from './statistics';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface Period {
  from: Date;
  to: Date;
}

/** One request filed in the period, without anything that identifies the patient. */
export interface RequestFact {
  kind: RequestKind;
  status: RequestStatus;
  unmetReason: UnmetReason | null;
  communeCode: string;
  createdAt: Date;
  assignedAt: Date | null;
  late: boolean;
  /** When its first appointment was made, and when that appointment started. */
  firstBookedAt: Date | null;
  firstStartsAt: Date | null;
  /** The outcome recorded on its current appointment. */
  outcome: AppointmentOutcome | null;
}

/** What the SQL aggregations count over the period. */
export interface SupplyFacts {
  offers: Partial<Record<OfferStatus, number>>;
  slotsPublished: number;
  slotsBooked: number;
  participatingPractitioners: number;
  activePractitioners: number;
  stalePractitioners: number;
  notifications: Partial<Record<NotificationStatus, number>>;
}

export { DailyCounts, Delay };

export type Indicators = IndicatorsView;

/** Every indicator of a period, from the requests filed in it and the supply aggregates. */
export function computeIndicators(
  period: Period,
  requests: readonly RequestFact[],
  supply: SupplyFacts,
  communeName: (code: string) => string | null,
): IndicatorsView {
  const urgent = requests.filter((request) => request.kind === 'urgent');
  const referral = requests.filter((request) => request.kind === 'referring_physician');
  const unmet = requests.filter((request) => request.status === 'unmet');
  const seenWithin = (hours: number) =>
    urgent.filter(
      (request) =>
        request.firstStartsAt !== null &&
        request.firstStartsAt.getTime() - request.createdAt.getTime() <= hours * HOUR_MS,
    ).length;
  const within24h = seenWithin(24);
  const within48h = seenWithin(48);
  const honoured = requests.filter((request) => request.outcome === 'honoured').length;
  const noShow = requests.filter((request) => request.outcome === 'no_show').length;
  const urgentDelays = delaysInMinutes(urgent, (request) => request.firstBookedAt);
  const referralDelays = delaysInMinutes(referral, (request) => request.assignedAt);
  return {
    period: { from: toParisIso(period.from), to: toParisIso(period.to) },
    requests: {
      total: requests.length,
      byKind: countBy(REQUEST_KINDS, requests, (request) => request.kind),
      byStatus: countBy(REQUEST_STATUSES, requests, (request) => request.status),
    },
    urgent: {
      total: urgent.length,
      bookedWithin24h: { count: within24h, share: share(within24h, urgent.length) },
      bookedWithin48h: { count: within48h, share: share(within48h, urgent.length) },
    },
    timeToOrientation: {
      urgent: delay(urgentDelays),
      referringPhysician: delay(referralDelays),
      all: delay([...urgentDelays, ...referralDelays]),
    },
    unmet: {
      total: unmet.length,
      byReason: ranked(unmet, (request) => request.unmetReason ?? 'unknown').map(
        ([reason, count]) => ({ reason, count }),
      ),
      byCommune: ranked(unmet, (request) => request.communeCode).map(([communeCode, count]) => ({
        communeCode,
        communeName: communeName(communeCode),
        count,
      })),
    },
    referringPhysician: {
      total: referral.length,
      assigned: referral.filter((request) => request.status === 'assigned').length,
      assignedAfterDeadline: referral.filter(
        (request) => request.status === 'assigned' && request.late,
      ).length,
    },
    offers: {
      made: Object.values(supply.offers).reduce((sum, count) => sum + count, 0),
      accepted: supply.offers.accepted ?? 0,
      declined: supply.offers.declined ?? 0,
      expired: supply.offers.expired ?? 0,
    },
    slots: {
      published: supply.slotsPublished,
      booked: supply.slotsBooked,
      bookedShare: share(supply.slotsBooked, supply.slotsPublished),
    },
    practitioners: {
      active: supply.activePractitioners,
      participating: supply.participatingPractitioners,
      staleAvailability: supply.stalePractitioners,
    },
    appointments: {
      withOutcome: honoured + noShow,
      honoured,
      noShow,
      noShowRate: share(noShow, honoured + noShow),
    },
    notifications: {
      sent: supply.notifications.sent ?? 0,
      failed: supply.notifications.failed ?? 0,
      pending: supply.notifications.pending ?? 0,
    },
    daily: dailyCounts(period, requests),
  };
}

/** Requests filed, oriented (booked or assigned) and unmet, per Europe/Paris day of filing. */
export function dailyCounts(period: Period, requests: readonly RequestFact[]): DailyCounts[] {
  const days = new Map<string, DailyCounts>();
  let day = DateTime.fromJSDate(period.from, { zone: PARIS }).startOf('day');
  while (day.toMillis() < period.to.getTime()) {
    const date = day.toISODate() ?? '';
    days.set(date, { date, filed: 0, oriented: 0, unmet: 0 });
    day = day.plus({ days: 1 });
  }
  for (const request of requests) {
    const counts = days.get(DateTime.fromJSDate(request.createdAt, { zone: PARIS }).toISODate()!);
    if (!counts) continue;
    counts.filed += 1;
    if (request.status === 'booked' || request.status === 'assigned') counts.oriented += 1;
    if (request.status === 'unmet') counts.unmet += 1;
  }
  return [...days.values()];
}

function delaysInMinutes(
  requests: readonly RequestFact[],
  orientedAt: (request: RequestFact) => Date | null,
): number[] {
  return requests.flatMap((request) => {
    const at = orientedAt(request);
    return at ? [(at.getTime() - request.createdAt.getTime()) / MINUTE_MS] : [];
  });
}

function delay(minutes: readonly number[]): Delay {
  return {
    count: minutes.length,
    medianMinutes: oneDecimal(median(minutes)),
    p90Minutes: oneDecimal(percentile(minutes, 0.9)),
  };
}

function countBy<K extends string>(
  keys: readonly K[],
  requests: readonly RequestFact[],
  key: (request: RequestFact) => K,
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((name) => [name, 0])) as Record<K, number>;
  for (const request of requests) counts[key(request)] += 1;
  return counts;
}

/** Counts by key, most frequent first, then by key. */
function ranked(
  requests: readonly RequestFact[],
  key: (request: RequestFact) => string,
): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(key(request), (counts.get(key(request)) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
