import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { assertCanActAsPractitioner } from '../../access/ownership';
import type { Caller } from '../../access/role';
import type { ConsultationMode } from '../../common/consultation-mode';
import { DomainError, FieldError } from '../../common/domain-error';
import type { Page } from '../../common/list-query.dto';
import { toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { LockId } from '../../database/lock-ids';
import { queryRows } from '../../database/sql';
import { touchPractitioner } from '../slots/slots.queries';
import { SlotsService } from '../slots/slots.service';
import { Absence } from './absence.entity';
import { AbsenceView, PatternView } from './dto/pattern.view';
import {
  absenceErrors,
  DayRange,
  parisDate,
  parisDays,
  patternErrors,
  PatternRule,
  patternSlots,
} from './pattern-slots';

export type PatternInput = PatternRule;

export { AbsenceView, PatternView };

interface PatternRow extends PatternRule {
  id: string;
  createdAt: Date;
}

const PATTERN_COLUMNS = `id, weekday, to_char(start_time, 'HH24:MI') AS "startTime",
  to_char(end_time, 'HH24:MI') AS "endTime", slot_minutes AS "slotMinutes", mode,
  created_at AS "createdAt"`;
const ABSENCE_COLUMNS = `id, to_char(from_date, 'YYYY-MM-DD') AS "from",
  to_char(to_date, 'YYYY-MM-DD') AS "to", created_at AS "createdAt"`;

function throwIfAny(errors: FieldError[]): void {
  if (errors.length === 0) return;
  throw new DomainError('invalid', errors.map((error) => error.message).join('; '), errors);
}

function renderPattern(row: PatternRow): PatternView {
  return {
    id: row.id,
    weekday: row.weekday,
    startTime: row.startTime,
    endTime: row.endTime,
    slotMinutes: row.slotMinutes,
    mode: row.mode,
    createdAt: toParisIso(row.createdAt),
  };
}

function renderAbsence(row: DayRange & { id: string; createdAt: Date }): AbsenceView {
  return { id: row.id, from: row.from, to: row.to, createdAt: toParisIso(row.createdAt) };
}

/**
 * Weekly patterns and absences, and the slots generated from them over the rolling horizon
 * (PATTERN_HORIZON). Generated and withdrawn slots go through SlotsService, so the live table and
 * the event stream see them like any other slot.
 */
@Injectable()
export class PatternsService {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly slots: SlotsService,
  ) {}

  listPatterns(caller: Caller, practitionerId: string): Promise<Page<PatternView>> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, async (manager) => {
      await findPractitioner(manager, practitionerId);
      const rows = await queryRows<PatternRow>(
        manager,
        `SELECT ${PATTERN_COLUMNS} FROM weekly_pattern WHERE practitioner_id = $1
          ORDER BY weekday, start_time, created_at`,
        [practitionerId],
      );
      return { items: rows.map(renderPattern), nextCursor: null };
    });
  }

  createPattern(caller: Caller, practitionerId: string, input: PatternInput): Promise<PatternView> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, (manager) =>
      this.createIn(manager, practitionerId, input),
    );
  }

  /**
   * Stores a pattern and generates its slots over the horizon, in the caller's tenant transaction
   * (no ownership check: the caller has made it).
   */
  async createIn(
    manager: EntityManager,
    practitionerId: string,
    input: PatternInput,
  ): Promise<PatternView> {
    const modes = await touchPractitioner(manager, practitionerId);
    const rule: PatternRule = {
      weekday: input.weekday,
      startTime: input.startTime,
      endTime: input.endTime,
      slotMinutes: input.slotMinutes,
      mode: input.mode,
    };
    throwIfAny(patternErrors(rule, modes));
    const [row] = await queryRows<PatternRow>(
      manager,
      `INSERT INTO weekly_pattern (practitioner_id, weekday, start_time, end_time, slot_minutes, mode)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${PATTERN_COLUMNS}`,
      [practitionerId, rule.weekday, rule.startTime, rule.endTime, rule.slotMinutes, rule.mode],
    );
    await this.generateFor(manager, practitionerId);
    return renderPattern(row);
  }

  removePattern(caller: Caller, practitionerId: string, patternId: string): Promise<void> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, async (manager) => {
      await touchPractitioner(manager, practitionerId);
      const found = await queryRows<unknown>(
        manager,
        `SELECT 1 FROM weekly_pattern WHERE id = $1 AND practitioner_id = $2`,
        [patternId, practitionerId],
      );
      if (found.length === 0) throw DomainError.notFound('Pattern');
      await this.slots.removeFree(manager, practitionerId, { from: new Date(), patternId });
      // Booked and past slots stay; their pattern_id becomes null (ON DELETE SET NULL).
      await queryRows(manager, `DELETE FROM weekly_pattern WHERE id = $1`, [patternId]);
    });
  }

  listAbsences(caller: Caller, practitionerId: string): Promise<Page<AbsenceView>> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, async (manager) => {
      await findPractitioner(manager, practitionerId);
      const rows = await queryRows<DayRange & { id: string; createdAt: Date }>(
        manager,
        `SELECT ${ABSENCE_COLUMNS} FROM absence WHERE practitioner_id = $1 AND to_date >= $2
          ORDER BY from_date, created_at`,
        [practitionerId, parisDate(new Date())],
      );
      return { items: rows.map(renderAbsence), nextCursor: null };
    });
  }

  createAbsence(
    caller: Caller,
    practitionerId: string,
    range: DayRange,
  ): Promise<AbsenceView & { withdrawn: number }> {
    assertCanActAsPractitioner(caller, practitionerId);
    throwIfAny(absenceErrors(range));
    return this.db.tenant(caller.cptsId, async (manager) => {
      await touchPractitioner(manager, practitionerId);
      const [row] = await queryRows<DayRange & { id: string; createdAt: Date }>(
        manager,
        `INSERT INTO absence (practitioner_id, from_date, to_date) VALUES ($1, $2, $3)
         RETURNING ${ABSENCE_COLUMNS}`,
        [practitionerId, range.from, range.to],
      );
      const withdrawn = await this.slots.removeFree(manager, practitionerId, parisDays(range));
      return { ...renderAbsence(row), withdrawn };
    });
  }

  removeAbsence(caller: Caller, practitionerId: string, absenceId: string): Promise<void> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, async (manager) => {
      await touchPractitioner(manager, practitionerId);
      const { affected } = await manager.delete(Absence, { id: absenceId, practitionerId });
      if (affected === 0) throw DomainError.notFound('Absence');
    });
  }

  /**
   * One generation run across every CPTS, once across instances: returns the number of slots
   * created, 0 when another instance (or call) holds the lock.
   */
  async generateNow(now = new Date()): Promise<number> {
    const generated = await this.db.exclusive(LockId.PatternGeneration, async (manager) => {
      const due = await queryRows<{ id: string; cptsId: string }>(
        manager,
        `SELECT p.id, p.cpts_id AS "cptsId" FROM practitioner p
          WHERE p.active AND EXISTS (SELECT 1 FROM weekly_pattern w WHERE w.practitioner_id = p.id)
          ORDER BY p.cpts_id, p.id`,
      );
      let created = 0;
      for (const practitioner of due) {
        created += await this.db.tenant(practitioner.cptsId, (tenant) =>
          this.generateFor(tenant, practitioner.id, now),
        );
      }
      return created;
    });
    return generated ?? 0;
  }

  /**
   * Makes the practitioner's missing pattern slots over [now, now + horizon): skips absence days,
   * patterns in a mode no longer offered, and any slot overlapping one already there (so a run is
   * idempotent and booked slots are never touched). Inactive practitioners get none.
   */
  private async generateFor(
    manager: EntityManager,
    practitionerId: string,
    now = new Date(),
  ): Promise<number> {
    // The practitioner first, then the slots: the order every slot write takes its locks in.
    const [practitioner] = await queryRows<{ modes: ConsultationMode[]; active: boolean }>(
      manager,
      `SELECT modes, active FROM practitioner WHERE id = $1 FOR UPDATE`,
      [practitionerId],
    );
    if (!practitioner?.active) return 0;
    const window = { from: now, to: new Date(now.getTime() + this.config.patternHorizonMs) };
    const patterns = await queryRows<PatternRow>(
      manager,
      `SELECT ${PATTERN_COLUMNS} FROM weekly_pattern WHERE practitioner_id = $1 ORDER BY created_at`,
      [practitionerId],
    );
    const absences = await queryRows<DayRange>(
      manager,
      `SELECT ${ABSENCE_COLUMNS} FROM absence WHERE practitioner_id = $1 AND to_date >= $2`,
      [practitionerId, parisDate(now)],
    );
    let created = 0;
    for (const pattern of patterns) {
      if (!practitioner.modes.includes(pattern.mode)) continue;
      const slots = patternSlots(pattern, window, absences);
      created += (
        await this.slots.insertSkippingOverlaps(manager, practitionerId, slots, pattern.id)
      ).length;
    }
    if (created > 0) {
      await queryRows(
        manager,
        `UPDATE practitioner SET availability_updated_at = now() WHERE id = $1`,
        [practitionerId],
      );
    }
    return created;
  }
}

async function findPractitioner(manager: EntityManager, practitionerId: string): Promise<void> {
  const found = await queryRows<unknown>(manager, 'SELECT 1 FROM practitioner WHERE id = $1', [
    practitionerId,
  ]);
  if (found.length === 0) throw DomainError.notFound('Practitioner');
}
