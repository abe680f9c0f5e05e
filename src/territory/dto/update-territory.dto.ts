import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Length, Matches } from 'class-validator';
import { COMMUNE_CODE } from '../commune-referential';

export class UpdateTerritoryDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(2000)
  @Matches(COMMUNE_CODE, {
    each: true,
    message: 'each value in communeCodes must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCodes!: string[];
}
