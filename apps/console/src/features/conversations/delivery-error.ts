import type { MessageDto } from '@parley/contracts';

/**
 * The Twilio error code behind a failed SMS/WhatsApp delivery: from a status callback
 * (`metadata.errorCode`) or a refused send ("… (Twilio 21610)"). The console words it in the
 * agent's language (`deliveryError.twilio.<code>`), falling back to the server's English text.
 */
export function twilioErrorCode(message: Pick<MessageDto, 'channel' | 'metadata' | 'deliveryError'>): string | null {
  if (message.channel !== 'sms' && message.channel !== 'whatsapp') return null;
  const code = message.metadata?.errorCode;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return /\(Twilio (\d+)\)$/.exec(message.deliveryError ?? '')?.[1] ?? null;
}

/** The delivery error as the agent should read it. */
export function deliveryErrorText(
  message: Pick<MessageDto, 'channel' | 'metadata' | 'deliveryError'>,
  t: (key: string) => string,
  exists: (key: string) => boolean,
): string | null {
  const code = twilioErrorCode(message);
  const key = `deliveryError.twilio.${code}`;
  return code && exists(key) ? `${t(key)} (Twilio ${code})` : message.deliveryError;
}
