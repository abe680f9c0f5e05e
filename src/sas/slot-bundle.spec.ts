import { PROFILES } from './fhir-vocabulary';
import { type FhirResource, type SasSlotRow, slotBundle } from './slot-bundle';
import type { SlotSearch } from './slot-search-query';

const SEARCH: SlotSearch = {
  from: { at: new Date('2026-06-01T06:00:00Z'), inclusive: true },
  to: { at: new Date('2026-06-04T06:00:00Z'), inclusive: true },
  rpps: ['10001234567'],
  free: true,
  cpts: true,
  includes: { schedule: true, actors: true, healthcareServices: true, organizations: true },
};

const CONTEXT = {
  fhirBase: 'https://sas.test:8443/fhir',
  selfUrl: 'https://sas.test:8443/fhir/Slot?status=free',
  publicUrl: 'https://cpts.test',
  commune: (code: string) =>
    code === '56007' ? { city: 'Auray', postalCode: '56400' } : undefined,
};

function row(fields: Partial<SasSlotRow> = {}): SasSlotRow {
  return {
    slotId: 'slot-a',
    startsAt: new Date('2026-06-02T08:00:00Z'),
    endsAt: new Date('2026-06-02T08:20:00Z'),
    mode: 'in_person',
    practitionerId: 'gp-row-1',
    rpps: '10001234567',
    firstName: 'Anne',
    lastName: 'Le Goff',
    phone: '+33297000000',
    address: '1 rue de la Gare',
    communeCode: '56007',
    structureIdType: 'finess',
    structureId: '560012345',
    cptsId: 'cpts-1',
    cptsName: "CPTS du Pays d'Auray",
    cptsFiness: '560099999',
    cptsPhone: '+33297111111',
    ...fields,
  };
}

type Entry = { fullUrl: string; resource: FhirResource; search: { mode: string } };

function entries(bundle: FhirResource): Entry[] {
  return (bundle.entry as Entry[] | undefined) ?? [];
}

function ofType(bundle: FhirResource, type: string): FhirResource[] {
  return entries(bundle)
    .map((e) => e.resource)
    .filter((r) => r.resourceType === type);
}

