/**
 * Twilio error codes an agent may meet, in plain words (https://www.twilio.com/docs/api/errors).
 * The console shows these instead of a bare number.
 */
const PLAIN_WORDS: Record<string, string> = {
  '20003': 'Twilio rejected the account credentials (Account SID / Auth Token)',
  '20429': 'Twilio is rate-limiting this account; the message will be retried',
  '21211': 'The phone number is not valid',
  '21408': 'Sending to this country is not enabled on the Twilio account',
  '21602': 'The message is empty',
  '21606': 'The sender number cannot send messages (not an SMS-capable Twilio number)',
  '21608': 'A Twilio trial account can only message verified numbers',
  '21610': 'The recipient opted out (replied STOP); they must reply START to get messages again',
  '21612': 'Twilio cannot route messages from this sender to this number',
  '21614': 'The number is not a mobile number and cannot receive SMS',
  '21617': 'The message is too long (over 1,600 characters)',
  '30003': 'The recipient’s phone is unreachable (switched off or out of coverage)',
  '30004': 'The message was blocked by the recipient or their carrier',
  '30005': 'Unknown number: it does not exist or is no longer in service',
  '30006': 'The number cannot receive SMS (a landline or an unreachable carrier)',
  '30007': 'Blocked by carrier filtering (the carrier took it for spam)',
  '30008': 'The carrier could not deliver it, for an unknown reason',
  '30032': 'The toll-free sender number is not verified',
  '30034': 'The sender number is not registered for US A2P 10DLC messaging',
  '63003': 'The recipient is not on WhatsApp (or the number is wrong)',
  '63016': 'Outside WhatsApp’s 24-hour window: only an approved template can be sent',
  '63018': 'WhatsApp is rate-limiting this sender',
  '63024': 'WhatsApp rejected the recipient',
  '63049': 'WhatsApp chose not to deliver this marketing template',
};

export function describeTwilioError(code: string | number | null | undefined): string | null {
  if (code === null || code === undefined || code === '') return null;
  return PLAIN_WORDS[String(code)] ?? null;
}

/** "The recipient opted out … (Twilio 21610)", or Twilio's own words for a code we do not know. */
export function twilioErrorText(code: string | number | null | undefined, fallback?: string | null): string {
  const plain = describeTwilioError(code);
  const suffix = code ? ` (Twilio ${code})` : '';
  return `${plain ?? fallback?.trim() ?? 'Twilio reported an error'}${suffix}`;
}

/**
 * Whether Twilio's answer to a send means "try again later": its own outages and rate limits.
 * Every other 4xx is about this message (bad number, opted out, credentials) and retrying
 * cannot help.
 */
export const isTransientStatus = (httpStatus: number): boolean => httpStatus === 429 || httpStatus >= 500;
