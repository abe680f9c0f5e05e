import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { CommunesService } from '../territory/communes.service';
import type { Manifest } from './dto/manifest.view';
import {
  publishedPractices,
  publishedSlots,
  type PublishingCpts,
  publishingCpts,
} from './smart-publication.queries';
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
        const slots = await publishedSlots(manager, changedSince);
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
    const cpts = await this.db.system((manager) => publishingCpts(manager, slug));
    if (!cpts) throw DomainError.notFound('Publication');
    return cpts;
  }

  /** Consenting GPs' practices; with `since`, those changed since. */
  private async practices(
    manager: EntityManager,
    since: Date | null,
  ): Promise<PublishedPractice[]> {
    const rows = await publishedPractices(manager, since);
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

  private base(cpts: PublishingCpts): string {
    return publicationBase(this.config.publicUrl, cpts.slug);
  }

  /** Where a health professional books with that GP: the SAS booking page, after Pro Santé Connect. */
  private bookingUrl(published: PublishedSlot): string {
    return `${this.config.publicUrl}/plateforme/sas?practitioner=${published.practitionerId}`;
  }
}
