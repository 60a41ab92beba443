/**
 * How many SMS a text is billed as (https://www.twilio.com/docs/glossary/what-sms-character-limit).
 * GSM-7 texts fit 160 characters in one SMS and 153 per part when split; one character outside the
 * GSM-7 alphabet (any Cyrillic letter, an emoji) makes the whole text UCS-2: 70, or 67 per part.
 * Extension characters (€, [, ], {, }, ~, ^, |, \) take two GSM-7 slots, an emoji two UCS-2 slots,
 * and neither is split across parts.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** GSM-7 septets or UCS-2 code units used. */
  units: number;
  segments: number;
  /** Units one part holds at this length: 160/70 for a single SMS, 153/67 once split. */
  perSegment: number;
  /** Units left before one more SMS is needed. */
  remaining: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENDED.has(ch)) return 'UCS-2';
  return 'GSM-7';
}

export function countSmsSegments(text: string): SmsSegments {
  const encoding = smsEncoding(text);
  const costs = [...text].map((ch) => (encoding === 'GSM-7' ? (EXTENDED.has(ch) ? 2 : 1) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, multi } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: 1, perSegment: single, remaining: single - units };
  // Split into parts of `multi` units, never cutting a two-unit character in half.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: multi, remaining: multi - used };
}

/** Twilio's limit for one message body, SMS or WhatsApp (https://www.twilio.com/docs/api/messaging/message-resource). */
export const TWILIO_MAX_BODY = 1600;
