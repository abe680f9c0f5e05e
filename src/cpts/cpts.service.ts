import { Injectable } from '@nestjs/common';

import { DomainError } from '../common/domain-error';
import { toE164 } from '../common/phone';
import { Database } from '../database/database';
import { Cpts } from './cpts.entity';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FINESS = /^[0-9]{9}$/;

/** What an operator may say of a new CPTS besides its slug and name. */
export interface CptsDetails {
  /** 9 digits: needed for its slots to reach the SAS platform (docs/sas-fhir.md). */
  finess?: string;
  /** E.164. */
  phone?: string;
}
export const DEFAULT_CPTS = { slug: 'default', name: 'CPTS' };

/** CPTS are created by operators of the deployment (CLI), outside any tenant. */
@Injectable()
export class CptsService {
  constructor(private readonly db: Database) {}

  create(slug: string, name: string, details: CptsDetails = {}): Promise<Cpts> {
    if (!SLUG.test(slug)) {
      throw DomainError.invalid('slug', 'slug must be lower-case letters, digits and dashes');
    }
    if (name.trim() === '') throw DomainError.invalid('name', 'name must not be empty');
    if (details.finess !== undefined && !FINESS.test(details.finess)) {
      throw DomainError.invalid('finess', 'finess must be the 9 digits of a FINESS number');
    }
    const phone = details.phone === undefined ? null : toE164(details.phone);
    if (details.phone !== undefined && phone === null) {
      throw DomainError.invalid('phone', 'phone must be a phone number such as 02 97 24 00 00');
    }
    return this.db.system(async (manager) => {
      if (await manager.existsBy(Cpts, { slug })) throw DomainError.conflict(`CPTS ${slug} exists`);
      return manager.save(
        manager.create(Cpts, { slug, name: name.trim(), finess: details.finess ?? null, phone }),
      );
    });
  }

  list(): Promise<Cpts[]> {
    return this.db.system((manager) => manager.find(Cpts, { order: { createdAt: 'ASC' } }));
  }

  /** The CPTS named by slug; without one, the only CPTS, created as a default one when none exists. */
  async resolve(slug?: string): Promise<Cpts> {
    if (slug) {
      const found = await this.db.system((manager) => manager.findOneBy(Cpts, { slug }));
      if (!found) throw DomainError.notFound(`CPTS ${slug}`);
      return found;
    }
    const all = await this.list();
    if (all.length === 1) return all[0];
    if (all.length > 1) {
      throw DomainError.invalid(
        'cpts',
        `several CPTS exist (${all.map((c) => c.slug).join(', ')}): name one`,
      );
    }
    return this.create(DEFAULT_CPTS.slug, DEFAULT_CPTS.name);
  }
}
