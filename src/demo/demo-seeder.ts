import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { IsNull, MoreThan } from 'typeorm';

import { AccessTokensService, IssuedToken } from '../access/access-tokens.service';
import { PERSON_ROLES } from '../access/person-role';
import type { Caller } from '../access/role';
import { SignInLinksService } from '../auth/sign-in-links.service';
import { PatternsService } from '../availability/patterns/patterns.service';
import { Practitioner } from '../availability/practitioners/practitioner.entity';
import { Slot } from '../availability/slots/slot.entity';
import { PARIS } from '../common/paris-time';
import { AppConfig } from '../config/app-config';
import { Cpts } from '../cpts/cpts.entity';
import { CptsService } from '../cpts/cpts.service';
import { Database } from '../database/database';
import { RequestsService } from '../orientation/requests/requests.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { RedirectTarget } from '../redirect-targets/redirect-target.entity';
import { CommunesService } from '../territory/communes.service';
import { DEMO_COMMUNES, DEMO_CPTS } from '../territory/territory.service';
import { buildDemoPractitioners, DemoPractitioner } from './demo-practitioners';

/**
 * Seeds the demo territory on an empty database in demo mode (no DATABASE_URL): the CPTS du Pays
 * d'Auray, its communes, about 30 fictitious GPs with urgent slots over the next 48 hours, and a
 * token per role, printed once and kept in the data directory.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly cpts: CptsService,
    private readonly tokens: AccessTokensService,
    private readonly communes: CommunesService,
    private readonly people: PeopleService,
    private readonly links: SignInLinksService,
    private readonly requests: RequestsService,
    private readonly patterns: PatternsService,
  ) {}

  /**
   * Seeds an empty database; a demo left unused past its 48 hours gets its slots renewed. Every
   * start prints fresh sign-in links for the demo people, so that each page is one click away.
   */
  async seedIfEmpty(): Promise<void> {
    const existing = await this.db.system((manager) => manager.count(Cpts));
    if (existing > 0) {
      await this.renewSlotsIfStale();
      return this.announceLinks();
    }
    const cpts = await this.cpts.create(DEMO_CPTS.slug, DEMO_CPTS.name);
    const communeCodes = DEMO_COMMUNES.map((commune) => commune.code);
    await this.db.system((manager) => manager.update(Cpts, { id: cpts.id }, { communeCodes }));
    await this.communes.saveCentres(
      DEMO_COMMUNES.map(({ code, latitude, longitude }) => ({ code, latitude, longitude })),
    );
    const practitioners = buildDemoPractitioners(DEMO_COMMUNES, new Date());
    const firstId = await this.db.tenant(cpts.id, async (manager) => {
      const ids: string[] = [];
      for (const demo of practitioners) {
        const saved = await manager.save(manager.create(Practitioner, practitionerRow(demo)));
        await manager.insert(
          Slot,
          demo.slots.map((slot) => ({
            ...slot,
            practitionerId: saved.id,
            status: 'free' as const,
          })),
        );
        ids.push(saved.id);
      }
      return ids[0];
    });
    const issued = [
      await this.tokens.issue(cpts.id, { role: 'coordinator', label: 'Démo : coordination' }),
      await this.tokens.issue(cpts.id, { role: 'platform', label: 'Démo : plateforme' }),
      await this.tokens.issue(cpts.id, {
        role: 'practitioner',
        label: `Démo : Dr ${practitioners[0].lastName}`,
        practitionerId: firstId,
      }),
    ];
    const gpId = await this.aWeekOfAGp(cpts.id, issued[1].id, firstId);
    await this.db.tenant(cpts.id, async (manager) => {
      for (const person of DEMO_PEOPLE) await this.people.createIn(manager, person);
      await this.people.forPractitioner(manager, gpId);
      await manager.insert(RedirectTarget, DEMO_REDIRECT_TARGETS);
    });
    this.announce(issued);
    await this.announceLinks();
  }

  /**
   * What a GP's space shows on a normal week: a patient without a referring GP offered to them,
   * a patient booked into one of their urgent slots, and a weekly pattern. Files both requests as
   * the demo call platform would; the GP is the one the first request was offered to.
   */
  private async aWeekOfAGp(cptsId: string, platformTokenId: string, fallback: string) {
    const platform: Caller = {
      cptsId,
      role: 'platform',
      practitionerId: null,
      tokenId: platformTokenId,
      personId: null,
      sessionId: null,
      scope: 'full',
    };
    const referral = await this.requests.file(platform, 'demo-referral', {
      kind: 'referring_physician',
      patient: { ...DEMO_PATIENTS[0], communeCode: DEMO_COMMUNES[0].code },
      priorityFlags: ['ald'],
    });
    const offered = referral.request.history?.find((entry) => entry.type === 'offered');
    const detail = offered?.detail as { practitionerId?: string } | undefined;
    const gpId = detail?.practitionerId ?? fallback;
    const gp = await this.db.tenant(cptsId, (manager) =>
      manager.findOneByOrFail(Practitioner, { id: gpId }),
    );
    const tomorrow = DateTime.now().setZone(PARIS).plus({ days: 1 });
    await this.db.tenant(cptsId, (manager) =>
      this.patterns.createIn(manager, gp.id, {
        weekday: tomorrow.weekday,
        startTime: '18:00',
        endTime: '19:00',
        slotMinutes: 20,
        mode: gp.modes[0],
      }),
    );
    await this.requests.file(platform, 'demo-urgent', {
      kind: 'urgent',
      patient: {
        ...DEMO_PATIENTS[1],
        communeCode: gp.communeCode,
        referringPractitionerRpps: gp.rpps,
      },
      reason: 'Fièvre depuis deux jours',
      acceptedModes: gp.modes,
    });
    return gp.id;
  }

  /** A sign-in link (reusable for 7 days) for the demo coordinator, operator and first GP. */
  private async announceLinks(): Promise<void> {
    const cpts = await this.db.system((manager) =>
      manager.findOneBy(Cpts, { slug: DEMO_CPTS.slug }),
    );
    if (!cpts) return;
    const links = await this.db.tenant(cpts.id, async (manager) => {
      const made = [];
      for (const role of PERSON_ROLES) {
        const person = await manager.findOne(Person, {
          where: { role, active: true },
          order: { createdAt: 'ASC' },
        });
        if (!person) continue;
        const { url } = await this.links.create(manager, person, 'demo');
        made.push({ role, name: person.displayName, url });
      }
      return made;
    });
    const file = resolve(this.config.dataDir, 'demo-links.json');
    writeFileSync(file, JSON.stringify(links, null, 2), { mode: 0o600 });
    const lines = links.map((link) => `  ${link.role.padEnd(13)} ${link.url}   (${link.name})`);
    process.stdout.write(
      `Sign in as a demo person (links valid 7 days, also kept in ${file}):\n${lines.join('\n')}\n\n`,
    );
  }

  /**
   * A demo started again days later would show an empty table: when none of the demo CPTS's slots
   * lies ahead, its GPs publish their next 48 hours again (slots overlapping a kept one are skipped).
   */
  private async renewSlotsIfStale(): Promise<void> {
    const cpts = await this.db.system((manager) =>
      manager.findOneBy(Cpts, { slug: DEMO_CPTS.slug }),
    );
    if (!cpts) return;
    const renewed = await this.db.tenant(cpts.id, async (manager) => {
      // Slots the weekly patterns make are the generator's: only published ones count here.
      const ahead = { startsAt: MoreThan(new Date()), patternId: IsNull() };
      if (await manager.exists(Slot, { where: ahead })) return 0;
      const ids = new Map(
        (await manager.find(Practitioner, { select: { id: true, rpps: true } })).map((row) => [
          row.rpps,
          row.id,
        ]),
      );
      const slots = buildDemoPractitioners(DEMO_COMMUNES, new Date()).flatMap((demo) => {
        const practitionerId = ids.get(demo.rpps);
        if (!practitionerId) return [];
        return demo.slots.map((slot) => ({ ...slot, practitionerId, status: 'free' as const }));
      });
      if (slots.length === 0) return 0;
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Slot)
        .values(slots)
        .orIgnore()
        .execute();
      return result.identifiers.length;
    });
    if (renewed > 0) {
      process.stdout.write(`\nDemo slots renewed for the next 48 hours (${renewed} slots).\n\n`);
    }
  }

  private announce(issued: IssuedToken[]): void {
    const file = resolve(this.config.dataDir, 'demo-tokens.json');
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(issued, null, 2), { mode: 0o600 });
    const lines = issued.map((token) => `  ${token.role.padEnd(13)} ${token.token}`);
    process.stdout.write(
      `\nDemo territory seeded (${DEMO_CPTS.name}). Demo tokens, also kept in ${file}:\n` +
        `${lines.join('\n')}\n\n`,
    );
  }
}

