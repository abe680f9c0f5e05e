import { DECISION_TOP, decisionCandidates } from './decision-candidates';

describe('decisionCandidates', () => {
  it('keeps the first DECISION_TOP candidates, ranked from 1, rank first', () => {
    const ranked = Array.from({ length: DECISION_TOP + 5 }, (_, index) => ({ id: `p${index}` }));
    const recorded = decisionCandidates(ranked, (candidate) => ({ practitionerId: candidate.id }));
    expect(recorded).toHaveLength(DECISION_TOP);
    expect(recorded[0]).toEqual({ rank: 1, practitionerId: 'p0' });
    expect(Object.keys(recorded[0])[0]).toBe('rank');
    expect(recorded[DECISION_TOP - 1]).toEqual({ rank: DECISION_TOP, practitionerId: 'p9' });
  });

  it('records fewer when fewer were ranked, and none of none', () => {
    expect(decisionCandidates([{ id: 'a' }], (c) => ({ id: c.id }))).toEqual([
      { rank: 1, id: 'a' },
    ]);
    expect(decisionCandidates([], () => ({}))).toEqual([]);
  });
});
