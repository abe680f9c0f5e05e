import { AccessToken } from '../access/access-token.entity';
import { LinkKey } from '../auth/link-key.entity';
import { Session } from '../auth/session.entity';
import { SignInAttempt } from '../auth/sign-in-attempt.entity';
import { SignInLink } from '../auth/sign-in-link.entity';
import { CalendarFeed } from '../availability/calendar/calendar-feed.entity';
import { AvailabilityEvent } from '../availability/live/availability-event.entity';
import { Absence } from '../availability/patterns/absence.entity';
import { WeeklyPattern } from '../availability/patterns/weekly-pattern.entity';
import { Practitioner } from '../availability/practitioners/practitioner.entity';
import { Slot } from '../availability/slots/slot.entity';
import { CallbackTask } from '../callbacks/callback-task.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignRecipient } from '../campaigns/campaign-recipient.entity';
import { Cpts } from '../cpts/cpts.entity';
import { Notification } from '../notifications/notification.entity';
import { MatchingDecision } from '../orientation/matching-decision.entity';
import { Offer } from '../orientation/referral/offer.entity';
import { OrientationRequest } from '../orientation/requests/orientation-request.entity';
import { RequestEvent } from '../orientation/requests/request-event.entity';
import { Appointment } from '../orientation/urgent/appointment.entity';
import { SlotHold } from '../orientation/urgent/slot-hold.entity';
import { Person } from '../people/person.entity';
import { RequestAccess } from '../privacy/request-access.entity';
import { RedirectTarget } from '../redirect-targets/redirect-target.entity';
import { CommuneCentre } from '../territory/commune-centre.entity';

/** Every entity of the schema, for the application and the migration tooling alike. */
export const ENTITIES = [
  Cpts,
  AccessToken,
  Practitioner,
  Slot,
  Notification,
  AvailabilityEvent,
  CalendarFeed,
  CommuneCentre,
  OrientationRequest,
  Appointment,
  Offer,
  RequestEvent,
  MatchingDecision,
  SlotHold,
  RequestAccess,
  Person,
  Session,
  SignInLink,
  SignInAttempt,
  LinkKey,
  WeeklyPattern,
  Absence,
  Campaign,
  CampaignRecipient,
  RedirectTarget,
  CallbackTask,
];
