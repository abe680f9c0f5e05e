import { OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

import { CreatePersonDto } from './create-person.dto';

/** A person's role and practitioner stay what they were made with: make another person instead. */
export class UpdatePersonDto extends PartialType(
  OmitType(CreatePersonDto, ['role', 'practitionerId'] as const),
) {
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
