import { IsOptional, IsString, Length, Matches } from 'class-validator';

import { COMMUNE_CODE } from '../../common/commune-code';
import { ListQueryDto } from '../../common/list-query.dto';

export class SearchCommunesDto extends ListQueryDto {
  /** Part of a name (case and accents ignored) or the start of a postal code. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @IsOptional()
  @Matches(COMMUNE_CODE, { message: 'code must be an INSEE commune code such as 56007 or 2A004' })
  code?: string;
}
