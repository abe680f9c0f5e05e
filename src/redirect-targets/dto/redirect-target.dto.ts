import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { COMMUNE_CODE } from '../../common/commune-code';
import { IsPhone } from '../../common/phone';
import { REDIRECT_TARGET_KINDS, type RedirectTargetKind } from '../redirect-target.entity';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_OR_MIDNIGHT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export class OpeningSpanDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = lundi … 7 = dimanche (ISO)' })
  @IsInt({ message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @ApiProperty({ example: '20:00' })
  @Matches(HH_MM, { message: 'opens must be HH:MM' })
  opens!: string;

  @ApiProperty({ example: '24:00', description: 'at or before opens: past midnight' })
  @Matches(HH_MM_OR_MIDNIGHT, { message: 'closes must be HH:MM (24:00 for midnight)' })
  closes!: string;
}

export class CreateRedirectTargetDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: REDIRECT_TARGET_KINDS })
  @IsIn(REDIRECT_TARGET_KINDS, {
    message: `kind must be one of ${REDIRECT_TARGET_KINDS.join(', ')}`,
  })
  kind!: RedirectTargetKind;

  @IsOptional()
  @IsPhone()
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @IsOptional()
  @Matches(COMMUNE_CODE, {
    message: 'communeCode must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCode?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningSpanDto)
  hours?: OpeningSpanDto[];

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** Fields given are replaced; `hours` as a whole. */
export class UpdateRedirectTargetDto extends PartialType(CreateRedirectTargetDto) {}
