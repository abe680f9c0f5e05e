import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import { DomainError } from '../common/domain-error';
import { Database } from '../database/database';
import { CommunesService } from '../territory/communes.service';
import { CreateRedirectTargetDto, UpdateRedirectTargetDto } from './dto/redirect-target.dto';
import { RedirectTargetView } from './dto/redirect-target.view';
import { openNow, pdsaNow } from './opening-hours';
import { RedirectTarget } from './redirect-target.entity';

function targetView(target: RedirectTarget, now: Date): RedirectTargetView {
  return {
    id: target.id,
    name: target.name,
    kind: target.kind,
    phone: target.phone,
    address: target.address,
    communeCode: target.communeCode,
    hours: target.hours,
    note: target.note,
    openNow: openNow(target.hours, now),
  };
}

/** The places a CPTS redirects patients to, configured by its coordinator. */
@Injectable()
export class RedirectTargetsService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
  ) {}

  list(caller: Caller, now = new Date()) {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const targets = await manager.find(RedirectTarget, { order: { name: 'ASC', id: 'ASC' } });
      return { pdsaNow: pdsaNow(now), items: targets.map((target) => targetView(target, now)) };
    });
  }

  create(caller: Caller, body: CreateRedirectTargetDto) {
    this.assertCommune(body.communeCode);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const target = await manager.save(
        manager.create(RedirectTarget, {
          name: body.name.trim(),
          kind: body.kind,
          phone: body.phone ?? null,
          address: body.address?.trim() ?? null,
          communeCode: body.communeCode ?? null,
          hours: (body.hours ?? []).map(({ weekday, opens, closes }) => ({
            weekday,
            opens,
            closes,
          })),
          note: body.note?.trim() ?? '',
        }),
      );
      return targetView(target, new Date());
    });
  }

  update(caller: Caller, id: string, body: UpdateRedirectTargetDto) {
    this.assertCommune(body.communeCode);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const target = await this.findIn(manager, id);
      if (target === null) throw DomainError.notFound('Redirect target');
      const changes: Partial<RedirectTarget> = {
        name: body.name?.trim(),
        kind: body.kind ?? undefined,
        phone: body.phone,
        address: body.address === null ? null : body.address?.trim(),
        communeCode: body.communeCode,
        hours: body.hours?.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
        note: body.note?.trim(),
      };
      const given = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      );
      const saved = await manager.save(RedirectTarget, { ...target, ...given });
      return targetView(saved, new Date());
    });
  }

  async remove(caller: Caller, id: string): Promise<void> {
    await this.db.tenant(caller.cptsId, async (manager) => {
      const { affected } = await manager.delete(RedirectTarget, { id });
      if (!affected) throw DomainError.notFound('Redirect target');
    });
  }

  /** A target of the transaction's CPTS, or null. */
  findIn(manager: EntityManager, id: string): Promise<RedirectTarget | null> {
    return manager.findOneBy(RedirectTarget, { id });
  }

  private assertCommune(code: string | null | undefined): void {
    if (code != null && !this.communes.commune(code)) {
      throw DomainError.invalid('communeCode', 'communeCode is not a known commune');
    }
  }
}
