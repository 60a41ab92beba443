import type { LoginResponse } from '@parley/contracts';

// The access token lives in memory only: a script injected into the page cannot find it in
// localStorage, and it lasts minutes. What survives a reload is the refresh token, in an HttpOnly
// cookie the page cannot read; /api/auth/refresh trades it for a new access token.
let token: string | null = null;
let refreshing: Promise<LoginResponse | null> | null = null;

type Listener = () => void;
const expiryListeners = new Set<Listener>();

/** The api could not answer (down, unreachable): the session may well be alive. */
export class RefreshUnavailable extends Error {}

/** POST /api/auth/refresh with the cookie; null when there is no live session. */
async function callRefresh(): Promise<LoginResponse | null> {
  let res: Response;
  try {
    res = await fetch('/api/auth/refresh', { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    throw new RefreshUnavailable('Network error');
  }
  if (res.status === 401) return null;
  if (!res.ok) throw new RefreshUnavailable(`HTTP ${res.status}`);
  return (await res.json()) as LoginResponse;
}

export const sessionStore = {
  getToken(): string | null {
    return token;
  },
  setToken(next: string): void {
    token = next;
  },
  clear(): void {
    token = null;
  },
  /**
   * A fresh access token from the refresh cookie. Concurrent callers (many requests meeting one
   * expired token, the socket reconnecting) share one refresh, since each refresh rotates the cookie.
   * Null: no live session. Rejects with RefreshUnavailable when the api could not say.
   */
  refresh(): Promise<LoginResponse | null> {
    refreshing ??= callRefresh().then(
      (signedIn) => {
        refreshing = null;
        token = signedIn?.accessToken ?? null;
        return signedIn;
      },
      (err) => {
        refreshing = null;
        throw err;
      },
    );
    return refreshing;
  },
  /** The session is over (refresh refused): forget the token and let listeners route to the login page. */
  expire(): void {
    token = null;
    expiryListeners.forEach((listener) => listener());
  },
  onExpire(listener: Listener): () => void {
    expiryListeners.add(listener);
    return () => expiryListeners.delete(listener);
  },
};
