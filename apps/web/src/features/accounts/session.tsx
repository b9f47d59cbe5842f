import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PlatformRole, SessionUser } from '../../api/types';
import { fetchCurrentUser, signOut as apiSignOut } from './api';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

export interface Session {
  status: SessionStatus;
  user: SessionUser | null;
  error: unknown;
  /** Re-reads `/auth/me`. */
  refresh: () => Promise<void>;
  /** Stores the user returned by sign-in / sign-up. */
  setUser: (user: SessionUser | null) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [error, setError] = useState<unknown>(undefined);

  const setUser = useCallback((next: SessionUser | null) => {
    setUserState(next);
    setError(undefined);
    setStatus(next ? 'authenticated' : 'anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      setUser(await fetchCurrentUser());
    } catch (err) {
      setUserState(null);
      setError(err);
      setStatus('error');
    }
  }, [setUser]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setUser(null);
    }
  }, [setUser]);

  const value = useMemo<Session>(
    () => ({ status, user, error, refresh, setUser, signOut }),
    [status, user, error, refresh, setUser, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

export function hasRole(user: SessionUser | null, ...roles: PlatformRole[]): boolean {
  return !!user && roles.includes(user.role);
}
