import type { Manifest } from './dto/manifest.view';

/**
 * SMART Scheduling Links (https://github.com/smart-on-fhir/smart-scheduling-links): a CPTS's
 * consenting GPs' practices, schedules and urgent slots as FHIR Location, Schedule and Slot
 * resources, one per NDJSON line, behind a `$bulk-publish` manifest. No patient data: a busy slot
 * says only that it is taken.
 */

export const BOOKING_DEEP_LINK =
  'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link';
export const BOOKING_PHONE =
  'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone';

export const SMART_FILES = ['locations', 'schedules', 'slots'] as const;
export type SmartFile = (typeof SMART_FILES)[number];

const FILE_TYPES: Record<SmartFile, 'Location' | 'Schedule' | 'Slot'> = {
  locations: 'Location',
  schedules: 'Schedule',
  slots: 'Slot',
};

/** A GP's practice as published: the practitioner row is one practice of one GP in one CPTS. */
export interface PublishedPractice {
  practitionerId: string;
  lastName: string;
  address: string;
  communeName: string;
  postalCode: string | null;
  department: string;
  latitude: number | null;
  longitude: number | null;
}

export interface PublishedSlot {
  id: string;
  practitionerId: string;
  /** Paris time with its offset, as the database renders it. */
  startsAt: string;
  endsAt: string;
  free: boolean;
}

/** Where a CPTS's publication lives; its manifest is `<base>/$bulk-publish`. */
export function publicationBase(publicUrl: string, slug: string): string {
  return `${publicUrl}/api/v1/smart/${slug}`;
}

/**
 * SMART ids are up to 64 letters, digits, `_` and `.`: a UUID without its hyphens, which is also a
 * valid FHIR id.
 */
export function smartId(uuid: string): string {
  return uuid.replace(/-/g, '');
}

/** The manifest; with `since`, each file URL carries it so that the files list only what changed. */
export function manifest(base: string, transactionTime: string, since: string | null): Manifest {
  const query = since === null ? '' : `?_since=${encodeURIComponent(since)}`;
  return {
    transactionTime,
    request: `${base}/$bulk-publish${query}`,
    output: SMART_FILES.map((file) => ({
      type: FILE_TYPES[file],
      url: `${base}/${file}.ndjson${query}`,
    })),
    error: [],
  };
}

export function location(practice: PublishedPractice, cptsPhone: string): Record<string, unknown> {
  return {
    resourceType: 'Location',
    id: smartId(practice.practitionerId),
    name: `Cabinet du Dr ${practice.lastName}, ${practice.communeName}`,
    telecom: [{ system: 'phone', value: cptsPhone }],
    address: {
      line: [practice.address],
      city: practice.communeName,
      ...(practice.postalCode ? { postalCode: practice.postalCode } : {}),
      district: practice.department,
      country: 'FR',
    },
    ...(practice.latitude !== null && practice.longitude !== null
      ? { position: { latitude: practice.latitude, longitude: practice.longitude } }
      : {}),
  };
}

/** One schedule per practice: urgent general-practice appointments (soins non programmés). */
export function schedule(practice: PublishedPractice): Record<string, unknown> {
  return {
    resourceType: 'Schedule',
    id: smartId(practice.practitionerId),
    serviceType: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/service-type',
            code: '124',
            display: 'General Practice',
          },
        ],
        text: 'Consultation de médecine générale sans rendez-vous préalable (soins non programmés)',
      },
    ],
    actor: [{ reference: `Location/${smartId(practice.practitionerId)}` }],
  };
}

/**
 * A slot, with the deep link where a health professional books it (after Pro Santé Connect) and
 * the CPTS's phone for those who call.
 */
export function slot(
  published: PublishedSlot,
  bookingUrl: string,
  cptsPhone: string,
): Record<string, unknown> {
  return {
    resourceType: 'Slot',
    id: smartId(published.id),
    schedule: { reference: `Schedule/${smartId(published.practitionerId)}` },
    status: published.free ? 'free' : 'busy',
    start: published.startsAt,
    end: published.endsAt,
    extension: [
      { url: BOOKING_DEEP_LINK, valueUrl: bookingUrl },
      { url: BOOKING_PHONE, valueString: cptsPhone },
    ],
  };
}

/** One minified resource per line, each line ended. */
export function ndjson(resources: ReadonlyArray<Record<string, unknown>>): string {
  return resources.map((resource) => `${JSON.stringify(resource)}\n`).join('');
}
