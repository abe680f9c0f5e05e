import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/list-query.dto';
import { Database } from '../database/database';
import type { CreatePersonDto } from './dto/create-person.dto';
import type { ListPeopleQuery } from './dto/list-people.query';
import type { UpdatePersonDto } from './dto/update-person.dto';
import { Person } from './person.entity';
import { type PersonView, personView } from './person-view';

// What other features use of this one.
export { homePage } from './person-view';

/**
 * A practitioner signs in as the person bound to their row, made the first time they need one
 * and kept in step with the row's address, RPPS and name. A person already in step is not
 * touched: bookings, which call this, then take no lock on it.
 */
const ENSURE_PRACTITIONER_PEOPLE = `
  INSERT INTO person (cpts_id, email, display_name, role, rpps, practitioner_id)
  SELECT p.cpts_id, wanted.email, wanted.display_name, 'practitioner', p.rpps, p.id
    FROM practitioner p
   CROSS JOIN LATERAL (SELECT lower(btrim(p.email)) AS email,
                              'Dr ' || p.first_name || ' ' || p.last_name AS display_name) wanted
    LEFT JOIN person pe ON pe.practitioner_id = p.id
   WHERE p.id = ANY($1::uuid[]) AND p.active
     AND (pe.id IS NULL
          OR (pe.email, pe.rpps, pe.display_name)
             IS DISTINCT FROM (wanted.email, p.rpps, wanted.display_name))
  ON CONFLICT (practitioner_id) WHERE practitioner_id IS NOT NULL
  DO UPDATE SET email = EXCLUDED.email, rpps = EXCLUDED.rpps, display_name = EXCLUDED.display_name`;

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
      const [practitioner] = await manager.query<{ rpps: string }[]>(
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
    await manager.query(
      `INSERT INTO person (cpts_id, email, display_name, role, rpps)
       SELECT p.cpts_id, $2, $3, 'regulator', $4 FROM practitioner p
        WHERE p.id = $1 AND p.active AND p.sas_publication
          AND NOT EXISTS (SELECT 1 FROM person pe WHERE pe.cpts_id = p.cpts_id
                             AND pe.role = 'regulator' AND pe.rpps = $4)
       ON CONFLICT DO NOTHING`,
      [
        practitionerId,
        `regulateur-${identity.rpps}@psc.invalid`,
        name === '' ? `Régulateur SAS ${identity.rpps}` : name,
        identity.rpps,
      ],
    );
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT pe.id FROM person pe JOIN practitioner p ON p.cpts_id = pe.cpts_id
        WHERE p.id = $1 AND p.active AND p.sas_publication AND pe.role = 'regulator'
          AND pe.rpps = $2 AND pe.active`,
      [practitionerId, identity.rpps],
    );
    return row ? await manager.findOneByOrFail(Person, { id: row.id }) : undefined;
  }

  /** The person a practitioner signs in as, made the first time a message links them to it. */
  async forPractitioner(manager: EntityManager, practitionerId: string): Promise<Person> {
    await manager.query(ENSURE_PRACTITIONER_PEOPLE, [[practitionerId]]);
    const person = await manager.findOneBy(Person, { practitionerId });
    if (!person) throw DomainError.conflict('This practitioner cannot sign in (inactive).');
    return person;
  }

  private async accounts(
    manager: EntityManager,
    by: 'email' | 'rpps',
    value: string,
  ): Promise<Person[]> {
    const practitioners = await manager.query<{ id: string }[]>(
      by === 'email'
        ? 'SELECT id FROM practitioner WHERE active AND lower(btrim(email)) = $1'
        : 'SELECT id FROM practitioner WHERE active AND rpps = $1',
      [value],
    );
    if (practitioners.length > 0) {
      await manager.query(ENSURE_PRACTITIONER_PEOPLE, [practitioners.map((p) => p.id)]);
    }
    return manager.find(Person, {
      where: { [by]: value, active: true },
      order: { createdAt: 'ASC' },
    });
  }
}

/** Ends a person's sessions and revokes their links, in the caller's transaction. */
export async function endEverySession(manager: EntityManager, personId: string): Promise<void> {
  await manager.query(
    `UPDATE session SET ended_at = now() WHERE person_id = $1 AND ended_at IS NULL`,
    [personId],
  );
  await manager.query(
    `UPDATE sign_in_link SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL`,
    [personId],
  );
}
