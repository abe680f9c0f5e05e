import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { IsRfc3339Time } from '../../common/is-rfc3339-time';
import { ListQueryDto } from '../../common/list-query.dto';
import { QueryBoolean } from '../../common/query-boolean';

export class CreateCallbackDto {
  @ApiProperty({ example: '2027-03-28T14:00:00+02:00' })
  @IsRfc3339Time()
  dueAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ListCallbacksQuery extends ListQueryDto {
  @ApiProperty({ required: false, description: 'only the callbacks the signed-in person planned' })
  @IsOptional()
  @QueryBoolean('mine')
  mine?: boolean;

  @ApiProperty({ required: false })
  @IsOptional()
  @QueryBoolean('done')
  done?: boolean;
}
