import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { sessionStore } from '../../api/session-store';

type AuthStatus = 'checking' | 'signedOut' | 'signedIn';

interface AuthContextValue {
  status: AuthStatus;
  user: UserDto | null;
  token: string | null;
  /** Set when the api rejected a stored token, so the login page can say why. */
  expired: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStore.getToken());
  const [user, setUser] = useState<UserDto | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (sessionStore.getToken() ? 'checking' : 'signedOut'));
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      sessionStore.onExpire(() => {
        setToken(null);
        setUser(null);
        setStatus('signedOut');
        setExpired(true);
      }),
    [],
  );

  useEffect(() => {
    if (status !== 'checking' || !token) return;
    let cancelled = false;
    parleyApi
      .me()
      .then((me) => {
        if (cancelled) return;
        setUser(me);
        setStatus('signedIn');
      })
      .catch(() => {
        // A 401 already went through onExpire; anything else (api down) also needs a fresh login.
        if (!cancelled) setStatus('signedOut');
      });
    return () => {
      cancelled = true;
    };
  }, [status, token]);

  const login = useCallback(async (email: string, password: string) => {
    const response = await parleyApi.login(email, password);
    sessionStore.setToken(response.accessToken);
    setToken(response.accessToken);
    setUser(response.user);
    setExpired(false);
    setStatus('signedIn');
  }, []);

  const logout = useCallback(() => {
    sessionStore.clear();
    setToken(null);
    setUser(null);
    setExpired(false);
    setStatus('signedOut');
  }, []);

  const value = useMemo(
    () => ({ status, user, token, expired, login, logout }),
    [status, user, token, expired, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

/** For components rendered only behind the sign-in gate. */
export function useCurrentUser(): UserDto {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser while signed out');
  return user;
}
