import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

import { CONSULTATION_MODES, type ConsultationMode } from '../../../common/consultation-mode';
import { IsRfc3339Time } from '../../../common/is-rfc3339-time';

/** An urgent slot as a practitioner or their agenda software publishes it. */
export class SlotInputDto {
  @ApiProperty({ example: '2027-03-28T10:00:00+02:00' })
  @IsRfc3339Time()
  startsAt!: string;

  @ApiProperty({ example: '2027-03-28T10:20:00+02:00' })
  @IsRfc3339Time()
  endsAt!: string;

  @ApiProperty({ enum: CONSULTATION_MODES })
  @IsIn(CONSULTATION_MODES, { message: `mode must be one of ${CONSULTATION_MODES.join(', ')}` })
  mode!: ConsultationMode;
}
