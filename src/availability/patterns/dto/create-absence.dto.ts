import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Paris days, both inclusive, without slots from patterns. */
export class CreateAbsenceDto {
  @ApiProperty({ example: '2027-03-22' })
  @Matches(DATE, { message: 'from must be a YYYY-MM-DD date' })
  from!: string;

  @ApiProperty({ example: '2027-03-28', description: 'inclusive, not before from' })
  @Matches(DATE, { message: 'to must be a YYYY-MM-DD date' })
  to!: string;
}
