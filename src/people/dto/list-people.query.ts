import { IsIn, IsOptional } from 'class-validator';

import { PERSON_ROLES, type PersonRole } from '../../access/person-role';
import { ListQueryDto } from '../../common/list-query.dto';

export class ListPeopleQuery extends ListQueryDto {
  @IsOptional()
  @IsIn(PERSON_ROLES)
  role?: PersonRole;
}
