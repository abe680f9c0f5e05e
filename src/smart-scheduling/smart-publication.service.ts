import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { DomainError } from '../common/domain-error';
import { PARIS_TIME_ZONE_SQL, parisIsoSql } from '../common/paris-time';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { CommunesService } from '../territory/communes.service';
import type { Manifest } from './dto/manifest.view';
import {
  location,
  manifest,
  ndjson,
  publicationBase,
  PublishedPractice,
  PublishedSlot,
  schedule,
  slot,
  SmartFile,
} from './smart-resources';

// What other features use of this one.
export { publicationBase } from './smart-resources';

/**
 * `_since` is answered from the availability events, which are kept an hour: an older `_since`
 * gets the whole file, as the specification allows.
 */
const SINCE_HORIZON_MS = 55 * 60_000;
/**
 * An event is stamped when its transaction inserts it, which may be a moment before it commits:
 * changes are looked up this much before `_since`, so that none falls between two polls.
 */
const COMMIT_MARGIN = '1 minute';

interface PublishingCpts {
  id: string;
  slug: string;
  phone: string;
}

/** The open publication of a CPTS that turned it on: its consenting GPs' practices and slots. */
@Injectable()
export class SmartPublicationService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly config: AppConfig,
  ) {}

  async manifest(slug: string, since: Date | null): Promise<Manifest> {
    const cpts = await this.publishing(slug);
    return manifest(this.base(cpts), new Date().toISOString(), since && since.toISOString());
  }

  async file(slug: string, file: SmartFile, since: Date | null): Promise<string> {
    const cpts = await this.publishing(slug);
    const changedSince = since && Date.now() - since.getTime() < SINCE_HORIZON_MS ? since : null;
    return this.db.tenant(cpts.id, async (manager) => {
      if (file === 'slots') {
        const slots = await this.slots(manager, changedSince);
        return ndjson(
          slots.map((published) => slot(published, this.bookingUrl(published), cpts.phone)),
        );
      }
      const practices = await this.practices(manager, since);
      return ndjson(
        practices.map((practice) =>
          file === 'locations' ? location(practice, cpts.phone) : schedule(practice),
        ),
      );
    });
  }

  private async publishing(slug: string): Promise<PublishingCpts> {
    const [cpts] = await this.db.system((manager) =>
      manager.query<PublishingCpts[]>(
        `SELECT id, slug, phone FROM cpts WHERE slug = $1 AND smart_publication`,
        [slug],
      ),
    );
    if (!cpts) throw DomainError.notFound('Publication');
    return cpts;
  }

  /** Consenting GPs' practices; with `since`, those changed since. */
  private async practices(
    manager: EntityManager,
    since: Date | null,
  ): Promise<PublishedPractice[]> {
    const rows = await manager.query<
      Array<
        Omit<PublishedPractice, 'communeName' | 'postalCode' | 'department'> & {
          communeCode: string;
        }
      >
    >(
      `SELECT id AS "practitionerId", last_name AS "lastName", address, commune_code AS "communeCode",
              latitude, longitude
         FROM practitioner
        WHERE sas_publication AND active AND ($1::timestamptz IS NULL OR updated_at > $1)
        ORDER BY id`,
      [since],
    );
    return rows.map(({ communeCode, ...row }) => {
      const commune = this.communes.commune(communeCode);
      return {
        ...row,
        communeName: this.communes.name(communeCode),
        postalCode: commune?.postalCodes[0] ?? null,
        department: commune?.department ?? communeCode.slice(0, 2),
      };
    });
  }

  /**
   * Consenting GPs' future slots, free or busy (booked or held). With `since`, only the slots
   * changed since, and those removed since as busy: no longer bookable.
   */
  private async slots(manager: EntityManager, since: Date | null): Promise<PublishedSlot[]> {
    await manager.query(PARIS_TIME_ZONE_SQL);
    const changed = `SELECT DISTINCT (payload->>'slotId')::uuid FROM availability_event
                      WHERE type LIKE 'slot.%' AND created_at > $1::timestamptz - interval '${COMMIT_MARGIN}'`;
    return manager.query<PublishedSlot[]>(
      `SELECT s.id, s.practitioner_id AS "practitionerId", ${parisIsoSql('s.starts_at')} AS "startsAt",
              ${parisIsoSql('s.ends_at')} AS "endsAt", s.status = 'free' AS free
         FROM slot s JOIN practitioner p ON p.id = s.practitioner_id
        WHERE p.sas_publication AND p.active AND s.starts_at > now()
          AND ($1::timestamptz IS NULL OR s.id IN (${changed}))
       UNION ALL
       SELECT DISTINCT ON (e.payload->>'slotId') (e.payload->>'slotId')::uuid,
              (e.payload->>'practitionerId')::uuid, e.payload->>'startsAt', e.payload->>'endsAt', false
         FROM availability_event e JOIN practitioner p ON p.id = (e.payload->>'practitionerId')::uuid
        WHERE $1::timestamptz IS NOT NULL AND e.type = 'slot.removed'
          AND e.created_at > $1::timestamptz - interval '${COMMIT_MARGIN}'
          AND p.sas_publication AND p.active
          AND NOT EXISTS (SELECT 1 FROM slot s WHERE s.id = (e.payload->>'slotId')::uuid)
       ORDER BY "startsAt", id`,
      [since],
    );
  }

  private base(cpts: PublishingCpts): string {
    return publicationBase(this.config.publicUrl, cpts.slug);
  }

  /** Where a health professional books with that GP: the SAS booking page, after Pro Santé Connect. */
  private bookingUrl(published: PublishedSlot): string {
    return `${this.config.publicUrl}/plateforme/sas?practitioner=${published.practitionerId}`;
  }
}
