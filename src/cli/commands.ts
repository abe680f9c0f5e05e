import { readFileSync } from 'node:fs';

import type { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import type { EntityManager } from 'typeorm';

import { AccessTokensService } from '../access/access-tokens.service';
import { PERSON_ROLES, type PersonRole } from '../access/person-role';
import { TOKEN_ROLES, type TokenRole } from '../access/role';
import { SignInLinksService } from '../auth/sign-in-links.service';
import { PractitionerImportService } from '../availability/practitioners/practitioner-import.service';
import type { FieldError } from '../common/domain-error';
import { CptsService } from '../cpts/cpts.service';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { PeopleService } from '../people/people.service';
import type { Person } from '../people/person.entity';
import { CommunesService } from '../territory/communes.service';

export type Options = Record<string, string | undefined>;

export interface Command {
  usage: string;
  options: string[];
  /** Names of the positional arguments, passed in `options` under these names. */
  arguments?: string[];
  run(app: INestApplicationContext, options: Options, out: (line: string) => void): Promise<void>;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

function optional(options: Options, name: string): string | undefined {
  return options[name] || undefined;
}

function readArgument(options: Options, name: string, usage: string): string {
  const value = options[name];
  if (!value) throw new Error(`${name.toUpperCase()} is required: ${usage}`);
  return readFileSync(value, 'utf8');
}

function describeErrors(errors: ReadonlyArray<string | FieldError>): string {
  return errors
    .map((error) => (typeof error === 'string' ? error : `${error.field}: ${error.message}`))
    .join('; ');
}

/** A progress bar on stderr, so that stdout keeps only the results. */
function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  const bar = new SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total}` },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    },
    stop: () => started && bar.stop(),
  };
}

/** A GP signs in as the person bound to their practitioner row, found by RPPS. */
async function invitedPractitioner(
  manager: EntityManager,
  people: PeopleService,
  rpps: string,
  email: string,
): Promise<Person> {
  const [practitioner] = await queryRows<{ id: string; email: string }>(
    manager,
    'SELECT id, lower(btrim(email)) AS email FROM practitioner WHERE rpps = $1',
    [rpps],
  );
  if (!practitioner) throw new Error(`no practitioner with RPPS ${rpps} in this CPTS`);
  if (practitioner.email !== email) {
    throw new Error(`practitioner ${rpps} has the address ${practitioner.email}, not ${email}`);
  }
  return people.forPractitioner(manager, practitioner.id);
}

export const COMMANDS: Record<string, Command> = {
  'tokens:create': {
    usage:
      'tokens:create --role coordinator|platform|practitioner --label TEXT [--practitioner ID] [--cpts SLUG]',
    options: ['role', 'label', 'practitioner', 'cpts'],
    async run(app, options, out) {
      const role = required(options, 'role') as TokenRole;
      if (!TOKEN_ROLES.includes(role)) {
        throw new Error(`--role must be one of ${TOKEN_ROLES.join(', ')}`);
      }
      const cpts = await app.get(CptsService).resolve(options.cpts);
      const issued = await app.get(AccessTokensService).issue(cpts.id, {
        role,
        label: required(options, 'label'),
        practitionerId: options.practitioner,
      });
      process.stderr.write(`token ${issued.id} (${role}) for CPTS ${cpts.slug}:\n`);
      out(issued.token);
    },
  },
  'people:invite': {
    usage:
      'people:invite --email E --role coordinator|operator|practitioner [--name "Mme Le Gall"] [--practitioner RPPS] [--cpts SLUG]',
    options: ['email', 'role', 'name', 'practitioner', 'cpts'],
    async run(app, options, out) {
      const role = required(options, 'role') as PersonRole;
      // A SAS regulator exists only through a Pro Santé Connect sign-in (docs/sas-booking.md).
      const invitable: readonly PersonRole[] = PERSON_ROLES.filter((name) => name !== 'regulator');
      if (!invitable.includes(role)) {
        throw new Error(`--role must be one of ${invitable.join(', ')}`);
      }
      if ((role === 'practitioner') !== Boolean(options.practitioner)) {
        throw new Error(
          '--practitioner RPPS is required for the practitioner role, and only for it',
        );
      }
      const email = required(options, 'email').trim().toLowerCase();
      const cpts = await app.get(CptsService).resolve(options.cpts);
      const link = await app.get(Database).tenant(cpts.id, async (manager) => {
        const people = app.get(PeopleService);
        const person =
          role === 'practitioner'
            ? await invitedPractitioner(manager, people, required(options, 'practitioner'), email)
            : await people.createIn(manager, {
                email,
                role,
                displayName: options.name ?? email,
              });
        return app.get(SignInLinksService).invite(manager, person);
      });
      process.stderr.write(`invitation e-mailed to ${email} (${role}, CPTS ${cpts.slug}); link:\n`);
      out(link.url);
    },
  },
  'cpts:create': {
    usage: 'cpts:create --slug SLUG --name TEXT [--finess 9DIGITS] [--phone NUMBER]',
    options: ['slug', 'name', 'finess', 'phone'],
    async run(app, options, out) {
      const cpts = await app
        .get(CptsService)
        .create(required(options, 'slug'), required(options, 'name'), {
          finess: optional(options, 'finess'),
          phone: optional(options, 'phone'),
        });
      out(cpts.id);
    },
  },
  'cpts:list': {
    usage: 'cpts:list',
    options: [],
    async run(app, _options, out) {
      for (const cpts of await app.get(CptsService).list())
        out(`${cpts.slug}\t${cpts.id}\t${cpts.name}`);
    },
  },
  'communes:import-centres': {
    usage: 'communes:import-centres FILE.csv',
    options: [],
    arguments: ['file'],
    async run(app, options, out) {
      const text = readArgument(options, 'file', this.usage);
      const result = await app.get(CommunesService).importCentres(text);
      out(`imported ${result.imported} commune centres, rejected ${result.rejected.length} lines`);
      for (const { line, errors } of result.rejected)
        out(`line ${line}: ${describeErrors(errors)}`);
    },
  },
  'practitioners:import': {
    usage: 'practitioners:import FILE.csv [--cpts SLUG]',
    options: ['cpts'],
    arguments: ['file'],
    async run(app, options, out) {
      const text = readArgument(options, 'file', this.usage);
      const cpts = await app.get(CptsService).resolve(options.cpts);
      const bar = progressBar('practitioners');
      const result = await app
        .get(PractitionerImportService)
        .import(cpts.id, text, (done, total) => bar.update(done, total))
        .finally(() => bar.stop());
      out(
        `CPTS ${cpts.slug}: created ${result.created}, updated ${result.updated}, rejected ${result.rejected.length} lines`,
      );
      for (const { line, errors } of result.rejected)
        out(`line ${line}: ${describeErrors(errors)}`);
    },
  },
};
