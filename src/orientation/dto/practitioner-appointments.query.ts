import { IsOptional } from 'class-validator';
import { IsRfc3339Time } from '../../availability/dto/is-rfc3339-time';
import { ListQueryDto } from '../../common/list-query.dto';

export class PractitionerAppointmentsQuery extends ListQueryDto {
  @IsOptional()
  @IsRfc3339Time()
  from?: string;

  @IsOptional()
  @IsRfc3339Time()
  to?: string;
}
