import { IsOptional } from 'class-validator';
import { IsRfc3339Time } from '../../availability/dto/is-rfc3339-time';

export class IndicatorsQuery {
  @IsOptional()
  @IsRfc3339Time()
  from?: string;

  @IsOptional()
  @IsRfc3339Time()
  to?: string;
}
