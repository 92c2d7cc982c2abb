import { createContext, useContext } from 'react';
import type { Session } from './Session.js';
import { PUBLIC_SESSION } from './Session.js';

export interface SessionControl extends Session {
  update: (change: Partial<Session>) => void;
  signOut: () => void;
}

export const SessionContext = createContext<SessionControl>({
  ...PUBLIC_SESSION,
  update: () => {},
  signOut: () => {},
});

/** The signed-in caller and what it states. */
export function useSession(): SessionControl {
  return useContext(SessionContext);
}
