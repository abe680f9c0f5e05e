import { randomUUID } from 'node:crypto';

import { idnst, type StructureIdType } from '../availability/practitioners/practitioners.service';
import type { ConsultationMode } from '../common/consultation-mode';
import { fhirParisInstant } from './fhir-instant';
import {
  ACT_CODE_SYSTEM,
  CPTS_CATEGORY,
  GENERAL_PRACTICE,
  IDNPS_SYSTEM,
  IDNPS_TYPE,
  IDNST_SYSTEM,
  IDNST_TYPES,
  INTRN_LOCATION_TYPE,
  PROFILES,
  ROUTINE,
  SLOT_SERVICE_TYPE_EXTENSION,
  SLOT_TYPE_SYSTEM,
} from './fhir-vocabulary';
import type { SlotSearch } from './slot-search-query';

/** A FHIR resource as JSON; the shapes are checked by the tests against the R4 definitions. */
export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;

/** One free slot of a consenting GP, as the search query reads it (all CPTS together). */
export interface SasSlotRow {
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  /** The practitioner row: one per GP and CPTS. */
  practitionerId: string;
  rpps: string;
  firstName: string;
  lastName: string;
  phone: string;
  address: string;
  communeCode: string;
  structureIdType: StructureIdType | null;
  structureId: string | null;
  cptsId: string;
  cptsName: string;
  cptsFiness: string | null;
  cptsPhone: string | null;
}

export interface BundleContext {
  /** The absolute base of the FHIR endpoint, such as `https://sas.example.fr:8443/fhir`. */
  fhirBase: string;
  /** The request's URL, its query decoded: the Bundle's self link. */
  selfUrl: string;
  /** The service's public URL: slots' booking links start with it. */
  publicUrl: string;
  /** City and postal code of a commune. */
  commune(code: string): { city: string; postalCode: string } | undefined;
}

const SERVICE_TYPE: Record<ConsultationMode, { code: string; display: string }> = {
  in_person: { code: 'AMB', display: 'ambulatory' },
  home_visit: { code: 'HH', display: 'home health' },
  teleconsultation: { code: 'VR', display: 'virtual' },
};

const LOCATION_ID = 'location';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A GP's place of practice: one practitioner row is one place (its practice address). The same GP
 * in two CPTS at the same address is one place offered through both.
 */
function placeKey(row: SasSlotRow): string {
  const address = row.address.toLowerCase().replace(/\s+/g, ' ').trim();
  return [
    row.rpps,
    row.communeCode,
    address,
    row.structureIdType ?? '',
    row.structureId ?? '',
  ].join('\u0000');
}

/** Groups rows by key, in the order of the rows. */
function groups<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const found = new Map<string, T[]>();
  for (const row of rows) {
    const list = found.get(key(row));
    if (list) list.push(row);
    else found.set(key(row), [row]);
  }
  return found;
}

function entry(context: BundleContext, resource: FhirResource, mode: 'match' | 'include') {
  return {
    fullUrl: `${context.fhirBase}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode },
  };
}

function phoneTelecom(phone: string | null) {
  return phone ? { telecom: [{ system: 'phone', value: phone, use: 'work' }] } : {};
}

function practitionerResource(row: SasSlotRow): FhirResource {
  return {
    resourceType: 'Practitioner',
    id: `8${row.rpps}`,
    meta: { profile: [PROFILES.practitioner] },
    identifier: [{ type: { coding: [IDNPS_TYPE] }, system: IDNPS_SYSTEM, value: `8${row.rpps}` }],
    name: [{ use: 'official', family: row.lastName, given: [row.firstName] }],
  };
}

function locationResource(row: SasSlotRow, placeId: string, context: BundleContext): FhirResource {
  const commune = context.commune(row.communeCode);
  return {
    resourceType: 'Location',
    id: LOCATION_ID,
    meta: { profile: [PROFILES.location] },
    identifier: [
      {
        type: { coding: [INTRN_LOCATION_TYPE] },
        system: `${context.publicUrl}/fhir/sid/practice-place`,
        value: placeId,
      },
    ],
    address: {
      use: 'work',
      type: 'physical',
      line: [row.address],
      city: commune?.city ?? row.communeCode,
      // A commune always has a postal code in the referential; the INSEE code is the last resort.
      postalCode: commune?.postalCode ?? row.communeCode,
    },
  };
}

function practitionerRoleResource(
  row: SasSlotRow,
  placeId: string,
  context: BundleContext,
): FhirResource {
  const structure =
    row.structureIdType && row.structureId
      ? {
          organization: {
            identifier: {
              type: { coding: IDNST_TYPES },
              system: IDNST_SYSTEM,
              value: idnst({ type: row.structureIdType, value: row.structureId }),
            },
          },
        }
      : {};
  return {
    resourceType: 'PractitionerRole',
    id: placeId,
    meta: { profile: [PROFILES.practitionerRole] },
    contained: [locationResource(row, placeId, context)],
    active: true,
    practitioner: { reference: `Practitioner/8${row.rpps}` },
    ...structure,
    location: [{ reference: `#${LOCATION_ID}` }],
    ...phoneTelecom(row.phone),
  };
}

function scheduleResource(row: SasSlotRow, placeId: string): FhirResource {
  return {
    resourceType: 'Schedule',
    id: placeId,
    meta: { profile: [PROFILES.schedule] },
    active: true,
    actor: [
      { reference: `Practitioner/8${row.rpps}` },
      { reference: `PractitionerRole/${placeId}` },
    ],
  };
}

