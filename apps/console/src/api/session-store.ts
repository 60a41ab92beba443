// The access token lives in localStorage so a reload keeps the agent signed in; any 401 from the
// api drops it and tells the app to show the login page again.
const TOKEN_KEY = 'parley.accessToken';

type Listener = () => void;
const expiryListeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const sessionStore = {
  getToken(): string | null {
    return storage()?.getItem(TOKEN_KEY) ?? null;
  },
  setToken(token: string): void {
    storage()?.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    storage()?.removeItem(TOKEN_KEY);
  },
  /** The api rejected the token: forget it and let listeners route to the login page. */
  expire(): void {
    storage()?.removeItem(TOKEN_KEY);
    expiryListeners.forEach((listener) => listener());
  },
  onExpire(listener: Listener): () => void {
    expiryListeners.add(listener);
    return () => expiryListeners.delete(listener);
  },
};
