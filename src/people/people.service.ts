import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/list-query.dto';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import type { CreatePersonDto } from './dto/create-person.dto';
import type { ListPeopleQuery } from './dto/list-people.query';
import type { UpdatePersonDto } from './dto/update-person.dto';
import {
  activeRegulatorId,
  ensurePractitionerPeople,
  insertRegulator,
  practitionerPerson,
} from './people.queries';
import { Person } from './person.entity';
import { type PersonView, personView } from './person-view';

// What other features use of this one.
export { ensurePractitionerPeopleSql } from './people.queries';
export { homePage } from './person-view';

@Injectable()
export class PeopleService {
  constructor(private readonly db: Database) {}

  create(caller: Caller, body: CreatePersonDto): Promise<Person> {
    return this.db.tenant(caller.cptsId, (manager) => this.createIn(manager, body));
  }

  /** Adds a person in a tenant transaction (the API's, or the CLI's). */
  async createIn(manager: EntityManager, body: CreatePersonDto): Promise<Person> {
    if ((body.role === 'practitioner') !== Boolean(body.practitionerId)) {
      throw DomainError.invalid(
        'practitionerId',
        'practitionerId is required for the practitioner role, and only for it',
      );
    }
    let rpps = body.rpps ?? null;
    if (body.practitionerId) {
      const [practitioner] = await queryRows<{ rpps: string }>(
        manager,
        'SELECT rpps FROM practitioner WHERE id = $1',
        [body.practitionerId],
      );
      if (!practitioner) throw DomainError.notFound('Practitioner');
      rpps ??= practitioner.rpps;
    }
    if (await manager.existsBy(Person, { email: body.email })) {
      throw DomainError.conflict('A person of this CPTS already has this e-mail address.');
    }
    return manager.save(
      manager.create(Person, {
        email: body.email,
        displayName: body.displayName.trim(),
        role: body.role,
        rpps,
        practitionerId: body.practitionerId ?? null,
      }),
    );
  }

  list(caller: Caller, query: ListPeopleQuery): Promise<Page<PersonView>> {
    const after = decodeTimeIdCursor(query.cursor);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const builder = manager
        .createQueryBuilder(Person, 'p')
        .orderBy('p.created_at', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(query.limit + 1);
      if (query.role) builder.andWhere('p.role = :role', { role: query.role });
      if (after) {
        builder.andWhere(`(date_trunc('milliseconds', p.created_at), p.id) > (:at, :id)`, after);
      }
      const rows = await builder.getMany();
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map(personView),
        nextCursor: rows.length > query.limit ? encodeTimeIdCursor(last.createdAt, last.id) : null,
      };
    });
  }

  get(caller: Caller, id: string): Promise<Person> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const person = await manager.findOneBy(Person, { id });
      if (!person) throw DomainError.notFound('Person');
      return person;
    });
  }

  update(caller: Caller, id: string, body: UpdatePersonDto): Promise<Person> {
    if (body.active === false) return this.deactivate(caller, id);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const person = await manager.findOneBy(Person, { id });
      if (!person) throw DomainError.notFound('Person');
      if (body.email !== undefined) person.email = body.email;
      if (body.displayName !== undefined) person.displayName = body.displayName.trim();
      if (body.rpps !== undefined) person.rpps = body.rpps;
      if (body.active) person.active = true;
      return manager.save(person);
    });
  }

  /** Deactivating a person ends their sessions and sign-in links at once. */
  deactivate(caller: Caller, id: string): Promise<Person> {
    if (id === caller.personId) {
      throw DomainError.conflict('You cannot deactivate yourself: ask another coordinator.');
    }
    return this.db.tenant(caller.cptsId, async (manager) => {
      const person = await manager.findOneBy(Person, { id });
      if (!person) throw DomainError.notFound('Person');
      person.active = false;
      await manager.save(person);
      await endEverySession(manager, id);
      return person;
    });
  }

  /**
   * The active accounts an e-mail address signs in to, one per CPTS at most: people with that
   * address, and practitioners with it (bound to a person made now if they had none).
   */
  accountsByEmail(manager: EntityManager, email: string): Promise<Person[]> {
    return this.accounts(manager, 'email', email.trim().toLowerCase());
  }

  /** The active accounts of a health professional, by the RPPS Pro Santé Connect vouches for. */
  accountsByRpps(manager: EntityManager, rpps: string): Promise<Person[]> {
    return this.accounts(manager, 'rpps', rpps);
  }

  /**
   * The SAS regulator a Pro Santé Connect sign-in through a GP's booking link signs in as: one
   * `regulator` person per CPTS and RPPS, made at their first such sign-in in the GP's CPTS.
   * Undefined when the GP is unknown or inactive, or the coordinator deactivated that regulator.
   * The address is a placeholder under `.invalid` (RFC 2606): no message can reach it.
   */
  async regulatorFor(
    manager: EntityManager,
    practitionerId: string,
    identity: { rpps: string; givenName?: string; familyName?: string },
  ): Promise<Person | undefined> {
    const name = [identity.givenName, identity.familyName].filter(Boolean).join(' ');
    await insertRegulator(manager, practitionerId, {
      email: `regulateur-${identity.rpps}@psc.invalid`,
      displayName: name === '' ? `Régulateur SAS ${identity.rpps}` : name,
      rpps: identity.rpps,
    });
    const id = await activeRegulatorId(manager, practitionerId, identity.rpps);
    return id ? await manager.findOneByOrFail(Person, { id }) : undefined;
  }

  /** The person a practitioner signs in as, made the first time a message links them to it. */
  async forPractitioner(manager: EntityManager, practitionerId: string): Promise<Person> {
    const person = await practitionerPerson(manager, practitionerId);
    if (!person) throw DomainError.conflict('This practitioner cannot sign in (inactive).');
    return person;
  }

  private async accounts(
    manager: EntityManager,
    by: 'email' | 'rpps',
    value: string,
  ): Promise<Person[]> {
    const practitioners = await queryRows<{ id: string }>(
      manager,
      by === 'email'
        ? 'SELECT id FROM practitioner WHERE active AND lower(btrim(email)) = $1'
        : 'SELECT id FROM practitioner WHERE active AND rpps = $1',
      [value],
    );
    if (practitioners.length > 0) {
      await ensurePractitionerPeople(
        manager,
        practitioners.map((p) => p.id),
      );
    }
    return manager.find(Person, {
      where: { [by]: value, active: true },
      order: { createdAt: 'ASC' },
    });
  }
}

/** Ends a person's sessions and revokes their links, in the caller's transaction. */
export async function endEverySession(manager: EntityManager, personId: string): Promise<void> {
  await queryRows(
    manager,
    `UPDATE session SET ended_at = now() WHERE person_id = $1 AND ended_at IS NULL`,
    [personId],
  );
  await queryRows(
    manager,
    `UPDATE sign_in_link SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL`,
    [personId],
  );
}
