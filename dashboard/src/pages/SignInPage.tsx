import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { tokenClaims } from '../session/Session.js';
import { useSession } from '../session/useSession.js';

interface Persona {
  id: string;
  label: string;
  role: string;
  country: string;
  agency: string;
  purpose: string;
  caseRef: string;
}

/**
 * Development: the demo personas, each a token from the gateway's development-only endpoint.
 * Production (no such endpoint): a bearer token from the federation's identity provider.
 */
export function SignInPage() {
  const session = useSession();
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    fetch('/dev/personas')
      .then(async (response) =>
        response.ok ? ((await response.json()) as { personas: Persona[] }).personas : [],
      )
      .catch(() => [])
      .then((list) => current && setPersonas(list));
    return () => {
      current = false;
    };
  }, []);
  const signInAs = async (persona: Persona) => {
    setError(null);
    const response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: persona.id }),
    });
    if (!response.ok) return setError(`The development sign-in answered ${response.status}`);
    const { token } = (await response.json()) as { token: string };
    session.update({
      token,
      role: persona.role,
      country: persona.country,
      agency: persona.agency,
      label: persona.label,
      purpose: persona.purpose,
      caseRef: persona.caseRef,
    });
    location.hash = '#/transparency';
  };
  const submitToken = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    const claims = tokenClaims(token);
    if (claims === null)
      return setError(
        'That is not a token with roles: paste the bearer token your identity provider issued.',
      );
    session.update({ token, ...claims, label: `${claims.role} (${claims.country ?? '?'})` });
    location.hash = '#/transparency';
  };
  return (
    <>
      <h1 tabIndex={-1}>Sign in</h1>
      {error ? (
        <p role="alert" className="alert">
          {error}
        </p>
      ) : null}
      {personas && personas.length > 0 ? (
        <section aria-labelledby="personas-heading">
          <h2 id="personas-heading">Demo personas (development only)</h2>
          <ul className="personas">
            {personas.map((persona) => (
              <li key={persona.id}>
                <button
                  type="button"
                  onClick={() => void signInAs(persona)}
                  data-persona={persona.id}
                >
                  {persona.label}
                </button>{' '}
                <span className="muted">
                  {persona.role}, {persona.agency} ({persona.country})
                </span>
              </li>
            ))}
            <li>
              <button
                type="button"
                onClick={() => {
                  session.signOut();
                  location.hash = '#/transparency';
                }}
                data-persona="public"
              >
                Public
              </button>{' '}
              <span className="muted">no sign-in: the published reports only</span>
            </li>
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="token-heading">
        <h2 id="token-heading">Bearer token</h2>
        <form onSubmit={submitToken}>
          <label htmlFor="token">Token from the federation's identity provider</label>
          <textarea id="token" name="token" rows={4} required />
          <button type="submit">Use this token</button>
        </form>
      </section>
    </>
  );
}
