import {
  practitionerChannels,
  type Reachable,
} from '../availability/practitioners/practitioners.service';
import type { NotificationRequest } from '../notifications/notifications.service';

/** Where the questionnaire's messages open the GP space. */
export const QUESTIONNAIRE_PAGE = '/medecin/questionnaire';

export interface CampaignPractitioner extends Reachable {
  practitionerId: string;
  firstName: string;
}

/**
 * The questionnaire, or its reminder, to one GP on the channels they chose; once per campaign
 * and GP whoever asks again (the dedupe key).
 */
export function questionnaireMessages(
  kind: 'questionnaire' | 'questionnaire_reminder',
  campaignId: string,
  practitioner: CampaignPractitioner,
  signInLinkId: string,
): NotificationRequest[] {
  return practitionerChannels(practitioner).map(([channel, recipient]) => ({
    channel,
    recipient,
    template: `practitioner.${kind}`,
    params: { firstName: practitioner.firstName, signInLinkId },
    dedupeKey: `${kind}:${campaignId}:${practitioner.practitionerId}:${channel}`,
  }));
}
