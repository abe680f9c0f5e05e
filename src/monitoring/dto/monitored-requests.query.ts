import { IsIn } from 'class-validator';

import { ListQueryDto } from '../../common/list-query.dto';
import { MONITORING_STATES, type MonitoringState } from '../monitored-request';

export class MonitoredRequestsQuery extends ListQueryDto {
  @IsIn(MONITORING_STATES)
  state!: MonitoringState;
}
