import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { CreatePatternDto } from '../../availability/patterns/dto/create-pattern.dto';

/** The questionnaire MT/SNP as a GP answers it: all of it, every time. */
export class QuestionnaireDto {
  @ApiProperty({ description: 'takes part in unscheduled care (soins non programmés)' })
  @IsBoolean()
  urgentCare!: boolean;

  @ApiProperty({ type: [CreatePatternDto], description: 'replaces the weekly patterns' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CreatePatternDto)
  patterns!: CreatePatternDto[];

  @IsBoolean()
  accepting!: boolean;

  @IsInt()
  @Min(0)
  @Max(10_000)
  openPlaces!: number;
}