/** Fictitious patients of the demo. */
const DEMO_PATIENTS = [
  { firstName: 'Maëlle', lastName: 'Le Bris', birthDate: '1958-03-14', phone: '06 00 00 00 01' },
  { firstName: 'Yannick', lastName: 'Jégo', birthDate: '1987-11-02', phone: '06 00 00 00 02' },
];

/** Where the demo's operators send a patient when no GP slot fits, or at night. */
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const DEMO_REDIRECT_TARGETS = [
  {
    name: 'Maison médicale de garde du pays d’Auray',
    kind: 'mmg' as const,
    phone: '+33297000015',
    address: 'Centre hospitalier, 5 rue Jean Jaurès, Auray',
    hours: [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '20:00', closes: '24:00' })),
      { weekday: 6, opens: '12:00', closes: '24:00' },
      { weekday: 7, opens: '08:00', closes: '24:00' },
    ],
    note: 'Sur appel préalable du 116 117.',
  },
  {
    name: 'Téléconsultation de la CPTS',
    kind: 'teleconsultation' as const,
    phone: '+33297000117',
    hours: EVERY_DAY.map((weekday) => ({ weekday, opens: '08:00', closes: '22:00' })),
  },
  {
    name: 'Urgences du centre hospitalier Bretagne Atlantique',
    kind: 'emergency' as const,
    address: '20 boulevard Maurice Guillaudot, Vannes',
    hours: EVERY_DAY.map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
  },
];

const DEMO_PEOPLE = [
  {
    email: 'coordination@cpts-demo.invalid',
    displayName: 'Mme Nolwenn Le Roux',
    role: 'coordinator' as const,
  },
  {
    email: 'plateforme@cpts-demo.invalid',
    displayName: 'M. Erwan Guégan',
    role: 'operator' as const,
  },
];

function practitionerRow(demo: DemoPractitioner): Partial<Practitioner> {
  const now = new Date();
  return {
    rpps: demo.rpps,
    firstName: demo.firstName,
    lastName: demo.lastName,
    email: demo.email,
    phone: demo.phone,
    address: demo.practice.address,
    communeCode: demo.practice.communeCode,
    latitude: demo.practice.latitude,
    longitude: demo.practice.longitude,
    modes: demo.modes,
    languages: demo.languages,
    weeklyUrgentCap: demo.weeklyUrgentCap,
    notifyEmail: demo.notify.email,
    notifySms: demo.notify.sms,
    acceptingNewPatients: demo.newPatients.accepting,
    openPlaces: demo.newPatients.openPlaces,
    ageMin: demo.newPatients.ageMin,
    ageMax: demo.newPatients.ageMax,
    capacityUpdatedAt: now,
    availabilityUpdatedAt: now,
  };
}
