import type { ConsultationMode } from '../../../common/consultation-mode';
import { FieldError } from '../../../common/dto/problem.view';
import type { StructureIdType } from '../practice-structure';

/** The national identifier of the structure of a practice (docs/sas-fhir.md). */
export class PracticeStructureView {
  type!: StructureIdType;
  value!: string;
}

export class PracticeView {
  address!: string;
  communeCode!: string;
  communeName!: string;
  latitude!: number | null;
  longitude!: number | null;
  structure!: PracticeStructureView | null;
}

/** A practitioner of the CPTS, with their new-patient capacity and when they last updated it. */
export class PractitionerView {
  id!: string;
  /** 11 digits */
  rpps!: string;
  firstName!: string;
  lastName!: string;
  email!: string;
  /** E.164 */
  phone!: string;
  practice!: PracticeView;
  modes!: ConsultationMode[];
  languages!: string[];
  weeklyUrgentCap!: number;
  notify!: { email: boolean; sms: boolean };
  active!: boolean;
  /** Consents to the publication of their urgent slots to the SAS (docs/sas-fhir.md). */
  sasPublication!: boolean;
  newPatients!: {
    accepting: boolean;
    openPlaces: number;
    ageMin: number | null;
    ageMax: number | null;
    communeCodes: string[] | null;
    updatedAt: string | null;
  };
  availabilityUpdatedAt!: string | null;
}

export class PractitionerPage {
  items!: PractitionerView[];
  nextCursor!: string | null;
}

/** A row of the spreadsheet that was not imported, and why. */
export class RejectedLine {
  /** 1-based line in the file, the header being line 1. */
  line!: number;
  /** `field` is the column as the file's header names it. */
  errors!: FieldError[];
}

export class ImportResult {
  created!: number;
  updated!: number;
  rejected!: RejectedLine[];
}

export class ConfirmedAvailability {
  availabilityUpdatedAt!: string;
  capacityUpdatedAt!: string;
}
