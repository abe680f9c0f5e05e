import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { COMMUNE_CODE } from '../../../common/commune-code';
import { CONSULTATION_MODES, type ConsultationMode } from '../../../common/consultation-mode';
import { PersonNameDto } from '../../../common/dto/person-name.dto';
import { IsLanguageCode } from '../../../common/language';
import { IsPhone } from '../../../common/phone';
import { STRUCTURE_ID_TYPES, type StructureIdType } from '../practice-structure';

export const RPPS = /^\d{11}$/;

const hasCoordinates = (practice: PracticeDto) =>
  practice.latitude !== undefined || practice.longitude !== undefined;

/** The national identifier of the structure of the practice (format checked by the service). */
export class PracticeStructureDto {
  @IsIn(STRUCTURE_ID_TYPES, {
    message: `type must be one of ${STRUCTURE_ID_TYPES.join(', ')}`,
  })
  type!: StructureIdType;

  @IsString()
  @Length(1, 20)
  value!: string;
}

export class PracticeDto {
  @IsString()
  @Length(1, 300)
  address!: string;

  @Matches(COMMUNE_CODE, {
    message: 'communeCode must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCode!: string;

  /** With longitude, or neither: then the commune centre stands for the practice. */
  @ValidateIf(hasCoordinates)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @ValidateIf(hasCoordinates)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number;

  /** FINESS, SIRET or RPPS-rang of the practice, for the SAS platform; null or absent: none. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PracticeStructureDto)
  structure?: PracticeStructureDto | null;
}

export class NotifyDto {
  @IsBoolean()
  email!: boolean;

  @IsBoolean()
  sms!: boolean;
}

/** A practitioner as POST /practitioners and each row of a CSV import give it. */
export class CreatePractitionerDto extends PersonNameDto {
  @Matches(RPPS, { message: 'rpps must be the 11 digits of an RPPS number' })
  rpps!: string;

  @IsEmail()
  @Length(1, 254)
  email!: string;

  @IsPhone()
  phone!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => PracticeDto)
  practice!: PracticeDto;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(CONSULTATION_MODES, {
    each: true,
    message: `each value in modes must be one of ${CONSULTATION_MODES.join(', ')}`,
  })
  modes!: ConsultationMode[];

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsLanguageCode()
  languages?: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  weeklyUrgentCap?: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => NotifyDto)
  notify!: NotifyDto;

  /** Consent to publish the GP's urgent slots to the national SAS platform; default false. */
  @IsOptional()
  @IsBoolean()
  sasPublication?: boolean;
}
