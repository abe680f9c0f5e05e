import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto';
import type { SlotStatus } from '../slot.entity';
import { IsRfc3339Time } from './is-rfc3339-time';

const STATUSES: SlotStatus[] = ['free', 'held', 'booked'];

export class ListSlotsQueryDto extends ListQueryDto {
  @IsOptional()
  @IsRfc3339Time()
  from?: string;

  @IsOptional()
  @IsRfc3339Time()
  to?: string;

  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: SlotStatus;
}
