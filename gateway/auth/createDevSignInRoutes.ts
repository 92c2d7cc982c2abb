import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevKeys } from '../../core/auth/devKeys.js';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { sendJson } from '../../core/http/createHttpHandler.js';
import { DEV_PERSONAS } from './devPersonas.js';
import { mintDevToken } from './mintDevToken.js';

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Lifetime of a token the sign-in page gets: a working day of demo. */
export const DEV_SIGN_IN_TOKEN_TTL = '8h';
const MAX_SIGN_IN_BODY_BYTES = 1_024;

/**
 * The development sign-in of the dashboard: `GET /dev/personas` lists the demo personas,
 * `POST /dev/token {"persona": id}` mints that persona's token with the development identity
 * provider's key. No routes at all (so a 404, like any unknown path) in production or when
 * caller tokens come from a real identity provider: `devKeys` is then null.
 */
export function createDevSignInRoutes(
  devKeys: DevKeys | null,
  production: boolean,
): Record<string, Route> {
  if (production || devKeys === null) return {};
  return {
    '/dev/personas': async (request, response) => {
      if (request.method !== 'GET') return refuseMethod(response, 'GET');
      sendJson(response, 200, {
        personas: DEV_PERSONAS.map(({ id, label, role, country, agency, purpose, caseRef }) => ({
          id,
          label,
          role,
          country,
          agency,
          purpose,
          caseRef,
        })),
      });
    },
    '/dev/token': async (request, response) => {
      if (request.method !== 'POST') return refuseMethod(response, 'POST');
      // A JSON body only: a cross-site form post cannot send one without a CORS preflight.
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        request.resume();
        return sendJson(response, 415, {
          errors: [
            {
              message: 'Send {"persona": "<id>"} as application/json',
              extensions: { code: ErrorCode.BAD_USER_INPUT },
            },
          ],
        });
      }
      const id = personaOf(await readSmallBody(request));
      const persona = DEV_PERSONAS.find((candidate) => candidate.id === id);
      if (persona === undefined) {
        return sendJson(response, 400, {
          errors: [
            {
              message: `Unknown persona; personas: ${DEV_PERSONAS.map((known) => known.id).join(', ')}`,
              extensions: { code: ErrorCode.BAD_USER_INPUT },
            },
          ],
        });
      }
      const token = await mintDevToken(devKeys, {
        subject: `${persona.id}@demo`,
        roles: [persona.role],
        country: persona.country,
        agency: persona.agency,
        ttl: DEV_SIGN_IN_TOKEN_TTL,
      });
      sendJson(response, 200, { token, persona });
    },
  };
}

function refuseMethod(response: ServerResponse, allowed: string): void {
  response.setHeader('allow', allowed);
  sendJson(response, 405, {
    errors: [{ message: `Use ${allowed}`, extensions: { code: ErrorCode.BAD_REQUEST } }],
  });
}

function personaOf(body: string | null): string | null {
  if (body === null) return null;
  try {
    const persona = (JSON.parse(body) as { persona?: unknown } | null)?.persona;
    return typeof persona === 'string' ? persona : null;
  } catch {
    return null;
  }
}

/** The body, or null past MAX_SIGN_IN_BODY_BYTES (the rest is drained). */
function readSmallBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_SIGN_IN_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_SIGN_IN_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}
