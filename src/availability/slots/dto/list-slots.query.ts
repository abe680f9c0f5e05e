import { IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { TimeRangeQuery } from '../../../common/dto/time-range.query';
import { ListQueryDto } from '../../../common/list-query.dto';
import type { SlotStatus } from '../slot.entity';

const STATUSES: SlotStatus[] = ['free', 'held', 'booked'];

export class ListSlotsQueryDto extends IntersectionType(ListQueryDto, TimeRangeQuery) {
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: SlotStatus;
}
