import { campaignSummary, type RecipientRow } from './campaign-summary';

const iso = (at: Date) => at.toISOString();
const sentAt = new Date('2026-03-02T08:00:00Z');

function recipient(lastName: string, answered: boolean, reminded = false): RecipientRow {
  return {
    practitionerId: `id-${lastName}`,
    firstName: 'Anne',
    lastName,
    answeredAt: answered ? new Date('2026-03-03T08:00:00Z') : null,
    remindedAt: reminded ? new Date('2026-03-07T08:00:00Z') : null,
  };
}

describe('where a questionnaire campaign stands', () => {
  it('counts answers and lists those still to answer by name, with their reminder', () => {
    const summary = campaignSummary(
      { id: 'c1', sentAt },
      [recipient('Le Goff', true), recipient('Tanguy', false, true), recipient('Ében', false)],
      iso,
    );
    expect(summary).toEqual({
      id: 'c1',
      sentAt: '2026-03-02T08:00:00.000Z',
      recipients: 3,
      answered: 1,
      responseRate: 1 / 3,
      pending: [
        { practitionerId: 'id-Ében', firstName: 'Anne', lastName: 'Ében', remindedAt: null },
        {
          practitionerId: 'id-Tanguy',
          firstName: 'Anne',
          lastName: 'Tanguy',
          remindedAt: '2026-03-07T08:00:00.000Z',
        },
      ],
    });
  });

  it('has a response rate of 0 when nobody was asked', () => {
    expect(campaignSummary({ id: 'c2', sentAt }, [], iso)).toMatchObject({
      recipients: 0,
      answered: 0,
      responseRate: 0,
      pending: [],
    });
  });
});
