import { smsSize, toGsm7 } from './gsm7';

describe('toGsm7', () => {
  it('keeps the French letters GSM-7 has and transliterates the others', () => {
    expect(toGsm7('é è à ù É Ç')).toBe('é è à ù É Ç');
    expect(toGsm7('ê â î ô û ç œ ë ï Ê Î Ô')).toBe('e a i o u c oe e i E I O');
    expect(toGsm7('Saint-Gildas-de-Rhuys — « Hôpital » l’Île-aux-Moines…')).toBe(
      'Saint-Gildas-de-Rhuys - " Hopital " l\'Ile-aux-Moines...',
    );
  });

  it('strips other diacritics and replaces what has no Latin form', () => {
    expect(toGsm7('Nguyễn Łukasz 李')).toBe('Nguyen ?ukasz ?');
  });
});

describe('smsSize', () => {
  it('counts GSM-7 septets, extension characters twice', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsSize(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
  });

  it('falls back to UCS-2 for one character outside GSM-7', () => {
    expect(smsSize(`${'a'.repeat(69)}ê`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSize(`${'a'.repeat(70)}ê`)).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
  });
});
