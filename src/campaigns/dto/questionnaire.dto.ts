import { ApiProperty, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, ValidateNested } from 'class-validator';

import { CreatePatternDto } from '../../availability/patterns/dto/create-pattern.dto';
import { NewPatientCapacityDto } from '../../availability/practitioners/dto/new-patient-capacity.dto';

/** The questionnaire MT/SNP as a GP answers it: all of it, every time. */
export class QuestionnaireDto extends PickType(NewPatientCapacityDto, [
  'accepting',
  'openPlaces',
] as const) {
  @ApiProperty({ description: 'takes part in unscheduled care (soins non programmés)' })
  @IsBoolean()
  urgentCare!: boolean;

  @ApiProperty({ type: [CreatePatternDto], description: 'replaces the weekly patterns' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CreatePatternDto)
  patterns!: CreatePatternDto[];
}
