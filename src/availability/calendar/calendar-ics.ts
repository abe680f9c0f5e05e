import ical, { ICalEventTransparency } from 'ical-generator';

import type { SlotStatus } from '../slots/slot.entity';

export const FREE_SUMMARY = 'Créneau SNP libre';
export const BOOKED_SUMMARY = 'Consultation SNP';

export interface CalendarSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: SlotStatus;
}

export interface SlotCalendar {
  practitionerName: string;
  /** Where a slot opens in the service; the slot id is appended. */
  slotUrl: (slotId: string) => string;
  slots: readonly CalendarSlot[];
  generatedAt: Date;
}

/**
 * A practitioner's urgent slots as iCalendar. An event says only whether the slot is free or
 * booked: no patient name or reason ever reaches a calendar, which may sync to any device.
 */
export function buildSlotCalendar(calendar: SlotCalendar): string {
  const feed = ical({
    name: `Créneaux SNP – ${calendar.practitionerName}`,
    prodId: { company: 'CPTS', product: 'orientation', language: 'FR' },
    ttl: 15 * 60,
  });
  for (const slot of calendar.slots) {
    const booked = slot.status === 'booked';
    feed.createEvent({
      id: `slot-${slot.id}@cpts-orientation`,
      start: slot.startsAt,
      end: slot.endsAt,
      stamp: calendar.generatedAt,
      summary: booked ? BOOKED_SUMMARY : FREE_SUMMARY,
      url: calendar.slotUrl(slot.id),
      transparency: booked ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
    });
  }
  return feed.toString();
}
