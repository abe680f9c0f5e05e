import { IntersectionType } from '@nestjs/swagger';
import { TimeRangeQuery } from '../../availability/dto/time-range.query';
import { ListQueryDto } from '../../common/list-query.dto';

export class PractitionerAppointmentsQuery extends IntersectionType(ListQueryDto, TimeRangeQuery) {}
