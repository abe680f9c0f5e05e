import { IsBoolean } from 'class-validator';

export class SasPublicationDto {
  /** true: the GP's urgent slots are offered to the SAS platform's regulators. */
  @IsBoolean()
  sasPublication!: boolean;
}
