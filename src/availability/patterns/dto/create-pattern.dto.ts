import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';

import { CONSULTATION_MODES, type ConsultationMode } from '../../../common/consultation-mode';
import { MAX_SLOT_MINUTES, MIN_SLOT_MINUTES } from '../../slots/slot-rules';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A weekly pattern: slots every `slotMinutes` from startTime to endTime, Paris wall-clock time. */
export class CreatePatternDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = lundi … 7 = dimanche (ISO)' })
  @IsInt({ message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @ApiProperty({ example: '08:30' })
  @Matches(HH_MM, { message: 'startTime must be HH:MM' })
  startTime!: string;

  @ApiProperty({ example: '10:00', description: 'after startTime' })
  @Matches(HH_MM, { message: 'endTime must be HH:MM' })
  endTime!: string;

  @ApiProperty({ minimum: MIN_SLOT_MINUTES, maximum: MAX_SLOT_MINUTES, example: 20 })
  @IsInt({
    message: `slotMinutes must be an integer from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}`,
  })
  @Min(MIN_SLOT_MINUTES, {
    message: `slotMinutes must be an integer from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}`,
  })
  @Max(MAX_SLOT_MINUTES, {
    message: `slotMinutes must be an integer from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}`,
  })
  slotMinutes!: number;

  @ApiProperty({ enum: CONSULTATION_MODES })
  @IsIn(CONSULTATION_MODES, { message: `mode must be one of ${CONSULTATION_MODES.join(', ')}` })
  mode!: ConsultationMode;
}
