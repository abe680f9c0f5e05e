import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsRfc3339Time } from '../../availability/dto/is-rfc3339-time';
import { ListQueryDto } from '../../common/list-query.dto';
import { OFFER_STATUSES, type OfferStatus } from '../offer.entity';
import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
} from '../request-status';

export class ListRequestsQuery {
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;

  @IsOptional()
  @IsIn(REQUEST_KINDS)
  kind?: RequestKind;

  @IsOptional()
  @IsRfc3339Time()
  from?: string;

  @IsOptional()
  @IsRfc3339Time()
  to?: string;

  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'communeCode must be an INSEE commune code' })
  communeCode?: string;

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
