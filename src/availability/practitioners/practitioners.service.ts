import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { assertCanActAsPractitioner } from '../../access/ownership';
import type { Caller } from '../../access/role';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { DomainError, FieldError } from '../../common/domain-error';
import type { Page } from '../../common/list-query.dto';
import { toParisIso } from '../../common/paris-time';
import { isUuid } from '../../common/uuid';
import { Database } from '../../database/database';
import { CommunesService } from '../../territory/communes.service';
import { AvailabilityEvents } from '../live/availability-events.service';
import type { CreatePractitionerDto, PracticeDto } from './dto/create-practitioner.dto';
import type { ListPractitionersDto } from './dto/list-practitioners.dto';
import type { NewPatientCapacityDto } from './dto/new-patient-capacity.dto';
import { ConfirmedAvailability } from './dto/practitioner.view';
import type { UpdatePractitionerDto } from './dto/update-practitioner.dto';
import { structureIdError } from './practice-structure';
import { Practitioner } from './practitioner.entity';
import {
  practiceColumns,
  PractitionerView,
  practitionerView,
  profileColumns,
  structureColumns,
} from './practitioner-mapping';

// What other features use of this one.
export { acceptingNowSql } from './capacity-expiry';
export type { StructureIdType } from './practice-structure';
export { idnst } from './practice-structure';
export type { Reachable } from './practitioner-channels';
export { practitionerChannels } from './practitioner-channels';

export { ConfirmedAvailability };

const PRACTITIONER_ONLY_FORBIDS = ['rpps', 'active'] as const;

