/** GSM 03.38 basic character set (one septet each); `\n` and `\r` included, the escape code excluded. */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: escape + character, so two septets each. */
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

/** How an SMS body will be sent. */
export interface SmsEncodingInfo {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Number of SMS parts; 0 for an empty body. */
  readonly segments: number;
  /** Units counted against the limits: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly characters: number;
}

const LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

/** Length of one character in the encoding's units. */
function unitsOf(char: string, encoding: SmsEncodingInfo['encoding']): number {
  if (encoding === 'UCS-2') return char.length; // 2 for a surrogate pair (emoji), 1 otherwise
  return GSM7_EXTENSION.has(char) ? 2 : 1;
}

/** Whether every character of `text` is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return false;
  return true;
}

/**
 * Works out the encoding and segment count of an SMS body. GSM-7 fits 160 septets in one part, 153 per
 * part when concatenated; UCS-2 (any character outside GSM-7) 70 / 67 UTF-16 code units. A character
 * is never split across parts: an escape pair or a surrogate pair that does not fit starts a new part.
 */
export function smsEncodingInfo(text: string): SmsEncodingInfo {
  const encoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const chars = [...text];
  const characters = chars.reduce((sum, char) => sum + unitsOf(char, encoding), 0);
  const limits = LIMITS[encoding];
  if (characters === 0) return { encoding, segments: 0, characters };
  if (characters <= limits.single) return { encoding, segments: 1, characters };
  let segments = 1;
  let used = 0;
  for (const char of chars) {
    const units = unitsOf(char, encoding);
    if (used + units > limits.part) {
      segments += 1;
      used = 0;
    }
    used += units;
  }
  return { encoding, segments, characters };
}
