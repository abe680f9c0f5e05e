import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import type { GeoPoint, Place } from '../common/geo';
import { Database } from '../database/database';
import { CommuneCentre } from './commune-centre.entity';
import {
  CommuneCentre as CentreRow,
  parseCommuneCentresCsv,
  RejectedRow,
} from './commune-centres-csv';
import { CommuneDirectory } from './commune-directory';
import { CommuneRecord, loadCommuneReferential } from './commune-referential';

// What other features use of this one.
export { foldName } from './commune-directory';
export type { CommuneRecord } from './commune-referential';

export interface CentresImport {
  imported: number;
  rejected: RejectedRow[];
}

const CHUNK = 1000;
/**
 * How long a commune centre read from the database is reused. Centres change only by an import,
 * which clears this instance's copies; another instance sees an imported move within this time.
 */
const CENTRE_TTL_MS = 10 * 60_000;

/**
 * Every French commune (the @etalab referential, loaded once at start and kept in memory) and the
 * commune centres stored in the database, as places for proximity ranking.
 */
@Injectable()
export class CommunesService {
  readonly directory = new CommuneDirectory(loadCommuneReferential());
  /** Centres found in the database, so that matching does not read its patient's every time. */
  private readonly knownCentres = new Map<string, { point: GeoPoint; readAt: number }>();

  constructor(private readonly db: Database) {}

  commune(code: string): CommuneRecord | undefined {
    return this.directory.get(code);
  }

  /** A commune's name, or its code when the referential does not know it. */
  name(code: string): string {
    return this.commune(code)?.name ?? code;
  }

  unknown(codes: readonly string[]): string[] {
    return this.directory.unknown(codes);
  }

  /** The centre of each of these communes that has one. */
  async centres(
    codes: readonly string[],
    manager: EntityManager = this.db.dataSource.manager,
  ): Promise<Map<string, GeoPoint>> {
    const found = new Map<string, GeoPoint>();
    const missing = new Set<string>();
    const now = Date.now();
    for (const code of codes) {
      const known = this.knownCentres.get(code);
      if (known && now - known.readAt < CENTRE_TTL_MS) found.set(code, known.point);
      else missing.add(code);
    }
    if (missing.size === 0) return found;
    const rows = await manager.findBy(CommuneCentre, { code: In([...missing]) });
    for (const { code, latitude, longitude } of rows) {
      const point = { latitude, longitude };
      found.set(code, point);
      this.knownCentres.set(code, { point, readAt: now });
    }
    return found;
  }

  /** Where each known commune lies, for `proximity`: its EPCI, département and centre if known. */
  async places(
    codes: readonly string[],
    manager: EntityManager = this.db.dataSource.manager,
  ): Promise<Map<string, Place>> {
    const centres = await this.centres(codes, manager);
    const places = new Map<string, Place>();
    for (const code of codes) {
      const commune = this.directory.get(code);
      if (!commune) continue;
      places.set(code, {
        communeCode: code,
        epciCode: commune.epciCode,
        department: commune.department,
        point: centres.get(code) ?? null,
      });
    }
    return places;
  }

  async place(
    code: string,
    manager: EntityManager = this.db.dataSource.manager,
  ): Promise<Place | undefined> {
    return (await this.places([code], manager)).get(code);
  }

  /** Imports a CSV of commune centres; rows whose code no commune has are rejected. */
  async importCentres(text: string): Promise<CentresImport> {
    const { centres, rejected } = parseCommuneCentresCsv(text, (code) =>
      Boolean(this.directory.get(code)),
    );
    await this.saveCentres(centres);
    return { imported: centres.length, rejected };
  }

  async saveCentres(centres: readonly CentreRow[]): Promise<void> {
    this.knownCentres.clear();
    await this.db.system(async (manager) => {
      for (let start = 0; start < centres.length; start += CHUNK) {
        await manager.upsert(CommuneCentre, centres.slice(start, start + CHUNK), ['code']);
      }
    });
  }
}
