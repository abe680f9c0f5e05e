/** GSM 03.38 basic character set: one septet each. */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: an escape septet plus one. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** French letters and typography outside GSM-7; é, è, à, ù, É and Ç are inside and kept. */
const TRANSLITERATION: Record<string, string> = {
  â: 'a',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  ô: 'o',
  û: 'u',
  ÿ: 'y',
  ç: 'c',
  œ: 'oe',
  Œ: 'OE',
  À: 'A',
  Â: 'A',
  È: 'E',
  Ê: 'E',
  Ë: 'E',
  Î: 'I',
  Ï: 'I',
  Ô: 'O',
  Ù: 'U',
  Û: 'U',
  Ÿ: 'Y',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

function isGsm7Char(char: string): boolean {
  return BASIC_SET.has(char) || EXTENSION_SET.has(char);
}

function transliterate(char: string): string {
  if (isGsm7Char(char)) return char;
  const mapped = TRANSLITERATION[char];
  if (mapped !== undefined) return mapped;
  const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
  return [...bare].every(isGsm7Char) && bare !== '' ? bare : '?';
}

/** Rewrites text so that it is GSM-7 only: an SMS then costs 160 characters per segment, not 70. */
export function toGsm7(text: string): string {
  return [...text].map(transliterate).join('');
}

export interface SmsSize {
  encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** How many SMS segments a text takes (concatenated segments lose room to their header). */
export function smsSize(text: string): SmsSize {
  const chars = [...text];
  if (chars.every(isGsm7Char)) {
    const units = chars.reduce((sum, char) => sum + (EXTENSION_SET.has(char) ? 2 : 1), 0);
    return { encoding: 'gsm7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
