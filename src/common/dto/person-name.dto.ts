import { IsString, Length } from 'class-validator';

/** The first and last names of a person the service records: a patient, a practitioner. */
export class PersonNameDto {
  @IsString()
  @Length(1, 100)
  firstName!: string;

  @IsString()
  @Length(1, 100)
  lastName!: string;
}
