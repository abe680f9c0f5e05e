import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { CommunesService } from '../territory/communes.service';
import { capabilityStatement, operationOutcome } from './fhir-documents';
import { SasSlotsService } from './sas-slots.service';
import { type FhirResource, slotBundle } from './slot-bundle';
import { parseSlotSearch, queryPairs } from './slot-search-query';

export interface FhirAnswer {
  status: number;
  body: FhirResource;
}

const SOFTWARE = 'cpts-orientation';
const VERSION = '0.1.0';

/** The FHIR endpoint of the SAS platform, without its transport: raw request in, resource out. */
@Injectable()
export class SasSearchService {
  constructor(
    private readonly slots: SasSlotsService,
    private readonly communes: CommunesService,
    private readonly config: AppConfig,
  ) {}

  metadata(fhirBase: string): FhirAnswer {
    return { status: 200, body: capabilityStatement(fhirBase, SOFTWARE, VERSION) };
  }

  /** `GET [base]/Slot?<rawQuery>`: `fhirBase` is the endpoint's absolute base, as the client reached it. */
  async searchSlots(fhirBase: string, rawQuery: string): Promise<FhirAnswer> {
    const parsed = parseSlotSearch(rawQuery);
    if (!parsed.ok) return { status: 400, body: operationOutcome('invalid', parsed.issues) };
    const decoded = (queryPairs(rawQuery) ?? []).map(([name, value]) => `${name}=${value}`);
    const rows = await this.slots.find(parsed.search);
    const body = slotBundle(parsed.search, rows, {
      fhirBase,
      selfUrl: `${fhirBase}/Slot?${decoded.join('&')}`,
      publicUrl: this.config.publicUrl,
      commune: (code) => {
        const commune = this.communes.commune(code);
        return commune
          ? { city: commune.name, postalCode: commune.postalCodes[0] ?? code }
          : undefined;
      },
    });
    return { status: 200, body };
  }
}
