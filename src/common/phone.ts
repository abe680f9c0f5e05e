import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Overseas départements share France's national format (a leading 0) but not its country code:
 * `0692 12 34 56` is a Réunion mobile, +262 692 12 34 56. Prefixes from the national numbering plan.
 */
const OVERSEAS_PREFIXES: ReadonlyArray<[RegExp, CountryCode]> = [
  [/^0(262|263|692|693)/, 'RE'],
  [/^0(269|639)/, 'YT'],
  [/^0(590|690|691)/, 'GP'],
  [/^0(596|696|697)/, 'MQ'],
  [/^0(594|694)/, 'GF'],
  [/^0508/, 'PM'],
];

/**
 * A phone number written the French national way (`06 12 34 56 78`, `0033 6…`, overseas
 * `0692…` included) or in E.164 (`+33612345678`), as E.164; null when it is not a valid number.
 */
export function toE164(raw: string): string | null {
  const text = raw.trim();
  const digits = text.replace(/[\s.-]/g, '');
  const region = OVERSEAS_PREFIXES.find(([prefix]) => prefix.test(digits))?.[1] ?? 'FR';
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed?.isValid() ? parsed.number : null;
}

/** An E.164 number as people dial it in France (`02 97 24 00 00`, `0692 12 34 56`). */
export function toNationalFormat(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A phone number property: normalised to E.164 before validation, so that the service stores
 * what was validated; anything that does not normalise is rejected.
 */
export function IsPhone(): PropertyDecorator {
  const normalise = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (toE164(value) ?? value) : value,
  );
  const validate = ValidateBy({
    name: 'isPhone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && E164.test(value),
      defaultMessage: (args) =>
        `${args?.property ?? 'phone'} must be a phone number, French (06 12 34 56 78) or E.164 (+33612345678)`,
    },
  });
  return (target, property) => {
    normalise(target, property);
    validate(target, property);
  };
}
