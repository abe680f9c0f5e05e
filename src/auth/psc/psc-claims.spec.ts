import { isAcceptedAcr, nameClaim, rppsFromSubjectNameId } from './psc-claims';

describe('rppsFromSubjectNameId', () => {
  it('reads the RPPS of an 8-prefixed national id', () => {
    expect(rppsFromSubjectNameId('812345678901')).toBe('12345678901');
  });

  it.each([
    ['an RPPS without its prefix', '12345678901'],
    ['an ADELI-based id', '0123456789'],
    ['another prefix', '312345678901'],
    ['a short number', '81234567890'],
    ['a long number', '8123456789012'],
    ['letters', '8123456789A1'],
    ['surrounding spaces', ' 812345678901'],
    ['a trailing newline', '812345678901\n'],
    ['non-ASCII digits', '8١٢٣٤٥٦٧٨٩٠١'],
    ['an empty string', ''],
  ])('rejects %s', (_name, value) => {
    expect(rppsFromSubjectNameId(value)).toBeUndefined();
  });

  it.each([undefined, null, 812345678901, ['812345678901'], { value: '812345678901' }])(
    'rejects the non-string %p',
    (value) => {
      expect(rppsFromSubjectNameId(value)).toBeUndefined();
    },
  );
});

describe('isAcceptedAcr', () => {
  it('accepts eidas1 only', () => {
    expect(isAcceptedAcr('eidas1')).toBe(true);
    for (const acr of ['eidas0', 'eidas2', 'EIDAS1', ' eidas1', '', undefined, null, ['eidas1']]) {
      expect(isAcceptedAcr(acr)).toBe(false);
    }
  });
});

describe('nameClaim', () => {
  it('keeps a trimmed non-empty string and drops anything else', () => {
    expect(nameClaim(' Anne ')).toBe('Anne');
    expect(nameClaim('  ')).toBeUndefined();
    expect(nameClaim(undefined)).toBeUndefined();
    expect(nameClaim(42)).toBeUndefined();
  });
});
