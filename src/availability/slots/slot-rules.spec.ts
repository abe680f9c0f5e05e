import { selfOverlapErrors, slotErrors, SlotTimes, windowErrors } from './slot-rules';

const now = new Date('2027-03-01T08:00:00Z');

function slot(start: string, end: string, mode: SlotTimes['mode'] = 'in_person'): SlotTimes {
  return { startsAt: new Date(start), endsAt: new Date(end), mode };
}

describe('slotErrors', () => {
  it('accepts a future slot of 5 to 240 minutes in an offered mode', () => {
    expect(
      slotErrors(slot('2027-03-01T09:00:00Z', '2027-03-01T09:05:00Z'), ['in_person'], now),
    ).toEqual([]);
    expect(
      slotErrors(slot('2027-03-01T09:00:00Z', '2027-03-01T13:00:00Z'), ['in_person'], now),
    ).toEqual([]);
  });

  it('names startsAt for a slot in the past', () => {
    expect(
      slotErrors(slot('2027-03-01T07:59:00Z', '2027-03-01T08:20:00Z'), ['in_person'], now),
    ).toEqual([{ field: 'startsAt', message: 'startsAt must not be in the past' }]);
  });

  it('names endsAt when it is not after startsAt', () => {
    for (const end of ['2027-03-01T09:00:00Z', '2027-03-01T08:30:00Z']) {
      expect(slotErrors(slot('2027-03-01T09:00:00Z', end), ['in_person'], now)).toEqual([
        { field: 'endsAt', message: 'endsAt must be after startsAt' },
      ]);
    }
  });

  it('names endsAt for a length outside 5 to 240 minutes', () => {
    for (const end of ['2027-03-01T09:04:59Z', '2027-03-01T13:00:01Z']) {
      expect(slotErrors(slot('2027-03-01T09:00:00Z', end), ['in_person'], now)[0].field).toBe(
        'endsAt',
      );
    }
  });

  it('names mode when the practitioner does not offer it, with the prefix of a list', () => {
    expect(
      slotErrors(
        slot('2027-03-01T09:00:00Z', '2027-03-01T09:20:00Z', 'home_visit'),
        ['in_person'],
        now,
        'slots.2.',
      ),
    ).toEqual([
      {
        field: 'slots.2.mode',
        message: 'the practitioner does not offer home_visit (offers in_person)',
      },
    ]);
  });
});

describe('windowErrors', () => {
  const from = new Date('2027-03-01T00:00:00Z');

  it('needs to after from, within the bound', () => {
    expect(windowErrors({ from, to: new Date('2027-03-03T00:00:00Z') }, 2)).toEqual([]);
    expect(windowErrors({ from, to: from }, 2)[0].field).toBe('to');
    expect(windowErrors({ from, to: new Date('2027-03-03T00:00:01Z') }, 2)[0].message).toMatch(
      /2 days/,
    );
  });
});

describe('selfOverlapErrors', () => {
  it('names the later of two overlapping slots; touching slots do not overlap', () => {
    const slots = [
      slot('2027-03-01T10:00:00Z', '2027-03-01T10:20:00Z'),
      slot('2027-03-01T09:00:00Z', '2027-03-01T09:20:00Z'),
      slot('2027-03-01T09:20:00Z', '2027-03-01T09:40:00Z'),
      slot('2027-03-01T09:30:00Z', '2027-03-01T09:50:00Z'),
    ];
    expect(selfOverlapErrors(slots, 'slots.')).toEqual([
      { field: 'slots.3', message: 'overlaps slots.2 of the same list' },
    ]);
  });
});
