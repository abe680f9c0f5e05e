import { IsOptional } from 'class-validator';

import { IsRfc3339Time } from '../../common/is-rfc3339-time';

/** `?from=&to=`: a window of time, each end optional, as RFC 3339 times with an offset. */
export class TimeRangeQuery {
  @IsOptional()
  @IsRfc3339Time()
  from?: string;

  @IsOptional()
  @IsRfc3339Time()
  to?: string;
}
