import { toParisIso } from '../../common/paris-time';
import {
  absenceErrors,
  parisDays,
  patternErrors,
  PatternRule,
  patternSlots,
} from './pattern-slots';

const rule = (overrides: Partial<PatternRule> = {}): PatternRule => ({
  weekday: 7,
  startTime: '09:00',
  endTime: '10:00',
  slotMinutes: 20,
  mode: 'in_person',
  ...overrides,
});

const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

const render = (slots: ReturnType<typeof patternSlots>) =>
  slots.map((slot) => `${toParisIso(slot.startsAt)} ${toParisIso(slot.endsAt)}`);

describe('patternSlots', () => {
  it('lays the grid on the pattern weekday in Paris time, over several weeks', () => {
    const slots = patternSlots(
      rule({ weekday: 1 }),
      window('2027-01-10T23:00:00Z', '2027-01-24T23:00:00Z'),
    );
    expect(render(slots)).toEqual([
      '2027-01-11T09:00:00+01:00 2027-01-11T09:20:00+01:00',
      '2027-01-11T09:20:00+01:00 2027-01-11T09:40:00+01:00',
      '2027-01-11T09:40:00+01:00 2027-01-11T10:00:00+01:00',
      '2027-01-18T09:00:00+01:00 2027-01-18T09:20:00+01:00',
      '2027-01-18T09:20:00+01:00 2027-01-18T09:40:00+01:00',
      '2027-01-18T09:40:00+01:00 2027-01-18T10:00:00+01:00',
    ]);
    expect(slots.every((slot) => slot.mode === 'in_person')).toBe(true);
  });

  it('does not make the last slot that would end after endTime', () => {
    const slots = patternSlots(
      rule({ weekday: 1, startTime: '14:00', endTime: '15:00', slotMinutes: 25 }),
      window('2027-01-11T00:00:00Z', '2027-01-12T00:00:00Z'),
    );
    expect(render(slots)).toEqual([
      '2027-01-11T14:00:00+01:00 2027-01-11T14:25:00+01:00',
      '2027-01-11T14:25:00+01:00 2027-01-11T14:50:00+01:00',
    ]);
  });

  it('keeps wall-clock times on the last Sunday of March 2027 (28 March) and the days around it', () => {
    const slots = patternSlots(
      rule({ weekday: 7, slotMinutes: 60 }),
      window('2027-03-20T00:00:00Z', '2027-04-05T00:00:00Z'),
    );
    expect(render(slots)).toEqual([
      '2027-03-21T09:00:00+01:00 2027-03-21T10:00:00+01:00',
      '2027-03-28T09:00:00+02:00 2027-03-28T10:00:00+02:00',
      '2027-04-04T09:00:00+02:00 2027-04-04T10:00:00+02:00',
    ]);
    expect(slots[1].startsAt.toISOString()).toBe('2027-03-28T07:00:00.000Z');
  });

  it('keeps wall-clock times on the last Sunday of October 2027 (31 October)', () => {
    const slots = patternSlots(
      rule({ weekday: 7, slotMinutes: 60 }),
      window('2027-10-24T00:00:00Z', '2027-11-01T00:00:00Z'),
    );
    expect(render(slots)).toEqual([
      '2027-10-24T09:00:00+02:00 2027-10-24T10:00:00+02:00',
      '2027-10-31T09:00:00+01:00 2027-10-31T10:00:00+01:00',
    ]);
    expect(slots[1].startsAt.toISOString()).toBe('2027-10-31T08:00:00.000Z');
  });

  it('skips slots in the hour that does not exist on 28 March 2027, without shifting them', () => {
    const slots = patternSlots(
      rule({ weekday: 7, startTime: '01:30', endTime: '04:00', slotMinutes: 30 }),
      window('2027-03-27T00:00:00Z', '2027-03-29T00:00:00Z'),
    );
    // 02:00 and 02:30 do not exist; 01:30 would end at 02:00, which does not exist either.
    expect(render(slots)).toEqual([
      '2027-03-28T03:00:00+02:00 2027-03-28T03:30:00+02:00',
      '2027-03-28T03:30:00+02:00 2027-03-28T04:00:00+02:00',
    ]);
  });

  it('skips a pattern starting at 02:30 on the spring-forward day only', () => {
    const slots = patternSlots(
      rule({ weekday: 7, startTime: '02:30', endTime: '03:30', slotMinutes: 60 }),
      window('2027-03-21T00:00:00Z', '2027-04-05T00:00:00Z'),
    );
    expect(render(slots)).toEqual([
      '2027-03-21T02:30:00+01:00 2027-03-21T03:30:00+01:00',
      '2027-04-04T02:30:00+02:00 2027-04-04T03:30:00+02:00',
    ]);
  });

  it('skips a slot whose span would swallow the missing hour (it would not last slotMinutes)', () => {
    const slots = patternSlots(
      rule({ weekday: 7, startTime: '01:30', endTime: '04:30', slotMinutes: 90 }),
      window('2027-03-27T00:00:00Z', '2027-03-29T00:00:00Z'),
    );
    expect(render(slots)).toEqual(['2027-03-28T03:00:00+02:00 2027-03-28T04:30:00+02:00']);
  });

  it('takes the repeated hour of 31 October 2027 once, in winter time, never overlapping', () => {
    const slots = patternSlots(
      rule({ weekday: 7, startTime: '01:30', endTime: '03:30', slotMinutes: 30 }),
      window('2027-10-30T00:00:00Z', '2027-11-01T00:00:00Z'),
    );
    // 01:30+02:00 would end at 02:00, taken in winter time: 90 real minutes, so not made.
    expect(render(slots)).toEqual([
      '2027-10-31T02:00:00+01:00 2027-10-31T02:30:00+01:00',
      '2027-10-31T02:30:00+01:00 2027-10-31T03:00:00+01:00',
      '2027-10-31T03:00:00+01:00 2027-10-31T03:30:00+01:00',
    ]);
    for (let i = 1; i < slots.length; i++) {
      expect(slots[i].startsAt.getTime()).toBeGreaterThanOrEqual(slots[i - 1].endsAt.getTime());
    }
  });

  it('makes only the slots starting within [from, to)', () => {
    const slots = patternSlots(
      rule({ weekday: 1 }),
      window('2027-01-11T08:10:00Z', '2027-01-11T08:40:00Z'),
    );
    expect(render(slots)).toEqual(['2027-01-11T09:20:00+01:00 2027-01-11T09:40:00+01:00']);
  });

  it('keeps a slot starting before `to` even if it ends after it', () => {
    const slots = patternSlots(
      rule({ weekday: 1 }),
      window('2027-01-11T00:00:00Z', '2027-01-11T08:10:00Z'),
    );
    expect(render(slots)).toEqual(['2027-01-11T09:00:00+01:00 2027-01-11T09:20:00+01:00']);
  });

  it('skips the Paris days of absences, inclusive at both ends', () => {
    const slots = patternSlots(
      rule({ weekday: 1, slotMinutes: 60 }),
      window('2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'),
      [
        { from: '2027-01-11', to: '2027-01-11' },
        { from: '2027-01-20', to: '2027-01-25' },
      ],
    );
    expect(render(slots)).toEqual([
      '2027-01-04T09:00:00+01:00 2027-01-04T10:00:00+01:00',
      '2027-01-18T09:00:00+01:00 2027-01-18T10:00:00+01:00',
    ]);
  });

  it('uses the Paris day, not the UTC day, for late-evening slots and absences', () => {
    const slots = patternSlots(
      rule({ weekday: 1, startTime: '23:30', endTime: '23:50', slotMinutes: 20 }),
      window('2027-07-01T00:00:00Z', '2027-07-14T00:00:00Z'),
      [{ from: '2027-07-05', to: '2027-07-05' }],
    );
    expect(render(slots)).toEqual(['2027-07-12T23:30:00+02:00 2027-07-12T23:50:00+02:00']);
    expect(slots[0].startsAt.toISOString()).toBe('2027-07-12T21:30:00.000Z');
  });
});

