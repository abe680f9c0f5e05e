import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

import { PERSON_ROLES, type PersonRole } from '../../access/person-role';
import { RPPS } from '../../availability/practitioners/dto/create-practitioner.dto';

export const normaliseEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreatePersonDto {
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  /** How colleagues see them named: "Dr Anne Martin", "Mme Le Gall". */
  @IsString()
  @Length(1, 100)
  displayName!: string;

  /** Not `regulator`: a SAS regulator exists only through a Pro Santé Connect sign-in. */
  @IsIn(PERSON_ROLES.filter((role) => role !== 'regulator'))
  role!: PersonRole;

  @IsOptional()
  @Matches(RPPS, { message: 'rpps must be 11 digits' })
  rpps?: string;

  /** Required for the practitioner role, and only for it. */
  @IsOptional()
  @IsUUID()
  practitionerId?: string;
}
