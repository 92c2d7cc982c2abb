import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Session } from './Session.js';
import { PUBLIC_SESSION } from './Session.js';
import { SessionContext } from './useSession.js';

const STORAGE_KEY = 'comity.session';

function stored(): Session {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    return text ? { ...PUBLIC_SESSION, ...(JSON.parse(text) as Partial<Session>) } : PUBLIC_SESSION;
  } catch {
    return PUBLIC_SESSION;
  }
}

/** Keeps the session for the tab's life (sessionStorage), never beyond it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>(stored);
  const update = useCallback((change: Partial<Session>) => {
    setSession((previous) => {
      const next = { ...previous, ...change };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(PUBLIC_SESSION);
  }, []);
  const value = useMemo(() => ({ ...session, update, signOut }), [session, update, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
