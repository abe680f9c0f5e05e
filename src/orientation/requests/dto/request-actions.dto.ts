import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

import { IsRfc3339Time } from '../../../common/is-rfc3339-time';
import { REDIRECT_TARGETS, type RedirectTarget } from '../../../common/request-status';

export class CancelRequestDto {
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ConfirmRequestDto {
  /** An alternative to book instead of the held slot. */
  @IsOptional()
  @IsUUID()
  slotId?: string;
}

export class SurnumeraireAskDto {
  @IsUUID()
  practitionerId!: string;

  /** When the GP is asked to see the patient, outside their published slots. */
  @IsRfc3339Time()
  startsAt!: string;
}

export class OutcomeDto {
  @IsIn(['honoured', 'no_show'])
  outcome!: 'honoured' | 'no_show';
}

export class AssignRequestDto {
  @IsUUID()
  practitionerId!: string;

  @IsOptional()
  @IsUUID()
  slotId?: string;

  @IsOptional()
  @IsRfc3339Time()
  startsAt?: string;

  @IsString()
  @Length(1, 1000)
  note!: string;
}

export class RedirectRequestDto {
  @IsIn(REDIRECT_TARGETS, { message: `to must be one of ${REDIRECT_TARGETS.join(', ')}` })
  to!: RedirectTarget;

  /** One of the CPTS's redirect targets: the place the patient was sent to. */
  @IsOptional()
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId?: string;

  @IsString()
  @Length(1, 1000)
  note!: string;
}

export class DeclineOfferDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
