import { PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

import { CreatePractitionerDto } from './create-practitioner.dto';

/** Fields given are replaced; `practice` and `notify` are replaced as a whole. */
export class UpdatePractitionerDto extends PartialType(CreatePractitionerDto) {
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
