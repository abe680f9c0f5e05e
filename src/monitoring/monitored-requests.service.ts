import { Injectable } from '@nestjs/common';

import type { Caller } from '../access/role';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../common/cursor';
import type { Page } from '../common/list-query.dto';
import { OPEN_STATUSES } from '../common/request-status';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { OrientationRequest } from '../orientation/requests/orientation-request.entity';
import { requestView } from '../orientation/requests/requests.service';
import { riskHorizon } from '../orientation/requests/requests.service';
import { CommunesService } from '../territory/communes.service';
import { MonitoredRequest } from './dto/monitored-request.view';
import type { MonitoredRequestsQuery } from './dto/monitored-requests.query';
import { deadlineOrder, minutesLeft } from './monitored-request';

export { MonitoredRequest };

/** The coordinator's work lists: requests at risk, waiting, or unmet, by deadline. */
@Injectable()
export class MonitoredRequestsService {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly communes: CommunesService,
  ) {}

  list(caller: Caller, query: MonitoredRequestsQuery): Promise<Page<MonitoredRequest>> {
    const now = new Date();
    const order = deadlineOrder(query.state);
    const after = decodeTimeIdCursor(query.cursor);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const builder = manager
        .createQueryBuilder(OrientationRequest, 'r')
        .orderBy('r.deadline_at', order)
        .addOrderBy('r.id', order)
        .limit(query.limit + 1);
      if (query.state === 'unmet') {
        builder.where(`r.status = 'unmet'`);
      } else {
        builder.where('r.status IN (:...open)', { open: OPEN_STATUSES });
      }
      if (query.state === 'at_risk') {
        builder.andWhere('r.deadline_at <= :horizon', {
          horizon: riskHorizon(now, this.config.escalateBeforeMs),
        });
      }
      if (after) {
        builder.andWhere(`(r.deadline_at, r.id) ${order === 'ASC' ? '>' : '<'} (:at, :id)`, after);
      }
      const rows = await builder.getMany();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((request) => ({
          ...requestView(request),
          communeName: this.communes.commune(request.patientCommuneCode)?.name ?? null,
          minutesLeft: minutesLeft(request.deadlineAt, now),
        })),
        nextCursor:
          rows.length > query.limit && last ? encodeTimeIdCursor(last.deadlineAt, last.id) : null,
      };
    });
  }
}
