import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { parseRfc3339, toParisIso } from '../common/paris-time';
import { Database } from '../database/database';
import { OrientationRequest } from '../orientation/requests/orientation-request.entity';
import { recordHistory } from '../orientation/requests/requests.service';
import { CallbackTask } from './callback-task.entity';
import { CreateCallbackDto, ListCallbacksQuery } from './dto/callback.dto';
import { CallbackView, ListedCallback } from './dto/callback.view';

/** A callback may be planned for a moment just past (the operator typed "now"), not earlier. */
const PAST_TOLERANCE_MS = 15 * 60_000;

type WithRequest = CallbackTask & { request: OrientationRequest };

function callbackView(task: CallbackTask): CallbackView {
  return {
    id: task.id,
    requestId: task.requestId,
    dueAt: toParisIso(task.dueAt),
    note: task.note,
    doneAt: task.doneAt ? toParisIso(task.doneAt) : null,
  };
}

/** What an operator needs to call back: the request's reference and status, whom to call. */
function listedView(task: WithRequest): ListedCallback {
  const { request } = task;
  return {
    ...callbackView(task),
    createdAt: toParisIso(task.createdAt),
    request: {
      id: request.id,
      reference: request.reference,
      status: request.status,
      patient: {
        firstName: request.patientFirstName,
        lastInitial: request.patientLastName.charAt(0).toUpperCase(),
        phone: request.patientPhone,
      },
    },
  };
}

/** "Rappeler le patient à 14:00": callbacks planned on requests, each in the request's history. */
@Injectable()
export class CallbacksService {
  constructor(private readonly db: Database) {}

  create(caller: Caller, requestId: string, body: CreateCallbackDto) {
    const dueAt = parseRfc3339(body.dueAt)!;
    if (dueAt.getTime() < Date.now() - PAST_TOLERANCE_MS) {
      throw DomainError.invalid('dueAt', 'dueAt must not be in the past');
    }
    return this.db.tenant(caller.cptsId, async (manager) => {
      if (!(await manager.existsBy(OrientationRequest, { id: requestId })))
        throw DomainError.notFound('Request');
      const task = await manager.save(
        manager.create(CallbackTask, {
          requestId,
          dueAt,
          note: body.note?.trim() ?? '',
          createdByPersonId: caller.personId,
          createdByTokenId: caller.tokenId,
        }),
      );
      await recordHistory(manager, requestId, {
        type: 'callback_planned',
        actor: caller,
        detail: { callbackId: task.id, dueAt: toParisIso(dueAt), note: task.note || undefined },
      });
      return callbackView(task);
    });
  }

  list(caller: Caller, query: ListCallbacksQuery) {
    if (query.mine && !caller.personId) {
      throw DomainError.invalid('mine', 'mine=true needs a signed-in person');
    }
    const after = decodeTimeIdCursor(query.cursor);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const builder = manager
        .createQueryBuilder(CallbackTask, 'c')
        .innerJoinAndMapOne('c.request', OrientationRequest, 'r', 'r.id = c.request_id')
        .orderBy('c.due_at', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .take(query.limit + 1);
      if (query.mine)
        builder.andWhere('c.created_by_person_id = :person', { person: caller.personId });
      if (query.done === true) builder.andWhere('c.done_at IS NOT NULL');
      if (query.done === false) builder.andWhere('c.done_at IS NULL');
      if (after) builder.andWhere('(c.due_at, c.id) > (:at, :id)', { at: after.at, id: after.id });
      const rows = (await builder.getMany()) as WithRequest[];
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(listedView),
        nextCursor:
          rows.length > query.limit && last ? encodeTimeIdCursor(last.dueAt, last.id) : null,
      };
    });
  }

  done(caller: Caller, id: string) {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const task = await this.lock(manager, id);
      if (task.doneAt) throw DomainError.conflict('This callback is already done.');
      task.doneAt = new Date();
      task.doneByPersonId = caller.personId;
      task.doneByTokenId = caller.tokenId;
      await manager.save(task);
      await recordHistory(manager, task.requestId, {
        type: 'callback_done',
        actor: caller,
        detail: { callbackId: task.id },
      });
      return callbackView(task);
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<CallbackTask> {
    const task = await manager.findOne(CallbackTask, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!task) throw DomainError.notFound('Callback');
    return task;
  }
}
