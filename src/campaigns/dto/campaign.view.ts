import { PatternView } from '../../availability/patterns/dto/pattern.view';

export class SentCampaign {
  id!: string;
  sentAt!: string;
  recipients!: number;
}

/** The latest questionnaire campaign: who answered, who is still awaited. */
export class CampaignSummary {
  id!: string;
  sentAt!: string;
  recipients!: number;
  answered!: number;
  /** answered / recipients, from 0 to 1 (0 when nobody was asked). */
  responseRate!: number;
  pending!: {
    practitionerId: string;
    firstName: string;
    lastName: string;
    remindedAt: string | null;
  }[];
}

/** A practitioner's answers to the questionnaire, as last saved. */
export class QuestionnaireView {
  urgentCare!: boolean | null;
  patterns!: PatternView[];
  accepting!: boolean;
  openPlaces!: number;
  campaignId!: string | null;
  answeredAt!: string | null;
}
