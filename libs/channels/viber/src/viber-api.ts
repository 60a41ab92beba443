import { notSent, PermanentDeliveryError } from '@parley/channels-core';
import type { ViberConfig } from './viber-config';

/**
 * Viber's REST Bot API (https://developers.viber.com/docs/api/rest-bot-api/): every method is a JSON
 * POST to `<base>/<method>` with the bot's token in X-Viber-Auth-Token, answered 200 with a numeric
 * `status` (0 = ok) and `status_message`.
 */
export type ViberFetch = (input: string, init: RequestInit) => Promise<Response>;

export interface ViberAnswer {
  [key: string]: unknown;
  status: number;
  status_message?: string;
  /**
   * send_message's `message_token`, read from the raw text: a 64-bit number that JSON.parse would
   * round (4912661846655238145 → …8100), so two messages could look like one.
   */
  messageToken?: string;
}

/** Viber's error statuses (https://developers.viber.com/docs/api/rest-bot-api/#error-codes). */
export const VIBER_STATUS: Record<number, string> = {
  1: 'invalidUrl', 2: 'invalidAuthToken', 3: 'badData', 4: 'missingData', 5: 'receiverNotRegistered', 6: 'receiverNotSubscribed',
  7: 'publicAccountBlocked', 8: 'publicAccountNotFound', 9: 'publicAccountSuspended', 10: 'webhookNotSet', 11: 'receiverNoSuitableDevice',
  12: 'tooManyRequests', 13: 'apiVersionNotSupported', 14: 'incompatibleWithVersion', 15: 'publicAccountNotAuthorized',
  16: 'inchatReplyMessageNotAllowed', 17: 'publicAccountIsNotInline', 18: 'noPublicChat', 19: 'cannotSendBroadcast',
  20: 'broadcastNotAllowed', 21: 'unsupportedCountry', 22: 'paymentUnsupported', 23: 'freeMessagesExceeded', 24: 'noBalance',
};

/** Viber answered, and not with status 0: it did not do what was asked. */
export class ViberApiError extends Error {
  constructor(readonly status: number, readonly statusMessage: string) {
    super(`Viber refused (${status} ${VIBER_STATUS[status] ?? 'generalError'}${statusMessage && statusMessage !== VIBER_STATUS[status] ? `: ${statusMessage}` : ''})`);
  }
}

/** Errors raised before a connection was made: the request certainly never reached Viber. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const TIMEOUT_MS = 30_000;

export const MESSAGE_TOKEN = /"message_token"\s*:\s*"?(\d{1,20})"?/;

export async function callViber(config: ViberConfig, method: string, body: Record<string, unknown>, fetchImpl: ViberFetch = fetch, timeoutMs = TIMEOUT_MS): Promise<ViberAnswer> {
  let res: Response;
  try {
    res = await fetchImpl(`${config.apiBaseUrl}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-viber-auth-token': config.authToken },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const code = (err as { cause?: { code?: string } })?.cause?.code;
    const error = new Error(redact(`cannot reach Viber at ${config.apiBaseUrl} (${code ?? (err as Error)?.message ?? err})`, config));
    // A refused connection sent nothing; a timeout or a reset after the request left may have.
    return Promise.reject(code && NOT_CONNECTED.has(code) ? notSent(error) : error);
  }
  const text = await res.text().catch(() => '');
  // An HTTP error is Viber (or a proxy before it) answering that it did not take the call.
  if (!res.ok) throw notSent(new Error(`Viber answered HTTP ${res.status} to ${method}`));
  let answer: ViberAnswer;
  try {
    answer = JSON.parse(text);
  } catch {
    throw notSent(new Error(`Viber answered ${method} with something that is not JSON`));
  }
  if (!answer || typeof answer !== 'object' || typeof answer.status !== 'number') throw notSent(new Error(`Viber answered ${method} without a status`));
  if (answer.status !== 0) throw new ViberApiError(answer.status, String(answer.status_message ?? ''));
  const token = MESSAGE_TOKEN.exec(text)?.[1];
  return token ? { ...answer, messageToken: token } : answer;
}

/**
 * A refused send as the delivery pipeline needs it: retried (rate limit, Viber's own trouble),
 * or permanent with what it says about the recipient (unsubscribed = opted out).
 */
export function deliveryError(err: unknown): Error {
  if (!(err instanceof ViberApiError)) return err instanceof Error ? err : new Error(String(err));
  switch (err.status) {
    case 6:
      return new PermanentDeliveryError('The customer is not subscribed to the Viber bot (unsubscribed or never wrote)', 'receiverNotSubscribed', { optedOut: true });
    case 5:
      return new PermanentDeliveryError('The customer is not on Viber any more', 'receiverNotRegistered', { unreachable: true });
    case 12:
      return notSent(err);
    case 1: case 2: case 3: case 4: case 7: case 8: case 9: case 10: case 11: case 13: case 14: case 15: case 21: case 23: case 24:
      return new PermanentDeliveryError(err.message, VIBER_STATUS[err.status]);
    default:
      // generalError and the like: Viber did not take it, a later attempt may pass.
      return notSent(err);
  }
}

function redact(text: string, config: ViberConfig): string {
  return text.split(config.authToken).join('[token]');
}
