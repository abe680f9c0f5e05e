import { isLanguageCode } from './language';

describe('isLanguageCode', () => {
  it.each(['fr', 'en', 'br', 'de', 'ar', 'wo'])('accepts %p', (code) => {
    expect(isLanguageCode(code)).toBe(true);
  });

  it.each(['FR', 'fra', 'f', 'zz', 'qq', 'fr-FR', '', 42, null])('refuses %p', (code) => {
    expect(isLanguageCode(code)).toBe(false);
  });
});
