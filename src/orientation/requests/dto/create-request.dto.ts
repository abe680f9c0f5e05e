import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { CONSULTATION_MODES, type ConsultationMode } from '../../../common/consultation-mode';
import { PersonNameDto } from '../../../common/dto/person-name.dto';
import { IsPhone } from '../../../common/phone';
import {
  PRIORITY_FLAGS,
  type PriorityFlag,
  REQUEST_KINDS,
  type RequestKind,
} from '../../../common/request-status';

export const BOOKING_MODES = ['auto', 'propose'] as const;
export type BookingMode = (typeof BOOKING_MODES)[number];

export class PatientDto extends PersonNameDto {
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date written YYYY-MM-DD' })
  birthDate!: string;

  @IsPhone()
  phone!: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @Matches(/^(\d{5}|2[AB]\d{3})$/, {
    message: 'communeCode must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCode!: string;

  @IsOptional()
  @Matches(/^\d{11}$/, { message: 'referringPractitionerRpps must be 11 digits' })
  referringPractitionerRpps?: string;
}

export class CreateRequestDto {
  @IsIn(REQUEST_KINDS)
  kind!: RequestKind;

  @ValidateNested()
  @Type(() => PatientDto)
  patient!: PatientDto;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONSULTATION_MODES, { each: true })
  acceptedModes?: ConsultationMode[];

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PRIORITY_FLAGS, { each: true })
  priorityFlags?: PriorityFlag[];

  /**
   * `auto` books the best slot at once; `propose` (urgent only) holds it while the patient on the
   * phone agrees, to be confirmed or released.
   */
  @IsOptional()
  @IsIn(BOOKING_MODES)
  booking?: BookingMode;

  /** With `propose`: hold a slot of this practitioner only (required of a SAS regulator). */
  @IsOptional()
  @IsUUID()
  practitionerId?: string;

  /** With `propose`: hold this free slot, the one the caller chose (no ranking). */
  @IsOptional()
  @IsUUID()
  slotId?: string;

  /** A SAS regulator only: the `origin` the SAS platform appended to the booking link. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  origin?: string;
}
