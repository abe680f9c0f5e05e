import { IsIn, IsOptional, Matches } from 'class-validator';

import { CONSULTATION_MODES, type ConsultationMode } from '../../../common/consultation-mode';
import { TimeRangeQuery } from '../../../common/dto/time-range.query';

export class LiveTableQueryDto extends TimeRangeQuery {
  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, {
    message: 'communeCode must be an INSEE commune code of 5 characters, e.g. 56007 or 2A004',
  })
  communeCode?: string;

  @IsOptional()
  @IsIn(CONSULTATION_MODES, { message: `mode must be one of ${CONSULTATION_MODES.join(', ')}` })
  mode?: ConsultationMode;
}
