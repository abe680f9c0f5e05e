import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ROLES, type Role } from '../role';

export class CreateAccessTokenDto {
  @IsIn(ROLES)
  role!: Role;

  @IsString()
  @Length(1, 100)
  label!: string;

  @IsOptional()
  @IsUUID()
  practitionerId?: string;
}