describe('slotBundle', () => {
  it('describes one slot with its schedule, GP, role, place, CPTS service and organization', () => {
    const bundle = slotBundle(SEARCH, [row()], CONTEXT);
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 1,
      meta: { profile: [PROFILES.cptsBundle] },
      link: [{ relation: 'self', url: CONTEXT.selfUrl }],
    });
    expect(entries(bundle).map((e) => [e.resource.resourceType, e.search.mode])).toEqual([
      ['Slot', 'match'],
      ['Schedule', 'include'],
      ['Practitioner', 'include'],
      ['PractitionerRole', 'include'],
      ['HealthcareService', 'include'],
      ['Organization', 'include'],
    ]);
    for (const e of entries(bundle)) {
      expect(e.fullUrl).toBe(`${CONTEXT.fhirBase}/${e.resource.resourceType}/${e.resource.id}`);
      expect((e.resource.meta as { profile: string[] }).profile).toHaveLength(1);
    }
    const [slot] = ofType(bundle, 'Slot');
    expect(slot).toMatchObject({
      id: 'slot-a',
      status: 'free',
      start: '2026-06-02T10:00:00.000+02:00',
      end: '2026-06-02T10:20:00.000+02:00',
      schedule: { reference: 'Schedule/gp-row-1' },
      comment: 'https://cpts.test/plateforme/sas?practitioner=gp-row-1',
      appointmentType: { coding: [{ code: 'ROUTINE' }] },
      specialty: [{ coding: [{ code: 'SM54' }] }],
      meta: { security: [{ code: 'SNP' }, { code: 'CPTS' }] },
    });
    expect(slot.serviceType).toEqual([
      { coding: [expect.objectContaining({ code: 'AMB' })] },
      expect.objectContaining({
        extension: [
          expect.objectContaining({ valueReference: { reference: 'HealthcareService/cpts-1' } }),
        ],
        coding: [expect.objectContaining({ code: '604' })],
      }),
    ]);
    const [role] = ofType(bundle, 'PractitionerRole');
    expect(role).toMatchObject({
      practitioner: { reference: 'Practitioner/810001234567' },
      location: [{ reference: '#location' }],
      contained: [
        {
          resourceType: 'Location',
          id: 'location',
          address: { line: ['1 rue de la Gare'], city: 'Auray', postalCode: '56400' },
        },
      ],
      organization: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.2', value: '1560012345' } },
      telecom: [{ system: 'phone', value: '+33297000000' }],
    });
    expect(ofType(bundle, 'Organization')[0]).toMatchObject({
      identifier: [
        { value: '1560099999', type: { coding: [{ code: 'IDNST' }, { code: 'IDNST' }] } },
      ],
      name: "CPTS du Pays d'Auray",
      telecom: [{ value: '+33297111111' }],
    });
    expect(ofType(bundle, 'Schedule')[0]).toMatchObject({
      actor: [
        { reference: 'Practitioner/810001234567' },
        { reference: 'PractitionerRole/gp-row-1' },
      ],
    });
  });

  it('makes one Slot naming both CPTS of a GP publishing the same slot through two', () => {
    const bundle = slotBundle(
      SEARCH,
      [
        row(),
        row({ slotId: 'slot-b', practitionerId: 'gp-row-2', cptsId: 'cpts-2', cptsName: 'B' }),
      ],
      CONTEXT,
    );
    expect(bundle.total).toBe(1);
    const [slot] = ofType(bundle, 'Slot');
    const references = (
      slot.serviceType as Array<{ extension?: Array<{ valueReference: { reference: string } }> }>
    )
      .flatMap((type) => type.extension ?? [])
      .map((extension) => extension.valueReference.reference);
    expect(references).toEqual(['HealthcareService/cpts-1', 'HealthcareService/cpts-2']);
    expect(ofType(bundle, 'HealthcareService')).toHaveLength(2);
    expect(ofType(bundle, 'Organization')).toHaveLength(2);
    expect(ofType(bundle, 'Schedule')).toHaveLength(1);
    expect(ofType(bundle, 'Practitioner')).toHaveLength(1);
  });

  it('gives a GP one schedule and role per place of practice', () => {
    const bundle = slotBundle(
      SEARCH,
      [
        row(),
        row({
          slotId: 'slot-b',
          practitionerId: 'gp-row-2',
          cptsId: 'cpts-2',
          address: '2 place du Port',
          structureIdType: 'siret',
          structureId: '12345678901234',
          mode: 'home_visit',
        }),
      ],
      CONTEXT,
    );
    expect(ofType(bundle, 'Schedule').map((s) => s.id)).toEqual(['gp-row-1', 'gp-row-2']);
    expect(ofType(bundle, 'PractitionerRole')).toHaveLength(2);
    expect(ofType(bundle, 'Practitioner')).toHaveLength(1);
    const modes = ofType(bundle, 'Slot').map(
      (slot) => (slot.serviceType as Array<{ coding: Array<{ code: string }> }>)[0].coding[0].code,
    );
    expect(modes).toEqual(['AMB', 'HH']);
  });

  it('answers an empty searchset without profile nor entries', () => {
    const bundle = slotBundle(SEARCH, [], CONTEXT);
    expect(bundle).toEqual({
      resourceType: 'Bundle',
      id: expect.any(String),
      type: 'searchset',
      total: 0,
      link: [{ relation: 'self', url: CONTEXT.selfUrl }],
    });
  });

  it('answers an individual search (INT_R01) without the CPTS resources', () => {
    const individual: SlotSearch = {
      ...SEARCH,
      cpts: false,
      includes: { schedule: true, actors: true, healthcareServices: false, organizations: false },
    };
    const bundle = slotBundle(individual, [row()], CONTEXT);
    expect(bundle.meta).toEqual({ profile: [PROFILES.individualBundle] });
    const [slot] = ofType(bundle, 'Slot');
    expect(slot.meta).toMatchObject({
      profile: [PROFILES.individualSlot],
      security: [{ code: 'SNP' }],
    });
    expect(slot.serviceType).toHaveLength(1);
    expect(ofType(bundle, 'HealthcareService')).toEqual([]);
    expect(ofType(bundle, 'Organization')).toEqual([]);
  });

  it('leaves out the organization of a practice without structure identifier, and a teleconsultation is VR', () => {
    const bundle = slotBundle(
      SEARCH,
      [row({ structureIdType: null, structureId: null, mode: 'teleconsultation' })],
      CONTEXT,
    );
    expect(ofType(bundle, 'PractitionerRole')[0].organization).toBeUndefined();
    expect(ofType(bundle, 'Slot')[0].serviceType).toEqual(
      expect.arrayContaining([{ coding: [expect.objectContaining({ code: 'VR' })] }]),
    );
  });
});
