import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

import { TimeRangeQuery } from '../../../common/dto/time-range.query';
import { ListQueryDto } from '../../../common/list-query.dto';
import { IsPhone } from '../../../common/phone';
import { QueryBoolean } from '../../../common/query-boolean';
import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
} from '../../../common/request-status';
import { OFFER_STATUSES, type OfferStatus } from '../../referral/offer.entity';

export class ListRequestsQuery extends TimeRangeQuery {
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;

  @IsOptional()
  @IsIn(REQUEST_KINDS)
  kind?: RequestKind;

  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'communeCode must be an INSEE commune code' })
  communeCode?: string;

  @ApiProperty({ required: false, description: 'only the requests the signed-in person filed' })
  @IsOptional()
  @QueryBoolean('mine')
  mine?: boolean;

  @ApiProperty({ required: false, description: 'only open requests, nearest deadline first' })
  @IsOptional()
  @QueryBoolean('open')
  open?: boolean;

  @ApiProperty({
    required: false,
    description: 'a reference, a phone number, or the start of a last name',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'q must be 1 to 100 characters' })
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}

export class OffersQuery extends ListQueryDto {
  @IsOptional()
  @IsIn(OFFER_STATUSES)
  status?: OfferStatus;
}

/** Who may already have a request open: the same phone, or the same last name and birth date. */
export class DuplicatesQuery {
  @IsOptional()
  @IsPhone()
  phone?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'lastName must be 1 to 100 characters' })
  lastName?: string;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date written YYYY-MM-DD' })
  birthDate?: string;
}
