import { useEffect, useRef, useState } from 'react';
import { PAGES, navigationFor } from './navigation.js';
import type { PageId } from './navigation.js';
import { AuditorDeskPage } from './pages/AuditorDeskPage.js';
import { JudgeDeskPage } from './pages/JudgeDeskPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { RecoveriesPage } from './pages/RecoveriesPage.js';
import { RequestBoardPage } from './pages/RequestBoardPage.js';
import { RequestPage } from './pages/RequestPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { TransparencyPage } from './pages/TransparencyPage.js';
import { PURPOSES } from './session/Session.js';
import { useSession } from './session/useSession.js';

interface Route {
  page: PageId;
  params: string[];
}

/** `#/requests/de/req-de-000047` → requests, [de, req-de-000047]. */
function routeOf(hash: string): Route {
  const [page = '', ...params] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { page: page in PAGES ? (page as PageId) : 'transparency', params };
}

/** The current route, and how many times it changed since the page loaded. */
function useRoute(): Route & { changes: number } {
  const [route, setRoute] = useState(() => ({ ...routeOf(location.hash), changes: 0 }));
  useEffect(() => {
    const onChange = () =>
      setRoute((previous) => ({ ...routeOf(location.hash), changes: previous.changes + 1 }));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'transparency':
      return <TransparencyPage />;
    case 'recoveries':
      return <RecoveriesPage />;
    case 'requests':
      return route.params.length === 2 ? (
        <RequestPage member={route.params[0]!} id={route.params[1]!} />
      ) : (
        <RequestBoardPage />
      );
    case 'lookup':
      return <LookupPage />;
    case 'audit':
      return <AuditorDeskPage />;
    case 'judge':
      return <JudgeDeskPage />;
    case 'sign-in':
      return <SignInPage />;
  }
}

/** The shell: skip link, who is asking and why, the navigation the role gets, the page. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // A new page moves focus to its heading, so keyboard and screen-reader users start there;
  // the first page leaves focus at the top, where the skip link is.
  useEffect(() => {
    if (route.changes > 0) main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.changes]);
  useEffect(() => {
    document.title = `${PAGES[route.page]} · Comity`;
  }, [route.page]);
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.querySelector<HTMLElement>('h1')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="banner">
        <p className="brand">Comity</p>
        <div className="who" aria-label="Signed in as">
          {session.token ? (
            <>
              <span>
                {session.label} · {session.role}
                {session.country ? ` · ${session.country}` : ''}
              </span>
              <label>
                Purpose
                <select
                  value={session.purpose}
                  onChange={(event) => session.update({ purpose: event.target.value })}
                >
                  {PURPOSES.map((purpose) => (
                    <option key={purpose} value={purpose}>
                      {purpose}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Case
                <input
                  value={session.caseRef}
                  onChange={(event) => session.update({ caseRef: event.target.value })}
                  size={18}
                />
              </label>
              <button
                type="button"
                onClick={() => {
                  session.signOut();
                  location.hash = '#/transparency';
                }}
              >
                Sign out
              </button>
            </>
          ) : (
            <span>Public visitor</span>
          )}
        </div>
        <nav aria-label="Pages">
          <ul>
            {navigationFor(session.role).map((page) => (
              <li key={page}>
                <a href={`#/${page}`} aria-current={route.page === page ? 'page' : undefined}>
                  {PAGES[page]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main}>
        <Page route={route} />
      </main>
    </>
  );
}
