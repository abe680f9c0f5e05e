import { ApiProperty } from '@nestjs/swagger';

import type { ConsultationMode } from '../../../common/consultation-mode';
import type { SlotStatus } from '../slot.entity';

export class SlotView {
  id!: string;
  practitionerId!: string;
  startsAt!: string;
  endsAt!: string;
  mode!: ConsultationMode;
  @ApiProperty({ enum: ['free', 'held', 'booked'] })
  status!: SlotStatus;
}

export class SlotPage {
  items!: SlotView[];
  nextCursor!: string | null;
}

/** What PUT /practitioners/{id}/slots did to the free slots of the window. */
export class SyncResult {
  created!: number;
  removed!: number;
  kept!: number;
}

/** A row of the live table: a practitioner, their new-patient capacity and free slots. */
export class LiveTableItem {
  practitioner!: {
    id: string;
    rpps: string;
    firstName: string;
    lastName: string;
    communeCode: string;
    communeName: string | null;
  };
  /** `accepting` is false once the declaration has lapsed (`expired`: see capacity-expiry.ts). */
  newPatients!: {
    accepting: boolean;
    openPlaces: number;
    updatedAt: string | null;
    expired: boolean;
  };
  freeSlots!: { id: string; startsAt: string; endsAt: string; mode: ConsultationMode }[];
  availabilityUpdatedAt!: string | null;
}

/** The live table, nearest the patient's commune first when `communeCode` is given. */
export class LiveTableView {
  generatedAt!: string;
  items!: LiveTableItem[];
}

/** The address of the practitioner's calendar feed; the secret in it is the credential. */
export class CalendarFeedView {
  url!: string;
}
