import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { PERSON_ROLES, type PersonRole } from '../../access/person-role';

export class ListPeopleQuery extends ListQueryDto {
  @IsOptional()
  @IsIn(PERSON_ROLES)
  role?: PersonRole;
}
