import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsCommuneCodes } from '../../../common/is-commune-codes';

/** Whether the practitioner takes new patients as referring physician, how many, and whom. */
export class NewPatientCapacityDto {
  @IsBoolean()
  accepting!: boolean;

  @IsInt()
  @Min(0)
  @Max(10_000)
  openPlaces!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  ageMin?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  ageMax?: number;

  /** The communes whose patients are taken; absent means any. */
  @IsOptional()
  @IsCommuneCodes()
  communeCodes?: string[];
}
