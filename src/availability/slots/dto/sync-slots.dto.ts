import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';

import { IsRfc3339Time } from '../../../common/is-rfc3339-time';
import { SlotInputDto } from './slot-input.dto';

export const MAX_SYNC_SLOTS = 2000;

export class SyncSlotsDto {
  @ApiProperty({ type: [SlotInputDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SYNC_SLOTS)
  @ValidateNested({ each: true })
  @Type(() => SlotInputDto)
  slots!: SlotInputDto[];
}

/** The window a sync replaces: `[from, to)`. */
export class SyncWindowQueryDto {
  @IsRfc3339Time()
  from!: string;

  @IsRfc3339Time()
  to!: string;
}
