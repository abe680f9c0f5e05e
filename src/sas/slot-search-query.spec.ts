import { parseSearchTime, parseSlotSearch, queryPairs } from './slot-search-query';

const RPPS_A = '10001234567';
const RPPS_B = '10007654321';
const ID = 'schedule.actor:Practitioner.identifier';

function search(raw: string) {
  const parsed = parseSlotSearch(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.search;
}

function issues(raw: string) {
  const parsed = parseSlotSearch(raw);
  if (parsed.ok) throw new Error('expected issues');
  return parsed.issues;
}

const INCLUDES =
  '_include=Slot:schedule&_include=Slot:service-type-reference' +
  '&_include:iterate=Schedule:actor&_include:iterate=HealthcareService:organization';

describe('parseSearchTime', () => {
  it('reads an offset, Z, or Paris wall-clock time', () => {
    expect(parseSearchTime('2026-06-01T10:00:00+02:00')?.toISOString()).toBe(
      '2026-06-01T08:00:00.000Z',
    );
    expect(parseSearchTime('2026-06-01T10:00:00.250+02:00')?.toISOString()).toBe(
      '2026-06-01T08:00:00.250Z',
    );
    expect(parseSearchTime('2026-06-01T08:00:00Z')?.toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(parseSearchTime('2026-06-01T08:00:00.000Z')?.toISOString()).toBe(
      '2026-06-01T08:00:00.000Z',
    );
    expect(parseSearchTime('2026-06-01T10:00:00')?.toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(parseSearchTime('2026-01-15T10:00')?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(parseSearchTime('2026-06-01T03:00:00-04:00')?.toISOString()).toBe(
      '2026-06-01T07:00:00.000Z',
    );
  });

  it('reads a space where form decoding turned the offset sign into one', () => {
    expect(parseSearchTime('2026-06-01T10:00:00 02:00')?.toISOString()).toBe(
      '2026-06-01T08:00:00.000Z',
    );
  });

  it('refuses what is not a time', () => {
    for (const bad of [
      '2026-06-01',
      '2026-02-31T10:00:00Z',
      'tomorrow',
      '2026-06-01T25:00:00Z',
      '',
    ]) {
      expect(parseSearchTime(bad)).toBeUndefined();
    }
  });
});

describe('queryPairs', () => {
  it('decodes names and values but keeps a raw +', () => {
    expect(queryPairs('start=ge2026-06-01T10:00:00+02:00&a%3Ab=c%7Cd')).toEqual([
      ['start', 'ge2026-06-01T10:00:00+02:00'],
      ['a:b', 'c|d'],
    ]);
    expect(queryPairs('start=ge2026-06-01T10:00:00%2B02:00')).toEqual([
      ['start', 'ge2026-06-01T10:00:00+02:00'],
    ]);
  });

  it('answers undefined to a malformed escape', () => {
    expect(queryPairs('start=%E0%A4%A')).toBeUndefined();
  });
});

describe('parseSlotSearch', () => {
  const base =
    `start=ge2026-06-01T08:00:00+02:00&start=le2026-06-04T08:00:00+02:00` +
    `&${ID}=urn:oid:1.2.250.1.71.4.2.1|8${RPPS_A}&status=free`;

  it('reads the INT_R04 query of a CPTS', () => {
    expect(search(`${base}&${INCLUDES}&_count=1000`)).toEqual({
      from: { at: new Date('2026-06-01T06:00:00Z'), inclusive: true },
      to: { at: new Date('2026-06-04T06:00:00Z'), inclusive: true },
      rpps: [RPPS_A],
      free: true,
      cpts: true,
      includes: { schedule: true, actors: true, healthcareServices: true, organizations: true },
    });
  });

  it('tells an individual search (INT_R01) by the absence of the CPTS include', () => {
    const found = search(`${base}&_include=Slot:schedule&_include:iterate=Schedule:actor`);
    expect(found.cpts).toBe(false);
    expect(found.includes).toEqual({
      schedule: true,
      actors: true,
      healthcareServices: false,
      organizations: false,
    });
  });

  it('reads the same query percent-encoded, in another order, with a space after a comma', () => {
    const encoded =
      `status=free&${encodeURIComponent(ID)}=${encodeURIComponent(
        `urn:oid:1.2.250.1.71.4.2.1|8${RPPS_A}, urn:oid:1.2.250.1.71.4.2.1|8${RPPS_B}`,
      )}&start=le${encodeURIComponent('2026-06-04T08:00:00+02:00')}` +
      `&start=ge${encodeURIComponent('2026-06-01T08:00:00+02:00')}` +
      `&_include=${encodeURIComponent('Slot:service-type-reference')}`;
    const found = search(encoded);
    expect(found.rpps).toEqual([RPPS_A, RPPS_B].sort());
    expect(found.from.at).toEqual(new Date('2026-06-01T06:00:00Z'));
    expect(found.to.at).toEqual(new Date('2026-06-04T06:00:00Z'));
    expect(found.cpts).toBe(true);
  });

  it('reads a + standing for the space after a comma', () => {
    const found = search(
      `${base.replace(`8${RPPS_A}`, `8${RPPS_A},+urn:oid:1.2.250.1.71.4.2.1|8${RPPS_B}`)}`,
    );
    expect(found.rpps).toEqual([RPPS_A, RPPS_B].sort());
  });

  it('reads times without offset as Paris time, and strict comparators', () => {
    const found = search(
      `start=gt2026-12-01T08:00&start=lt2026-12-04T08:00:00.000&${ID}=|8${RPPS_A}&status=free`,
    );
    expect(found.from).toEqual({ at: new Date('2026-12-01T07:00:00Z'), inclusive: false });
    expect(found.to).toEqual({ at: new Date('2026-12-04T07:00:00Z'), inclusive: false });
  });

  it('matches nothing for ADELI numbers, other systems and malformed RPPS', () => {
    const found = search(
      base.replace(
        `urn:oid:1.2.250.1.71.4.2.1|8${RPPS_A}`,
        `urn:oid:1.2.250.1.71.4.2.1|0123456789,urn:oid:9.9|8${RPPS_B},|81234`,
      ),
    );
    expect(found.rpps).toEqual([]);
  });

  it('ANDs repeated identifier parameters', () => {
    const found = search(
      `${base.replace(`8${RPPS_A}`, `8${RPPS_A},|8${RPPS_B}`)}&${ID}=|8${RPPS_B}`,
    );
    expect(found.rpps).toEqual([RPPS_B]);
  });

  it('admits a status list without free, which then finds nothing', () => {
    expect(search(base.replace('status=free', 'status=busy')).free).toBe(false);
    expect(search(base.replace('status=free', 'status=busy,free')).free).toBe(true);
  });

  it('ignores parameters it does not know', () => {
    expect(search(`${base}&_format=json&_count=1000&foo=bar`).rpps).toEqual([RPPS_A]);
  });

  it('names each missing or malformed parameter', () => {
    expect(issues(base.replace('status=free', '')).map((issue) => issue.parameter)).toEqual([
      'status',
    ]);
    expect(issues(base.replace(/start=ge[^&]*&/, '')).map((issue) => issue.parameter)).toEqual([
      'start',
    ]);
    expect(issues(base.replace('start=ge', 'start=eq'))[0]).toMatchObject({
      parameter: 'start',
      message: expect.stringMatching(/ge<time>/),
    });
    expect(issues(base.replace('start=ge2026-06-01', 'start=ge2026-13-01'))[0].parameter).toBe(
      'start',
    );
    expect(issues(base.replace('status=free', 'status=open'))[0].parameter).toBe('status');
    expect(issues(base.replace(/&schedule[^&]*/, ''))[0].parameter).toBe(ID);
    expect(issues(`${base}&start=ge2026-06-02T00:00:00Z`)[0].message).toMatch(/two lower/);
    expect(issues(base.replace('2026-06-04', '2026-12-04'))[0].message).toMatch(/92 days/);
    expect(issues(`${base}&x=%E0%A4%A`)[0].parameter).toBe('query');
  });

  it('refuses too many identifiers at once', () => {
    const many = Array.from({ length: 101 }, (_, i) => `|8${String(i).padStart(11, '0')}`);
    expect(
      issues(base.replace(`urn:oid:1.2.250.1.71.4.2.1|8${RPPS_A}`, many.join(',')))[0].message,
    ).toMatch(/at most 100/);
  });
});