/** The practitioners of a CPTS: their profile, and their capacity to take new patients. */
@Injectable()
export class PractitionersService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly events: AvailabilityEvents,
  ) {}

  /** What the commune referential refuses in a practice: the same check for the API and imports. */
  practiceErrors(practice: PracticeDto): FieldError[] {
    const errors: FieldError[] = this.communes.commune(practice.communeCode)
      ? []
      : [
          {
            field: 'practice.communeCode',
            message: `communeCode ${practice.communeCode} is not a current French commune`,
          },
        ];
    const structure = practice.structure ? structureIdError(practice.structure) : null;
    if (structure) errors.push({ field: 'practice.structure.value', message: structure });
    return errors;
  }

  async create(cptsId: string, input: CreatePractitionerDto): Promise<PractitionerView> {
    throwIfAny(this.practiceErrors(input.practice));
    const centres = await this.communes.centres([input.practice.communeCode]);
    const columns = {
      ...profileColumns(input, centres.get(input.practice.communeCode)),
      ...structureColumns(input.practice),
      sasPublication: input.sasPublication ?? false,
    };
    return this.db.tenant(cptsId, async (manager) => {
      await this.assertRppsFree(manager, input.rpps);
      const { id } = await manager.save(manager.create(Practitioner, columns));
      return this.view(await this.load(manager, id));
    });
  }

  list(cptsId: string, query: ListPractitionersDto): Promise<Page<PractitionerView>> {
    const after = query.cursor ? decodeListCursor(query.cursor) : undefined;
    return this.db.tenant(cptsId, async (manager) => {
      const select = manager
        .createQueryBuilder(Practitioner, 'p')
        .orderBy('p.lastName')
        .addOrderBy('p.firstName')
        .addOrderBy('p.id')
        .limit(query.limit + 1);
      if (query.communeCode) select.andWhere('p.communeCode = :communeCode', query);
      if (query.active !== undefined) select.andWhere('p.active = :active', query);
      if (query.staleDays !== undefined) {
        select.andWhere(
          '(p.availabilityUpdatedAt IS NULL OR p.availabilityUpdatedAt < now() - make_interval(days => :staleDays))',
          query,
        );
      }
      if (after) {
        select.andWhere('(p.lastName, p.firstName, p.id) > (:lastName, :firstName, :id)', after);
      }
      const rows = await select.getMany();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => this.view(row)),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor([last.lastName, last.firstName, last.id])
            : null,
      };
    });
  }

  get(caller: Caller, id: string): Promise<PractitionerView> {
    assertCanActAsPractitioner(caller, id);
    return this.db.tenant(caller.cptsId, async (manager) =>
      this.view(await this.load(manager, id)),
    );
  }

  async update(
    caller: Caller,
    id: string,
    input: UpdatePractitionerDto,
  ): Promise<PractitionerView> {
    assertCanActAsPractitioner(caller, id);
    if (caller.role === 'practitioner') {
      const barred = PRACTITIONER_ONLY_FORBIDS.filter((field) => input[field] !== undefined);
      if (barred.length > 0) {
        throw DomainError.forbidden(`Only the coordination may change ${barred.join(' and ')}.`);
      }
    }
    throwIfAny(nullErrors(input));
    if (input.practice) throwIfAny(this.practiceErrors(input.practice));
    const changes = await this.changes(input);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const current = await this.load(manager, id);
      if (input.rpps !== undefined && input.rpps !== current.rpps) {
        await this.assertRppsFree(manager, input.rpps);
      }
      if (Object.keys(changes).length > 0) await manager.update(Practitioner, { id }, changes);
      return this.view(await this.load(manager, id));
    });
  }

  /** Records whether the GP consents to their urgent slots being published to the SAS platform. */
  setSasPublication(caller: Caller, id: string, consent: boolean): Promise<PractitionerView> {
    assertCanActAsPractitioner(caller, id);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const result = await manager.update(Practitioner, { id }, { sasPublication: consent });
      if (!result.affected) throw DomainError.notFound('Practitioner');
      return this.view(await this.load(manager, id));
    });
  }

  /** Sets whether and whom the practitioner takes as new patients, and tells the event stream. */
  async setNewPatientCapacity(
    caller: Caller,
    id: string,
    input: NewPatientCapacityDto,
  ): Promise<PractitionerView> {
    assertCanActAsPractitioner(caller, id);
    this.assertCapacityValid(input);
    return this.db.tenant(caller.cptsId, async (manager) =>
      this.view(
        await this.setCapacityIn(manager, id, {
          acceptingNewPatients: input.accepting,
          openPlaces: input.openPlaces,
          ageMin: input.ageMin ?? null,
          ageMax: input.ageMax ?? null,
          capacityCommuneCodes: input.communeCodes ?? null,
        }),
      ),
    );
  }

  /**
   * A new declaration in the caller's transaction: the given capacity columns (those left out keep
   * their value), both timestamps now, and the event stream told.
   */
  async setCapacityIn(
    manager: EntityManager,
    id: string,
    capacity: Partial<
      Pick<
        Practitioner,
        'acceptingNewPatients' | 'openPlaces' | 'ageMin' | 'ageMax' | 'capacityCommuneCodes'
      >
    >,
  ): Promise<Practitioner> {
    const result = await manager
      .createQueryBuilder()
      .update(Practitioner)
      .set({
        ...capacity,
        capacityUpdatedAt: () => 'now()',
        availabilityUpdatedAt: () => 'now()',
      })
      .where('id = :id', { id })
      .execute();
    if (!result.affected) throw DomainError.notFound('Practitioner');
    const updated = await this.load(manager, id);
    await this.events.record(manager, 'capacity.updated', {
      practitionerId: id,
      accepting: updated.acceptingNewPatients,
      openPlaces: updated.openPlaces,
      updatedAt: toParisIso(updated.capacityUpdatedAt ?? new Date()),
    });
    return updated;
  }

  /** "Toujours valable": the GP confirms their availability and capacity as they stand. */
  confirmAvailability(caller: Caller, id: string): Promise<ConfirmedAvailability> {
    assertCanActAsPractitioner(caller, id);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const confirmed = await this.setCapacityIn(manager, id, {});
      return {
        availabilityUpdatedAt: toParisIso(confirmed.availabilityUpdatedAt ?? new Date()),
        capacityUpdatedAt: toParisIso(confirmed.capacityUpdatedAt ?? new Date()),
      };
    });
  }

  private assertCapacityValid(input: NewPatientCapacityDto): void {
    if (input.ageMin !== undefined && input.ageMax !== undefined && input.ageMin > input.ageMax) {
      throw DomainError.invalid('ageMax', 'ageMax must not be below ageMin');
    }
    const unknown = this.communes.unknown(input.communeCodes ?? []);
    if (unknown.length > 0) {
      throw DomainError.invalid('communeCodes', `unknown commune codes: ${unknown.join(', ')}`);
    }
  }

  private async changes(input: UpdatePractitionerDto): Promise<Partial<Practitioner>> {
    const { practice, notify, ...plain } = input;
    const changes: Partial<Practitioner> = { ...plain };
    if (notify) Object.assign(changes, { notifyEmail: notify.email, notifySms: notify.sms });
    if (practice) {
      const centres = await this.communes.centres([practice.communeCode]);
      Object.assign(
        changes,
        practiceColumns(practice, centres.get(practice.communeCode)),
        structureColumns(practice),
      );
    }
    return changes;
  }

  private async assertRppsFree(manager: EntityManager, rpps: string): Promise<void> {
    if (await manager.existsBy(Practitioner, { rpps })) {
      throw DomainError.conflict(`A practitioner with RPPS ${rpps} already exists in this CPTS.`);
    }
  }

  private async load(manager: EntityManager, id: string): Promise<Practitioner> {
    const found = await manager.findOneBy(Practitioner, { id });
    if (!found) throw DomainError.notFound('Practitioner');
    return found;
  }

  private view(row: Practitioner): PractitionerView {
    return practitionerView(row, this.communes.name(row.communeCode));
  }
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length === 0) return;
  throw new DomainError('invalid', errors.map((error) => error.message).join('; '), errors);
}

/** PATCH leaves out what it does not change; a null would erase a required field. */
function nullErrors(input: UpdatePractitionerDto): FieldError[] {
  return Object.entries(input)
    .filter(([, value]) => value === null)
    .map(([field]) => ({ field, message: `${field} must not be null` }));
}

function decodeListCursor(cursor: string): { lastName: string; firstName: string; id: string } {
  const [lastName, firstName, id] = decodeCursor(cursor, 3);
  if (!isUuid(id)) throw DomainError.invalid('cursor', 'cursor is not one this service returned');
  return { lastName, firstName, id };
}
