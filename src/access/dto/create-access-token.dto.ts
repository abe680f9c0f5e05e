import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

import { TOKEN_ROLES, type TokenRole } from '../role';

export class CreateAccessTokenDto {
  @IsIn(TOKEN_ROLES)
  role!: TokenRole;

  @IsString()
  @Length(1, 100)
  label!: string;

  @IsOptional()
  @IsUUID()
  practitionerId?: string;
}
