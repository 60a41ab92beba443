import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Twilio addresses a WhatsApp user as `whatsapp:+79161234567` and an SMS user as `+79161234567`;
 * agents and admins type `+7 916 123-45-67` or the national `8 916 123 45 67`. All of them are one
 * identity key: the E.164 number.
 */
export function toE164(address: string, defaultRegion?: string | null): string | null {
  const text = withoutChannelPrefix(address).trim();
  if (!text || text.length > 40) return null;
  // Every inbound webhook parses its sender, and senders repeat: remember the answers.
  const key = `${defaultRegion ?? ''}|${text}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  const number = parsePhoneNumberFromString(text, asRegion(defaultRegion));
  const e164 = number?.isPossible() ? number.number : null;
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(key, e164);
  return e164;
}

const parsed = new Map<string, string | null>();

/**
 * The identity key of a Twilio sender: its E.164 number, or — for what is not a phone number
 * (a short code, an alphanumeric sender id) — the address as Twilio gave it, without the prefix.
 */
export function senderKey(address: string, defaultRegion?: string | null): string {
  return toE164(address, defaultRegion) ?? withoutChannelPrefix(address).trim();
}

export const withoutChannelPrefix = (address: string): string => address.replace(/^(whatsapp|sms|tel):/i, '');

export const whatsappAddress = (number: string): string => `whatsapp:${withoutChannelPrefix(number)}`;

export function asRegion(region: string | null | undefined): CountryCode | undefined {
  const upper = region?.trim().toUpperCase();
  return upper && isSupportedCountry(upper) ? (upper as CountryCode) : undefined;
}
