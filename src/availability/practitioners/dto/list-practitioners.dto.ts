import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { COMMUNE_CODE } from '../../../common/commune-code';
import { ListQueryDto } from '../../../common/list-query.dto';
import { QueryBoolean } from '../../../common/query-boolean';

export class ListPractitionersDto extends ListQueryDto {
  @IsOptional()
  @Matches(COMMUNE_CODE, {
    message: 'communeCode must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCode?: string;

  @IsOptional()
  @QueryBoolean('active')
  active?: boolean;

  /** Only practitioners whose availability was never given, or not for this many days. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  staleDays?: number;
}
