import { CampaignSummary } from './dto/campaign.view';
export interface RecipientRow {
  practitionerId: string;
  firstName: string;
  lastName: string;
  answeredAt: Date | null;
  remindedAt: Date | null;
}

export { CampaignSummary };

/** How a campaign stands: who answered, and who is still to answer, by name. */
export function campaignSummary(
  campaign: { id: string; sentAt: Date },
  recipients: readonly RecipientRow[],
  iso: (at: Date) => string,
): CampaignSummary {
  const answered = recipients.filter((recipient) => recipient.answeredAt !== null).length;
  const pending = recipients
    .filter((recipient) => recipient.answeredAt === null)
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'fr') ||
        a.firstName.localeCompare(b.firstName, 'fr') ||
        a.practitionerId.localeCompare(b.practitionerId),
    );
  return {
    id: campaign.id,
    sentAt: iso(campaign.sentAt),
    recipients: recipients.length,
    answered,
    responseRate: recipients.length === 0 ? 0 : answered / recipients.length,
    pending: pending.map(({ practitionerId, firstName, lastName, remindedAt }) => ({
      practitionerId,
      firstName,
      lastName,
      remindedAt: remindedAt ? iso(remindedAt) : null,
    })),
  };
}
