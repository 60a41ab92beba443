import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Where an inbox does not say (`config.phoneRegion`), national numbers are read as Russian ones. */
export const FALLBACK_PHONE_REGION = 'RU';

/** Whether an inbox's `phoneRegion` names a country whose numbers can be read (ISO 3166 alpha-2). */
export function isPhoneRegion(region: unknown): boolean {
  return typeof region === 'string' && /^[A-Z]{2}$/.test(region) && isSupportedCountry(region);
}

/** The region national numbers are read in: the inbox's, else DEFAULT_PHONE_REGION, else RU. */
export function phoneRegion(inboxRegion?: unknown, envRegion: string | undefined = process.env.DEFAULT_PHONE_REGION): string {
  const pick = (r: unknown) => (typeof r === 'string' && /^[A-Za-z]{2}$/.test(r.trim()) ? r.trim().toUpperCase() : null);
  return pick(inboxRegion) ?? pick(envRegion) ?? FALLBACK_PHONE_REGION;
}

/**
 * A phone number as written by anyone ("8 916 123-45-67", "+7 (916) 123-45-67", "whatsapp:+7…")
 * in E.164 (+79161234567), or null when it is not a valid number in that region.
 */
export function toE164(raw: string | null | undefined, region = FALLBACK_PHONE_REGION): string | null {
  const text = (raw ?? '').replace(/^whatsapp:/i, '').trim();
  if (!text || !/\d/.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, region.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** Whether a search query is meant as a phone number: digits with the usual separators only. */
export function looksLikePhone(query: string): boolean {
  return /^\+?[\d\s().-]+$/.test(query.trim()) && query.replace(/\D/g, '').length >= 7;
}
