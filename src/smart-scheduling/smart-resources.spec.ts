import {
  BOOKING_DEEP_LINK,
  location,
  manifest,
  ndjson,
  schedule,
  slot,
  smartId,
} from './smart-resources';

const practice = {
  practitionerId: '0b9e4c8e-1f0a-4c1e-9d55-5b8a3e2f7a10',
  lastName: 'Le Goff',
  address: '3 rue du Port',
  communeName: 'Auray',
  postalCode: '56400',
  department: '56',
  latitude: 47.668,
  longitude: -2.982,
};

describe('SMART Scheduling Links resources', () => {
  it('makes ids of letters and digits only, at most 64, from our UUIDs', () => {
    expect(smartId(practice.practitionerId)).toBe('0b9e4c8e1f0a4c1e9d555b8a3e2f7a10');
    expect(smartId(practice.practitionerId)).toMatch(/^[A-Za-z0-9_.]{1,64}$/);
  });

  it('lists the three files in the manifest, carrying _since when asked', () => {
    const base = 'https://cpts.example/api/v1/smart/auray';
    expect(manifest(base, '2026-12-04T10:00:00.000Z', null)).toEqual({
      transactionTime: '2026-12-04T10:00:00.000Z',
      request: `${base}/$bulk-publish`,
      output: [
        { type: 'Location', url: `${base}/locations.ndjson` },
        { type: 'Schedule', url: `${base}/schedules.ndjson` },
        { type: 'Slot', url: `${base}/slots.ndjson` },
      ],
      error: [],
    });
    const since = manifest(base, '2026-12-04T10:00:00.000Z', '2026-12-04T09:00:00+01:00');
    expect(since.request).toBe(`${base}/$bulk-publish?_since=2026-12-04T09%3A00%3A00%2B01%3A00`);
    expect(since.output[2].url).toBe(
      `${base}/slots.ndjson?_since=2026-12-04T09%3A00%3A00%2B01%3A00`,
    );
  });

  it('describes a practice as a Location reachable by the CPTS phone, its schedule pointing at it', () => {
    expect(location(practice, '+33297240000')).toEqual({
      resourceType: 'Location',
      id: '0b9e4c8e1f0a4c1e9d555b8a3e2f7a10',
      name: 'Cabinet du Dr Le Goff, Auray',
      telecom: [{ system: 'phone', value: '+33297240000' }],
      address: {
        line: ['3 rue du Port'],
        city: 'Auray',
        postalCode: '56400',
        district: '56',
        country: 'FR',
      },
      position: { latitude: 47.668, longitude: -2.982 },
    });
    const withoutPosition = location(
      { ...practice, latitude: null, postalCode: null },
      '+33297240000',
    );
    expect(withoutPosition).not.toHaveProperty('position');
    expect(withoutPosition.address).not.toHaveProperty('postalCode');
    expect(schedule(practice)).toMatchObject({
      resourceType: 'Schedule',
      actor: [{ reference: 'Location/0b9e4c8e1f0a4c1e9d555b8a3e2f7a10' }],
    });
  });

  it('publishes a slot free or busy with its booking link and nothing about a patient', () => {
    const published = {
      id: '5d0c1c5e-2a7b-4b8e-8a51-0a3f2c9d1e77',
      practitionerId: practice.practitionerId,
      startsAt: '2026-12-04T14:00:00.000+01:00',
      endsAt: '2026-12-04T14:20:00.000+01:00',
      free: false,
    };
    const link = 'https://cpts.example/plateforme/sas?practitioner=0b9e';
    expect(slot(published, link, '+33297240000')).toEqual({
      resourceType: 'Slot',
      id: '5d0c1c5e2a7b4b8e8a510a3f2c9d1e77',
      schedule: { reference: 'Schedule/0b9e4c8e1f0a4c1e9d555b8a3e2f7a10' },
      status: 'busy',
      start: '2026-12-04T14:00:00.000+01:00',
      end: '2026-12-04T14:20:00.000+01:00',
      extension: [
        { url: BOOKING_DEEP_LINK, valueUrl: link },
        {
          url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
          valueString: '+33297240000',
        },
      ],
    });
    expect(slot({ ...published, free: true }, link, '+33297240000').status).toBe('free');
  });

  it('writes one minified resource per line', () => {
    expect(ndjson([{ a: 1 }, { b: [2] }])).toBe('{"a":1}\n{"b":[2]}\n');
    expect(ndjson([])).toBe('');
  });
});
