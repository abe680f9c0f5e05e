// Written by scripts/migration-generate.js: every migration, in order.
import { Initial1795455362901 } from './1795455362901-Initial';
import { AvailabilityEventsAndCalendarFeeds1795455761291 } from './1795455761291-AvailabilityEventsAndCalendarFeeds';
import { CommuneCentres1795455794218 } from './1795455794218-CommuneCentres';
import { Orientation1795456496119 } from './1795456496119-Orientation';
import { NotificationDelivery1795456496660 } from './1795456496660-NotificationDelivery';
import { RequestAccessLog1795457425325 } from './1795457425325-RequestAccessLog';
import { AppointmentRecentByCpts1795457546693 } from './1795457546693-AppointmentRecentByCpts';
import { AvailabilityEventCommitOrder1795462781278 } from './1795462781278-AvailabilityEventCommitOrder';
import { TenantForeignKeys1796288864822 } from './1796288864822-TenantForeignKeys';
import { PeopleAndSessions1796337291156 } from './1796337291156-PeopleAndSessions';
import { RequestLifecycle1796340000000 } from './1796340000000-RequestLifecycle';
import { WeeklyPatternsAndAbsences1796340407344 } from './1796340407344-WeeklyPatternsAndAbsences';
import { CapacityConfirmAndCampaigns1796340802444 } from './1796340802444-CapacityConfirmAndCampaigns';
import { SlotHolds1796368803982 } from './1796368803982-SlotHolds';
import { CallsAndRedirectTargets1796369365495 } from './1796369365495-CallsAndRedirectTargets';
import { SurnumeraireAsks1796370949986 } from './1796370949986-SurnumeraireAsks';
import { SasBooking1796372500000 } from './1796372500000-SasBooking';
import { AvailabilityEventPositionAssigner1796380000000 } from './1796380000000-AvailabilityEventPositionAssigner';
import { NotificationOutboxNotifyRow1796380000001 } from './1796380000001-NotificationOutboxNotifyRow';
import { TenantKeysViaRequest1796389463708 } from './1796389463708-TenantKeysViaRequest';
import { SasPublication1796400000000 } from './1796400000000-SasPublication';
import { SmartPublication1796410000000 } from './1796410000000-SmartPublication';
import { NotificationClaimHolder1796438369062 } from './1796438369062-NotificationClaimHolder';
import { AssignerKillsDeadEntries1796447725562 } from './1796447725562-AssignerKillsDeadEntries';

export const MIGRATIONS = [
  Initial1795455362901,
  AvailabilityEventsAndCalendarFeeds1795455761291,
  CommuneCentres1795455794218,
  Orientation1795456496119,
  NotificationDelivery1795456496660,
  RequestAccessLog1795457425325,
  AppointmentRecentByCpts1795457546693,
  AvailabilityEventCommitOrder1795462781278,
  TenantForeignKeys1796288864822,
  PeopleAndSessions1796337291156,
  RequestLifecycle1796340000000,
  WeeklyPatternsAndAbsences1796340407344,
  CapacityConfirmAndCampaigns1796340802444,
  SlotHolds1796368803982,
  CallsAndRedirectTargets1796369365495,
  SurnumeraireAsks1796370949986,
  SasBooking1796372500000,
  AvailabilityEventPositionAssigner1796380000000,
  NotificationOutboxNotifyRow1796380000001,
  TenantKeysViaRequest1796389463708,
  SasPublication1796400000000,
  SmartPublication1796410000000,
  NotificationClaimHolder1796438369062,
  AssignerKillsDeadEntries1796447725562,
];
