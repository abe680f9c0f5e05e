import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

import { normaliseEmail } from '../../people/dto/create-person.dto';

export class RequestLinkDto {
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  /** The page to open once signed in (the sign-in form sends it; a link keeps its own). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}
