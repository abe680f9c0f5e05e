import { unmetReason } from './unmet-reason';

const none = { slots: 0, slotsInMode: 0, slotsUnderCap: 0, acceptingPractitioners: 0 };

describe('unmetReason', () => {
  it.each([
    [none, 'no_slot_in_territory'],
    [{ ...none, slots: 3 }, 'no_slot_for_mode'],
    [{ ...none, slots: 3, slotsInMode: 2 }, 'caps_reached'],
    [{ ...none, slots: 3, slotsInMode: 2, slotsUnderCap: 1 }, 'no_slot_before_deadline'],
  ])('urgent %p → %s', (supply, reason) => {
    expect(unmetReason('urgent', supply)).toBe(reason);
  });

  it('tells a territory without accepting GPs from GPs who did not take the patient', () => {
    expect(unmetReason('referring_physician', none)).toBe('no_practitioner_accepting');
    expect(unmetReason('referring_physician', { ...none, acceptingPractitioners: 2 })).toBe(
      'no_practitioner_answered',
    );
  });
});
