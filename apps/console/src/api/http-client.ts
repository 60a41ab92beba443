import { RefreshUnavailable, sessionStore } from './session-store';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Same-origin url with the empty parts of the query left out. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Nest validation errors carry `message` as an array of strings. */
export function errorMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (Array.isArray(message)) return message.map(String).join('; ');
    if (typeof message === 'string' && message) return message;
  }
  return fallback;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** TanStack Query's signal: a read nobody waits for any more (a query typed over) is cancelled. */
  signal?: AbortSignal;
}

/** Sign-in's own routes answer 401 for a wrong password or a dead session: never refresh-and-retry them. */
const isAuthRoute = (path: string): boolean => path.startsWith('/api/auth/') && path !== '/api/auth/me';

/** The console's UI language (i18n keeps it on <html lang>), so the server answers errors in it. */
export function uiLanguage(): string {
  return (typeof document !== 'undefined' && document.documentElement.lang) || 'en';
}

async function send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': uiLanguage() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new HttpError(0, 'Network error');
  }
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const token = sessionStore.getToken();
  let response = await send(method, path, options, token);
  // Access tokens last minutes: on a 401, trade the refresh cookie for a new one and retry once.
  if (response.status === 401 && !isAuthRoute(path)) {
    const renewed = await sessionStore.refresh().catch((err) => {
      throw err instanceof RefreshUnavailable ? new HttpError(0, 'Network error') : err;
    });
    if (renewed) response = await send(method, path, options, renewed.accessToken);
    else if (token) sessionStore.expire();
  }

  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (response.status === 401 && !isAuthRoute(path) && sessionStore.getToken()) sessionStore.expire();
  if (!response.ok) throw new HttpError(response.status, errorMessage(body, response.statusText || `HTTP ${response.status}`));
  return body as T;
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
