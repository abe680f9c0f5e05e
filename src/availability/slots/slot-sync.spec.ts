import type { SlotTimes } from './slot-rules';
import { ExistingSlot, planSlotSync } from './slot-sync';

function wanted(start: string, minutes = 20, mode: SlotTimes['mode'] = 'in_person'): SlotTimes {
  const startsAt = new Date(start);
  return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), mode };
}

function existing(
  id: string,
  start: string,
  minutes = 20,
  mode: SlotTimes['mode'] = 'in_person',
): ExistingSlot {
  return { id, ...wanted(start, minutes, mode) };
}

describe('planSlotSync', () => {
  it('creates everything in an empty window', () => {
    const list = [wanted('2027-03-01T09:00:00Z'), wanted('2027-03-01T10:00:00Z')];
    expect(planSlotSync([], list)).toEqual({ create: list, remove: [], keep: [] });
  });

  it('removes everything when the list is empty', () => {
    const slots = [existing('a', '2027-03-01T09:00:00Z')];
    expect(planSlotSync(slots, [])).toEqual({ create: [], remove: slots, keep: [] });
  });

  it('keeps identical slots, so that the same push twice changes nothing', () => {
    const slots = [existing('a', '2027-03-01T09:00:00Z'), existing('b', '2027-03-01T10:00:00Z')];
    const list = [wanted('2027-03-01T10:00:00Z'), wanted('2027-03-01T09:00:00Z')];
    expect(planSlotSync(slots, list)).toEqual({ create: [], remove: [], keep: slots });
  });

  it('replaces a slot whose end or mode changed, and adds and removes the rest', () => {
    const a = existing('a', '2027-03-01T09:00:00Z');
    const b = existing('b', '2027-03-01T10:00:00Z');
    const c = existing('c', '2027-03-01T11:00:00Z');
    const longer = wanted('2027-03-01T09:00:00Z', 30);
    const video = wanted('2027-03-01T10:00:00Z', 20, 'teleconsultation');
    const added = wanted('2027-03-01T12:00:00Z');
    const kept = wanted('2027-03-01T11:00:00Z');
    expect(planSlotSync([a, b, c], [longer, video, kept, added])).toEqual({
      create: [longer, video, added],
      remove: [a, b],
      keep: [c],
    });
  });
});
