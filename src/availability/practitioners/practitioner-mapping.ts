import type { GeoPoint } from '../../common/geo';
import { toParisIso } from '../../common/paris-time';
import type { CreatePractitionerDto, PracticeDto } from './dto/create-practitioner.dto';
import { PractitionerView } from './dto/practitioner.view';
import type { Practitioner } from './practitioner.entity';

export const DEFAULT_LANGUAGES = ['fr'];
export const DEFAULT_WEEKLY_URGENT_CAP = 20;

export { PractitionerView };

/** The columns a practitioner's profile sets; capacity and availability are set elsewhere. */
export type ProfileColumns = Pick<
  Practitioner,
  | 'rpps'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'address'
  | 'communeCode'
  | 'latitude'
  | 'longitude'
  | 'modes'
  | 'languages'
  | 'weeklyUrgentCap'
  | 'notifyEmail'
  | 'notifySms'
>;

function optionalIso(date: Date | null): string | null {
  return date ? toParisIso(date) : null;
}

export function practitionerView(row: Practitioner, communeName: string): PractitionerView {
  return {
    id: row.id,
    rpps: row.rpps,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    practice: {
      address: row.address,
      communeCode: row.communeCode,
      communeName,
      latitude: row.latitude,
      longitude: row.longitude,
      structure:
        row.structureIdType && row.structureId
          ? { type: row.structureIdType, value: row.structureId }
          : null,
    },
    modes: row.modes,
    languages: row.languages,
    weeklyUrgentCap: row.weeklyUrgentCap,
    notify: { email: row.notifyEmail, sms: row.notifySms },
    active: row.active,
    sasPublication: row.sasPublication,
    newPatients: {
      accepting: row.acceptingNewPatients,
      openPlaces: row.openPlaces,
      ageMin: row.ageMin,
      ageMax: row.ageMax,
      communeCodes: row.capacityCommuneCodes,
      updatedAt: optionalIso(row.capacityUpdatedAt),
    },
    availabilityUpdatedAt: optionalIso(row.availabilityUpdatedAt),
  };
}

/** Where the practice is: as given, else the centre of its commune, else unknown. */
export function practiceColumns(
  practice: PracticeDto,
  centre: GeoPoint | undefined,
): Pick<Practitioner, 'address' | 'communeCode' | 'latitude' | 'longitude'> {
  const given = practice.latitude !== undefined && practice.longitude !== undefined;
  return {
    address: practice.address.trim(),
    communeCode: practice.communeCode,
    latitude: given ? (practice.latitude ?? null) : (centre?.latitude ?? null),
    longitude: given ? (practice.longitude ?? null) : (centre?.longitude ?? null),
  };
}

/** The structure identifier columns of a practice: none unless given. */
export function structureColumns(
  practice: PracticeDto,
): Pick<Practitioner, 'structureIdType' | 'structureId'> {
  return {
    structureIdType: practice.structure?.type ?? null,
    structureId: practice.structure?.value ?? null,
  };
}

export function profileColumns(
  input: CreatePractitionerDto,
  centre: GeoPoint | undefined,
): ProfileColumns {
  return {
    rpps: input.rpps,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    email: input.email.trim(),
    phone: input.phone,
    ...practiceColumns(input.practice, centre),
    modes: input.modes,
    languages: input.languages ?? DEFAULT_LANGUAGES,
    weeklyUrgentCap: input.weeklyUrgentCap ?? DEFAULT_WEEKLY_URGENT_CAP,
    notifyEmail: input.notify.email,
    notifySms: input.notify.sms,
  };
}
