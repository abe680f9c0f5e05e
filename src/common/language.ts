import { ValidateBy } from 'class-validator';

const TWO_LETTERS = /^[a-z]{2}$/;
// The runtime's ICU data knows every ISO 639-1 language; it names none of the unassigned codes.
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** An ISO 639-1 language code, lower case: `fr`, `en`, `br`. */
export function isLanguageCode(value: unknown): boolean {
  return (
    typeof value === 'string' && TWO_LETTERS.test(value) && LANGUAGE_NAMES.of(value) !== undefined
  );
}

export function IsLanguageCode(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLanguageCode',
      validator: {
        validate: isLanguageCode,
        defaultMessage: (args) =>
          `each value in ${args?.property ?? 'languages'} must be an ISO 639-1 language code such as fr or en`,
      },
    },
    { each: true },
  );
}
