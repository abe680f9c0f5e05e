import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { COMMUNE_CODE } from '../../territory/commune-referential';

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
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(2000)
  @Matches(COMMUNE_CODE, {
    each: true,
    message: 'each value in communeCodes must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCodes?: string[];
}
