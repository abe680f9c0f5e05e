import { createHash, randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { SessionScope } from '../access/session-scope';
import { hashTokenSecret } from '../access/token-secret';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { queryRows, runTogether, type Statement } from '../database/sql';
import { insertNotifications } from '../notifications/notifications.service';
import { PeopleService } from '../people/people.service';
import { homePage } from '../people/people.service';
import type { Person } from '../people/person.entity';
import { LinkSigner } from './link-signer.service';
import { type OpenedSession, SessionsService } from './sessions.service';
import type { SignInLink } from './sign-in-link.entity';
import {
  lockLinkByToken,
  type NewSignInLink,
  noteSignInAttempt,
  signInLinkInsert,
} from './sign-in-links.queries';

export type LinkPurpose = SignInLink['purpose'];

interface LinkRule {
  scope: SessionScope;
  reusable: boolean;
  ttlMs(config: AppConfig): number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * What each kind of link opens. A GP's message link opens only their availability and offers,
 * as often as they tap it, for PRACTITIONER_LINK_TTL; the others open a full session, once.
 */
export const LINK_RULES: Record<LinkPurpose, LinkRule> = {
  email: { scope: 'full', reusable: false, ttlMs: () => 15 * MINUTE },
  invitation: { scope: 'full', reusable: false, ttlMs: () => 7 * DAY },
  practitioner: {
    scope: 'practitioner_link',
    reusable: true,
    ttlMs: (config) => config.practitionerLinkTtlMs,
  },
  demo: { scope: 'full', reusable: true, ttlMs: () => 7 * DAY },
};

/** Requests for a sign-in link per e-mail address and quarter of an hour. */
export const LINK_REQUESTS_PER_EMAIL = 5;

export type LinkRefusal = 'unknown' | 'expired' | 'used';

export interface CreatedLink {
  id: string;
  url: string;
}

/** A GP's link for a message, its insert left to the caller to write with the change (`runTogether`). */
export interface PractitionerLink {
  id: string;
  insert: Statement;
}

@Injectable()
export class SignInLinksService {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly signer: LinkSigner,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
  ) {}

  /** A link for a person, in the caller's transaction (tenant or system). */
  async create(
    manager: EntityManager,
    person: Pick<Person, 'id' | 'cptsId' | 'role'>,
    purpose: LinkPurpose,
    next: string = homePage(person),
  ): Promise<CreatedLink> {
    const { link, insert } = await this.prepare(person.cptsId, { id: person.id }, purpose, next);
    await runTogether(manager, [insert]);
    return link;
  }

  /** The link in a message to a GP: opens their space (availability and offers) for 7 days. */
  async forPractitioner(
    manager: EntityManager,
    practitionerId: string,
    next = '/medecin',
  ): Promise<string> {
    const { id, insert } = await this.practitionerLink(manager, practitionerId, next);
    await runTogether(manager, [insert]);
    return id;
  }

  /**
   * `forPractitioner`'s link, its person made now and its insert left to the caller, to write
   * with the change whose message carries it (`runTogether`).
   */
  async practitionerLink(
    manager: EntityManager,
    practitionerId: string,
    next = '/medecin',
  ): Promise<PractitionerLink> {
    const person = await this.people.forPractitioner(manager, practitionerId);
    return this.practitionerLinkOf(person.cptsId, { id: person.id }, next);
  }

  /**
   * `practitionerLink` when this transaction has already made the practitioner's person or
   * brought it in step (`ensurePractitionerPeopleSql`, which the booking's slot statement runs):
   * no statement now, the insert finds the person itself.
   */
  ensuredPractitionerLink(
    practitioner: { id: string; cptsId: string },
    next: string,
  ): Promise<PractitionerLink> {
    return this.practitionerLinkOf(practitioner.cptsId, { ofPractitioner: practitioner.id }, next);
  }

  private async practitionerLinkOf(
    cptsId: string,
    person: NewSignInLink['person'],
    next: string,
  ): Promise<PractitionerLink> {
    const { link, insert } = await this.prepare(cptsId, person, 'practitioner', next);
    return { id: link.id, insert };
  }

  private async prepare(
    cptsId: string,
    person: NewSignInLink['person'],
    purpose: LinkPurpose,
    next: string,
  ): Promise<{ link: CreatedLink; insert: Statement }> {
    const rule = LINK_RULES[purpose];
    const id = randomUUID();
    const token = await this.signer.token(id);
    const insert = signInLinkInsert({
      id,
      cptsId,
      person,
      tokenHash: hashTokenSecret(token),
      purpose,
      scope: rule.scope,
      next,
      reusable: rule.reusable,
      expiresAt: new Date(Date.now() + rule.ttlMs(this.config)),
    });
    return { link: { id, url: await this.signer.url(id) }, insert };
  }

  /** Welcomes a new person: an e-mail with a link that signs them in once within 7 days. */
  async invite(manager: EntityManager, person: Person): Promise<CreatedLink> {
    const link = await this.create(manager, person, 'invitation');
    await this.mail(manager, person, 'person.invitation', link.id);
    return link;
  }

  /**
   * E-mails a one-time link to every active account of this address, opening `next` (or the
   * person's home). Says nothing of whether there is one: the caller answers 202 either way.
   */
  async sendByEmail(email: string, next?: string): Promise<void> {
    const normalised = email.trim().toLowerCase();
    await this.db.system(async (manager) => {
      // The table holds the last hour at most: it is small, and never a list of who tried.
      const recent = await noteSignInAttempt(
        manager,
        createHash('sha256').update(normalised).digest(),
      );
      if (recent >= LINK_REQUESTS_PER_EMAIL) {
        throw new DomainError('throttled', 'Too many sign-in links asked for this address.');
      }
      for (const person of await this.people.accountsByEmail(manager, normalised)) {
        const link = await this.create(manager, person, 'email', next);
        await this.mail(manager, person, 'person.sign_in_link', link.id);
      }
    });
  }

  /** Opens a session from a link's token, or says why not. */
  open(token: string): Promise<{ session: OpenedSession; next: string } | LinkRefusal> {
    return this.db.system(async (manager) => {
      const link = await lockLinkByToken(manager, hashTokenSecret(token));
      if (!link || link.revokedAt || !link.personActive) return 'unknown';
      if (link.expiresAt <= new Date()) return 'expired';
      if (link.usedAt && !link.reusable) return 'used';
      await queryRows(manager, 'UPDATE sign_in_link SET used_at = now() WHERE id = $1', [link.id]);
      const session = await this.sessions.open(manager, {
        personId: link.personId,
        scope: link.scope,
        method: link.purpose === 'practitioner' ? 'link' : 'email',
        link: link.scope === 'practitioner_link' ? link : undefined,
      });
      return { session, next: link.next };
    });
  }

  private async mail(
    manager: EntityManager,
    person: Person,
    template: 'person.sign_in_link' | 'person.invitation',
    signInLinkId: string,
  ): Promise<void> {
    await insertNotifications(
      manager,
      [
        {
          channel: 'email',
          recipient: person.email,
          template,
          params: { displayName: person.displayName, signInLinkId },
        },
      ],
      person.cptsId,
    );
  }
}
