import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/list-query.dto';
import { AppConfig } from '../config/app-config';
import { Cpts } from '../cpts/cpts.entity';
import { Database } from '../database/database';
import { publicationBase } from '../smart-scheduling/smart-publication.service';
import { CommunesService } from './communes.service';
import type { SearchCommunesDto } from './dto/search-communes.dto';
import { CommuneView, TerritoryView } from './dto/territory.view';
import type { UpdateTerritoryDto } from './dto/update-territory.dto';

// What other features use of this one.
export { DEMO_COMMUNES, DEMO_CPTS } from './demo-territory';

export { CommuneView, TerritoryView };

/** The perimeter of the caller's CPTS, and the communes seen from it. */
@Injectable()
export class TerritoryService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly config: AppConfig,
  ) {}

  get(cptsId: string): Promise<TerritoryView> {
    return this.db.tenant(cptsId, async (manager) => this.view(await this.cpts(manager, cptsId)));
  }

  update(cptsId: string, input: UpdateTerritoryDto): Promise<TerritoryView> {
    const unknown = this.communes.unknown(input.communeCodes);
    if (unknown.length > 0) {
      throw DomainError.invalid('communeCodes', `unknown commune codes: ${unknown.join(', ')}`);
    }
    return this.db.tenant(cptsId, async (manager) => {
      const changes: Partial<Cpts> = { name: input.name.trim(), communeCodes: input.communeCodes };
      if (input.finess !== undefined) changes.finess = input.finess;
      if (input.phone !== undefined) changes.phone = input.phone;
      if (input.smartPublication !== undefined) changes.smartPublication = input.smartPublication;
      const current = await this.cpts(manager, cptsId);
      const phone = 'phone' in changes ? changes.phone : current.phone;
      if ((changes.smartPublication ?? current.smartPublication) && !phone) {
        throw DomainError.invalid(
          'smartPublication',
          'the open publication gives the CPTS phone number with every practice: set phone first',
        );
      }
      await manager.update(Cpts, { id: cptsId }, changes);
      return this.view(await this.cpts(manager, cptsId));
    });
  }

  async searchCommunes(cptsId: string, query: SearchCommunesDto): Promise<Page<CommuneView>> {
    const perimeter = new Set(
      await this.db.tenant(
        cptsId,
        async (manager) => (await this.cpts(manager, cptsId)).communeCodes,
      ),
    );
    const offset = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw DomainError.invalid('cursor', 'cursor is not one this service returned');
    }
    const found = this.communes.directory.search({ ...query, offset });
    const items = found
      .slice(0, query.limit)
      .map((commune) => ({ ...commune, inTerritory: perimeter.has(commune.code) }));
    const more = found.length > query.limit;
    return { items, nextCursor: more ? encodeCursor([String(offset + query.limit)]) : null };
  }

  private async cpts(manager: EntityManager, cptsId: string): Promise<Cpts> {
    const cpts = await manager.findOneBy(Cpts, { id: cptsId });
    if (!cpts) throw DomainError.notFound('CPTS');
    return cpts;
  }

  private view(cpts: Cpts): TerritoryView {
    return {
      name: cpts.name,
      finess: cpts.finess,
      phone: cpts.phone,
      smartPublication: cpts.smartPublication,
      smartPublicationUrl: cpts.smartPublication
        ? `${publicationBase(this.config.publicUrl, cpts.slug)}/$bulk-publish`
        : null,
      communeCodes: cpts.communeCodes,
      communes: cpts.communeCodes.map((code) => ({
        code,
        name: this.communes.name(code),
      })),
    };
  }
}
