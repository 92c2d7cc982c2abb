import type { IncomingMessage } from 'node:http';
import type { CallerIdentity } from './createCallerVerifier.js';

/** The agency every anonymous caller is counted under (and rate-limited as, together). */
export const ANONYMOUS_AGENCY = 'public';
/**
 * ISO 3166-1 reserves XA–XZ for users; XX says "no country". The context token needs a
 * country, and the public report is released to callers of any country.
 */
export const ANONYMOUS_COUNTRY = 'XX';

/**
 * A caller that sent no Authorization header: the public, role PUBLIC. It may run the public
 * persisted operations only (trustedDocumentsPlugin); its subject carries the remote address
 * so that one visitor's rate limit is not everyone's.
 */
export function anonymousCaller(request: IncomingMessage): CallerIdentity {
  return {
    subject: `anonymous:${request.socket.remoteAddress ?? 'unknown'}`,
    roles: ['PUBLIC'],
    homeCountry: ANONYMOUS_COUNTRY,
    agency: ANONYMOUS_AGENCY,
    tokenId: null,
    expiresAt: 0,
    anonymous: true,
  };
}
