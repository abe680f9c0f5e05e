import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import type { GeoPoint, Place } from '../common/geo';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
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
 * How long this instance's copy of the commune centres is used before it is read again. Centres
 * change only by an import, which clears this instance's copy; another instance sees an imported
 * move within this time.
 */
const CENTRE_TTL_MS = 10 * 60_000;
/** After a failed read of the centres, the next is tried this much later. */
const COPY_RETRY_MS = 30_000;

/**
 * Every French commune (the @etalab referential, loaded once at start and kept in memory) and the
 * commune centres stored in the database, as places for proximity ranking.
 */
@Injectable()
export class CommunesService {
  private readonly logger = new Logger(CommunesService.name);
  readonly directory = new CommuneDirectory(loadCommuneReferential());
  /**
   * A copy of every centre in the database (about 35,000 for France, 3 MB), so that matching does
   * not read its patient's: communes are many and spread across a region's CPTS, so a copy of the
   * centres read one by one missed most of the time (a round trip for nearly every booking of the
   * national bench). Read whole in the background, never by a caller holding a transaction, and
   * completed by the centres a caller reads itself when the copy lacks them.
   */
  private copy = new Map<string, GeoPoint>();
  private copiedAt = Number.NEGATIVE_INFINITY;
  private copying: Promise<void> | undefined;
  /** Moves with each import here, so that a read started before it is not kept. */
  private generation = 0;

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
    if (Date.now() - this.copiedAt >= CENTRE_TTL_MS) void this.copyCentres();
    const copy = this.copy;
    const found = new Map<string, GeoPoint>();
    const missing: string[] = [];
    for (const code of codes) {
      const point = copy.get(code);
      if (point) found.set(code, point);
      else missing.push(code);
    }
    if (missing.length === 0) return found;
    const rows = await manager.findBy(CommuneCentre, { code: In(missing) });
    for (const { code, latitude, longitude } of rows) {
      const point = { latitude, longitude };
      found.set(code, point);
      copy.set(code, point);
    }
    return found;
  }

  /**
   * Reads every centre into this instance's copy; one read at a time. Callers do not wait for it:
   * a transaction waiting for a second connection could exhaust the pool.
   */
  copyCentres(): Promise<void> {
    const generation = this.generation;
    this.copying ??= queryRows<{ code: string; latitude: number; longitude: number }>(
      this.db.dataSource.manager,
      'SELECT code, latitude, longitude FROM commune_centre',
    )
      .then((rows) => {
        if (generation !== this.generation) return;
        this.copy = new Map(
          rows.map(({ code, latitude, longitude }) => [code, { latitude, longitude }]),
        );
        this.copiedAt = Date.now();
      })
      .catch((error: unknown) => {
        this.copiedAt = Date.now() - CENTRE_TTL_MS + COPY_RETRY_MS;
        this.logger.warn(`commune centres not read: ${(error as Error).message}`);
      })
      .finally(() => (this.copying = undefined));
    return this.copying;
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
    await this.db.system(async (manager) => {
      for (let start = 0; start < centres.length; start += CHUNK) {
        await manager.upsert(CommuneCentre, centres.slice(start, start + CHUNK), ['code']);
      }
    });
    // Forgotten once the import has committed: what is read from now on sees it.
    this.generation += 1;
    this.copy = new Map();
    this.copiedAt = Number.NEGATIVE_INFINITY;
  }
}
