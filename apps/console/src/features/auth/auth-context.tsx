import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { sessionStore } from '../../api/session-store';

type AuthStatus = 'checking' | 'signedOut' | 'signedIn';

interface AuthContextValue {
  status: AuthStatus;
  user: UserDto | null;
  /** Set when the api ended the session (expired, revoked, disabled), so the login page can say why. */
  expired: boolean;
  login(email: string, password: string): Promise<void>;
  /** Ends this sign-in on the server, then here. */
  logout(): Promise<void>;
  /** Ends every sign-in of this user, on every device. */
  logoutEverywhere(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserDto | null>(null);
  // A reload keeps no token: the refresh cookie, if any, tells whether a session is still live.
  const [status, setStatus] = useState<AuthStatus>('checking');
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      sessionStore.onExpire(() => {
        setUser(null);
        setStatus('signedOut');
        setExpired(true);
      }),
    [],
  );

  useEffect(() => {
    if (status !== 'checking') return;
    let cancelled = false;
    sessionStore.refresh().then(
      (signedIn) => {
        if (cancelled) return;
        setUser(signedIn?.user ?? null);
        setStatus(signedIn ? 'signedIn' : 'signedOut');
      },
      // The api is unreachable: the login page, whose sign-in will say so.
      () => !cancelled && setStatus('signedOut'),
    );
    return () => {
      cancelled = true;
    };
  }, [status]);

  const login = useCallback(async (email: string, password: string) => {
    const response = await parleyApi.login(email, password);
    sessionStore.setToken(response.accessToken);
    setUser(response.user);
    setExpired(false);
    setStatus('signedIn');
  }, []);

  const signedOut = useCallback(() => {
    sessionStore.clear();
    setUser(null);
    setExpired(false);
    setStatus('signedOut');
  }, []);

  const logout = useCallback(async () => {
    // Signed out here even when the api cannot be reached; the session then lapses on its own.
    await parleyApi.logout().catch(() => undefined);
    signedOut();
  }, [signedOut]);

  const logoutEverywhere = useCallback(async () => {
    await parleyApi.revokeSessions();
    signedOut();
  }, [signedOut]);

  const value = useMemo(
    () => ({ status, user, expired, login, logout, logoutEverywhere }),
    [status, user, expired, login, logout, logoutEverywhere],
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