describe('patternErrors', () => {
  it('accepts a valid pattern', () => {
    expect(patternErrors(rule(), ['in_person'])).toEqual([]);
  });

  it('names each bad field', () => {
    const fields = (overrides: Partial<PatternRule>) =>
      patternErrors(rule(overrides), ['in_person']).map((error) => error.field);
    expect(fields({ weekday: 8 })).toEqual(['weekday']);
    expect(fields({ weekday: 0 })).toEqual(['weekday']);
    expect(fields({ startTime: '10:00', endTime: '09:00' })).toEqual(['endTime']);
    expect(fields({ startTime: '10:00', endTime: '10:00' })).toEqual(['endTime']);
    expect(fields({ startTime: '24:00' })).toEqual(['startTime']);
    expect(fields({ endTime: '9h' })).toEqual(['endTime']);
    expect(fields({ slotMinutes: 4 })).toEqual(['slotMinutes']);
    expect(fields({ slotMinutes: 241 })).toEqual(['slotMinutes']);
    expect(fields({ slotMinutes: 7.5 })).toEqual(['slotMinutes']);
    expect(fields({ mode: 'home_visit' })).toEqual(['mode']);
  });
});

describe('absenceErrors', () => {
  it('accepts one day and a range', () => {
    expect(absenceErrors({ from: '2027-03-28', to: '2027-03-28' })).toEqual([]);
    expect(absenceErrors({ from: '2027-03-28', to: '2027-04-04' })).toEqual([]);
  });

  it('refuses bad dates and from after to', () => {
    expect(absenceErrors({ from: '2027-02-30', to: '2027-03-01' })).toEqual([
      expect.objectContaining({ field: 'from' }),
    ]);
    expect(absenceErrors({ from: '2027-04-04', to: '2027-03-28' })).toEqual([
      expect.objectContaining({ field: 'to' }),
    ]);
  });
});

describe('parisDays', () => {
  it('covers whole Paris days, 23 hours on 28 March 2027 and 25 on 31 October 2027', () => {
    expect(parisDays({ from: '2027-03-28', to: '2027-03-28' })).toEqual({
      from: new Date('2027-03-27T23:00:00Z'),
      to: new Date('2027-03-28T22:00:00Z'),
    });
    expect(parisDays({ from: '2027-10-31', to: '2027-11-01' })).toEqual({
      from: new Date('2027-10-30T22:00:00Z'),
      to: new Date('2027-11-01T23:00:00Z'),
    });
  });
});