function healthcareServiceResource(row: SasSlotRow): FhirResource {
  return {
    resourceType: 'HealthcareService',
    id: row.cptsId,
    meta: { profile: [PROFILES.healthcareService] },
    active: true,
    providedBy: { reference: `Organization/${row.cptsId}` },
    name: `Soins non programmés - ${row.cptsName}`,
  };
}

function organizationResource(row: SasSlotRow): FhirResource {
  return {
    resourceType: 'Organization',
    id: row.cptsId,
    meta: { profile: [PROFILES.organization] },
    identifier: [
      { type: { coding: IDNST_TYPES }, system: IDNST_SYSTEM, value: `1${row.cptsFiness}` },
    ],
    active: true,
    name: row.cptsName,
    ...phoneTelecom(row.cptsPhone),
  };
}

function slotResource(
  search: SlotSearch,
  first: SasSlotRow,
  cptsIds: string[],
  placeId: string,
  context: BundleContext,
): FhirResource {
  const mode = SERVICE_TYPE[first.mode];
  const cptsEntries = search.cpts
    ? cptsIds.map((cptsId) => ({
        extension: [
          {
            url: SLOT_SERVICE_TYPE_EXTENSION,
            valueReference: { reference: `HealthcareService/${cptsId}` },
          },
        ],
        coding: [CPTS_CATEGORY],
      }))
    : [];
  return {
    resourceType: 'Slot',
    id: first.slotId,
    meta: {
      profile: [search.cpts ? PROFILES.cptsSlot : PROFILES.individualSlot],
      security: [
        { system: SLOT_TYPE_SYSTEM, code: 'SNP' },
        ...(search.cpts ? [{ system: SLOT_TYPE_SYSTEM, code: 'CPTS' }] : []),
      ],
    },
    serviceType: [{ coding: [{ system: ACT_CODE_SYSTEM, ...mode }] }, ...cptsEntries],
    specialty: [{ coding: [GENERAL_PRACTICE] }],
    appointmentType: { coding: [ROUTINE] },
    schedule: { reference: `Schedule/${placeId}` },
    status: 'free',
    start: fhirParisInstant(first.startsAt),
    end: fhirParisInstant(first.endsAt),
    comment: `${context.publicUrl}/plateforme/sas?practitioner=${first.practitionerId}`,
  };
}

/**
 * The searchset answering a Slot search. Rows are one per stored slot; one GP's slots at the same
 * place, start, end and mode published through several CPTS are one Slot naming each CPTS. Every
 * resource appears once; references between them are relative.
 */
export function slotBundle(
  search: SlotSearch,
  rows: SasSlotRow[],
  context: BundleContext,
): FhirResource {
  const rowsInOrder = [...rows].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || compare(a.slotId, b.slotId),
  );
  // A place is named after the first practitioner row (by id) practising there.
  const placeIds = new Map<string, string>();
  for (const [key, placeRows] of groups(rowsInOrder, placeKey)) {
    placeIds.set(key, placeRows.map((row) => row.practitionerId).sort()[0]);
  }
  const slots: FhirResource[] = [];
  const schedules = new Map<string, FhirResource>();
  const roles = new Map<string, FhirResource>();
  const practitioners = new Map<string, FhirResource>();
  const services = new Map<string, FhirResource>();
  const organizations = new Map<string, FhirResource>();
  const sameSlot = (row: SasSlotRow) =>
    [placeKey(row), row.startsAt.getTime(), row.endsAt.getTime(), row.mode].join('\u0000');
  for (const slotRows of groups(rowsInOrder, sameSlot).values()) {
    const first = [...slotRows].sort((a, b) => compare(a.slotId, b.slotId))[0];
    const placeId = placeIds.get(placeKey(first)) as string;
    const cptsIds = [...new Set(slotRows.map((row) => row.cptsId))].sort();
    slots.push(slotResource(search, first, cptsIds, placeId, context));
    if (search.includes.schedule && !schedules.has(placeId)) {
      schedules.set(placeId, scheduleResource(first, placeId));
    }
    if (search.includes.actors) {
      if (!roles.has(placeId))
        roles.set(placeId, practitionerRoleResource(first, placeId, context));
      if (!practitioners.has(first.rpps))
        practitioners.set(first.rpps, practitionerResource(first));
    }
    if (search.includes.healthcareServices) {
      for (const row of slotRows) {
        if (!services.has(row.cptsId)) services.set(row.cptsId, healthcareServiceResource(row));
        if (search.includes.organizations && !organizations.has(row.cptsId)) {
          organizations.set(row.cptsId, organizationResource(row));
        }
      }
    }
  }
  const included = [schedules, practitioners, roles, services, organizations].flatMap((map) =>
    [...map.values()].sort((a, b) => compare(a.id ?? '', b.id ?? '')),
  );
  const profile = search.cpts ? PROFILES.cptsBundle : PROFILES.individualBundle;
  const entries = [
    ...slots.map((slot) => entry(context, slot, 'match')),
    ...included.map((resource) => entry(context, resource, 'include')),
  ];
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    // An empty searchset cannot satisfy the aggregator profiles, which require entries.
    ...(slots.length > 0 ? { meta: { profile: [profile] } } : {}),
    type: 'searchset',
    total: slots.length,
    link: [{ relation: 'self', url: context.selfUrl }],
    // FHIR JSON has no empty arrays.
    ...(entries.length > 0 ? { entry: entries } : {}),
  };
}
