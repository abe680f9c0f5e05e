import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

import { IsCommuneCodes } from '../../common/is-commune-codes';
import { IsPhone } from '../../common/phone';

export class UpdateTerritoryDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsCommuneCodes()
  communeCodes!: string[];

  /** The CPTS's FINESS (9 digits), which the SAS platform needs; absent: unchanged, null: none. */
  @IsOptional()
  @Matches(/^[0-9]{9}$/, { message: 'finess must be the 9 digits of a FINESS number' })
  finess?: string | null;

  /** The CPTS's phone number; absent: unchanged, null: none. */
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  /** The open publication of the consenting GPs' slots (SMART Scheduling Links); absent: unchanged. */
  @IsOptional()
  @IsBoolean()
  smartPublication?: boolean;
}
