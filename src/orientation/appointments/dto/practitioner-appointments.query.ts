import { IntersectionType } from '@nestjs/swagger';

import { TimeRangeQuery } from '../../../common/dto/time-range.query';
import { ListQueryDto } from '../../../common/list-query.dto';

export class PractitionerAppointmentsQuery extends IntersectionType(ListQueryDto, TimeRangeQuery) {}
