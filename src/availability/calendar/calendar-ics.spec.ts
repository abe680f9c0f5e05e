import { buildSlotCalendar } from './calendar-ics';

describe('buildSlotCalendar', () => {
  const text = buildSlotCalendar({
    practitionerName: 'Dr Le Goff',
    slotUrl: (id) => `https://cpts.example/dashboard?slot=${id}`,
    generatedAt: new Date('2027-10-30T08:00:00Z'),
    slots: [
      {
        id: 'a1',
        startsAt: new Date('2027-10-31T00:30:00Z'),
        endsAt: new Date('2027-10-31T00:50:00Z'),
        status: 'free',
      },
      {
        id: 'b2',
        startsAt: new Date('2027-10-31T09:00:00Z'),
        endsAt: new Date('2027-10-31T09:20:00Z'),
        status: 'booked',
      },
    ],
  });
  const unfolded = text.replace(/\r\n[ \t]/g, '');

  it('lists each slot once, free or booked, in UTC so that no DST rule is needed', () => {
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(unfolded).toContain('DTSTART:20271031T003000Z');
    expect(unfolded).toContain('SUMMARY:Créneau SNP libre');
    expect(unfolded).toContain('SUMMARY:Consultation SNP');
    expect(unfolded).toContain('URL;VALUE=URI:https://cpts.example/dashboard?slot=b2');
    expect(unfolded).toContain('UID:slot-b2@cpts-orientation');
  });

  it('says nothing but the summary and the link', () => {
    expect(unfolded).not.toMatch(/DESCRIPTION|LOCATION|ATTENDEE|ORGANIZER/);
  });
});
