import { parseSince } from './since';

describe('the _since parameter of the open publication', () => {
  it('reads an instant with Z or an offset, with or without seconds and fractions', () => {
    expect(parseSince('2026-12-04T09:00:00Z')?.toISOString()).toBe('2026-12-04T09:00:00.000Z');
    expect(parseSince('2026-12-04T10:00:00.250+01:00')?.toISOString()).toBe(
      '2026-12-04T09:00:00.250Z',
    );
    expect(parseSince('2026-12-04T10:00+0100')?.toISOString()).toBe('2026-12-04T09:00:00.000Z');
  });

  it('is absent when not given, and refuses anything else naming the parameter', () => {
    expect(parseSince(undefined)).toBeNull();
    expect(parseSince('')).toBeNull();
    for (const bad of ['yesterday', '2026-12-04', '2026-12-04T09:00:00', '2026-13-45T99:00:00Z']) {
      expect(() => parseSince(bad)).toThrow(/_since/);
    }
  });
});
