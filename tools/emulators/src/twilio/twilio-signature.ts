import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature as Twilio computes it: HMAC-SHA1 with the account's auth token over the full
 * URL it calls followed by every POST parameter, sorted by name, as name+value; base64.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio
 * Written out here (not borrowed from the SDK) so that Parley's SDK-based check is really tested.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
