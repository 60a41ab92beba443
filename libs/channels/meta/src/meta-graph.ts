import { notSent, PermanentDeliveryError } from '@parley/channels-core';
import type { MetaConfig } from './meta-config';

/** Meta's error object (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly code: number | null,
    readonly subcode: number | null,
    readonly fbtraceId: string | null,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 20_000;

/**
 * One Graph API call with the platform fetch: the Page access token as a bearer token (never in the
 * URL, so no log line carries it), JSON in and out, Meta's `{error:{…}}` as a GraphError. A call that
 * got no answer (timeout, dropped connection) throws the fetch error: whether it took effect is unknown.
 */
export async function graph<T>(config: MetaConfig, method: 'GET' | 'POST', path: string, options: { body?: unknown; query?: Record<string, string>; token?: string } = {}): Promise<T> {
  const url = new URL(`${config.apiBaseUrl}/${config.apiVersion}/${path.replace(/^\/+/, '')}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? config.pageAccessToken}`,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok && parsed && !parsed.error) return parsed as T;
  const e = parsed?.error ?? {};
  throw new GraphError(
    typeof e.message === 'string' ? e.message : `HTTP ${res.status}`,
    res.status,
    typeof e.code === 'number' ? e.code : null,
    typeof e.error_subcode === 'number' ? e.error_subcode : null,
    typeof e.fbtrace_id === 'string' ? e.fbtrace_id : null,
  );
}

/** Codes after which Meta certainly did not take the message and a later try may succeed: rate limits, temporary trouble. */
const RETRY_LATER = new Set([1, 2, 4, 17, 32, 341, 613]);

/**
 * A Send API failure as the delivery pipeline needs it: a refusal that retrying cannot change is a
 * PermanentDeliveryError in plain words (outside the window, the person unreachable, a bad token);
 * a rate limit or Meta's own trouble is marked `notSent` (answered, nothing sent); anything without
 * an answer (a timeout) is passed on as it is, so the next attempt first looks for the message.
 */
export function sendError(err: unknown, channelName: string): Error {
  if (!(err instanceof GraphError)) return err instanceof Error ? err : new Error(String(err));
  const detail = `${err.code ?? err.httpStatus}${err.subcode ? `/${err.subcode}` : ''}: ${err.message}`;
  if (err.code === 10 && err.subcode === 2018278) {
    return new PermanentDeliveryError(`Outside the 24-hour messaging window on ${channelName}: Meta refused the message (${detail})`, 'outside_window');
  }
  if (err.code === 551 || err.subcode === 1545041 || (err.code === 100 && err.subcode === 2018001) || err.subcode === 2534014) {
    return new PermanentDeliveryError(`The person cannot be reached on ${channelName} (${detail})`, 'unreachable', { unreachable: true });
  }
  if (err.code === 190 || err.code === 200 || err.code === 10) {
    return new PermanentDeliveryError(`Meta refused the Page access token or its permissions (${detail})`, 'unauthorized');
  }
  if ((err.code !== null && RETRY_LATER.has(err.code)) || err.httpStatus === 429) return notSent(new Error(`Meta asked to retry later (${detail})`));
  // A 5xx without one of Meta's codes: whether the message went out is unknown.
  if (err.httpStatus >= 500) return new Error(`Meta answered HTTP ${err.httpStatus} (${detail})`);
  return new PermanentDeliveryError(`Meta refused the message (${detail})`, err.code !== null ? String(err.code) : undefined);
}
