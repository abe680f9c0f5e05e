import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { COMMUNE_CODE } from '../../territory/commune-referential';

const BOOLEANS: Record<string, boolean> = { true: true, false: false };

export class ListPractitionersDto extends ListQueryDto {
  @IsOptional()
  @Matches(COMMUNE_CODE, {
    message: 'communeCode must be an INSEE commune code such as 56007 or 2A004',
  })
  communeCode?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value in BOOLEANS ? BOOLEANS[value] : value,
  )
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  /** Only practitioners whose availability was never given, or not for this many days. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  staleDays?: number;
}
