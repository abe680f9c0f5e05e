export const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/** An INSEE commune code: 5 digits, or 2A/2B (Corsica) followed by 3 digits. */
export function isCommuneCode(code: string): boolean {
  return COMMUNE_CODE.test(code);
}
