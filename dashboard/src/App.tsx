import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { PAGES, navigationFor } from './navigation.js';
import type { PageId } from './navigation.js';
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

// One chunk per page, loaded when its route is first shown: a visitor of the public report
// does not download the desks, and the chart library comes with the pages that draw charts.
const AuditorDeskPage = lazy(() =>
  import('./pages/AuditorDeskPage.js').then((module) => ({ default: module.AuditorDeskPage })),
);
const JudgeDeskPage = lazy(() =>
  import('./pages/JudgeDeskPage.js').then((module) => ({ default: module.JudgeDeskPage })),
);
const LookupPage = lazy(() =>
  import('./pages/LookupPage.js').then((module) => ({ default: module.LookupPage })),
);
const RecoveriesPage = lazy(() =>
  import('./pages/RecoveriesPage.js').then((module) => ({ default: module.RecoveriesPage })),
);
const RequestBoardPage = lazy(() =>
  import('./pages/RequestBoardPage.js').then((module) => ({ default: module.RequestBoardPage })),
);
const RequestPage = lazy(() =>
  import('./pages/RequestPage.js').then((module) => ({ default: module.RequestPage })),
);
const SignInPage = lazy(() =>
  import('./pages/SignInPage.js').then((module) => ({ default: module.SignInPage })),
);
const TransparencyPage = lazy(() =>
  import('./pages/TransparencyPage.js').then((module) => ({ default: module.TransparencyPage })),
);

/**
 * Moves focus to the page's heading once the page is on screen (after its chunk arrived), so
 * keyboard and screen-reader users start there; the first page leaves focus at the top, where
 * the skip link is. Keyed by the route change, so it runs once per navigation.
 */
function FocusHeading({ main, changes }: { main: RefObject<HTMLElement | null>; changes: number }) {
  useEffect(() => {
    if (changes > 0) main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [main, changes]);
  return null;
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
        <Suspense
          fallback={
            <p role="status" className="status">
              Loading the page…
            </p>
          }
        >
          <Page route={route} />
          <FocusHeading key={route.changes} main={main} changes={route.changes} />
        </Suspense>
      </main>
    </>
  );
}
