import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import { CONTEXT_HEADER, subgraphAudience } from '../../core/auth/createContextVerifier.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';
import { contextTokenSigner } from '../../gateway/auth/createContextSigner.js';

export interface ProbeResponse {
  status: number;
  /** The parsed body; null when it was not JSON. */
  body: { data?: any; errors?: any[] } | null;
  /** The body as received, for the leak scan. */
  text: string;
  requestId: string | null;
}

export interface Asking {
  roles: Role[];
  purpose: Purpose | null;
  caseRef?: string | null;
  /** Default: the candidate's own country (oversight is national). */
  country?: string;
}

/**
 * Talks to the candidate as the hub's gateway would: each call signed with the hub's context
 * key, for the candidate's audience, with a request id of the run's own so that its audit
 * events can be found again.
 */
export class ProbeClient {
  readonly runId = `conformance-${randomUUID()}`;
  /** Every response received, for the leak scan. */
  readonly responses: Array<{ label: string; response: ProbeResponse }> = [];
  private counter = 0;
  private readonly sign: (claims: ContextClaims, audience: string) => string;

  constructor(
    readonly url: string,
    readonly code: string,
    signingKey: JWK,
    private readonly signerFor: (options: { jwk?: JWK; now?: () => number }) => (
      claims: ContextClaims,
      audience: string,
    ) => string = (options) =>
      contextTokenSigner({
        privateJwk: options.jwk ?? signingKey,
        kid: signingKey.kid!,
        now: options.now,
      }),
  ) {
    this.sign = this.signerFor({});
  }

  claims(asking: Asking): ContextClaims {
    return {
      sub: 'conformance@comity.local',
      roles: asking.roles,
      country: asking.country ?? this.code.toUpperCase(),
      agency: 'Comity conformance',
      purpose: asking.purpose,
      caseRef: asking.caseRef ?? null,
      requestId: `${this.runId}-${++this.counter}`,
      operationHash: 'conformance',
    };
  }

  /** A valid token for the candidate, or one spoiled in one named way. */
  token(
    asking: Asking,
    spoil?: { jwk?: JWK; now?: () => number; audience?: string },
  ): { token: string; requestId: string } {
    const claims = this.claims(asking);
    const sign = spoil?.jwk || spoil?.now ? this.signerFor(spoil) : this.sign;
    return {
      token: sign(claims, spoil?.audience ?? subgraphAudience(this.code)),
      requestId: claims.requestId,
    };
  }

  async post(
    label: string,
    operation: { query: string; variables?: Record<string, unknown> } | string,
    token: { token: string; requestId: string } | null,
  ): Promise<ProbeResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) {
      headers[CONTEXT_HEADER] = token.token;
      headers['x-request-id'] = token.requestId;
    }
    let response: ProbeResponse;
    try {
      const reply = await fetch(this.url, {
        method: 'POST',
        headers,
        body: typeof operation === 'string' ? operation : JSON.stringify(operation),
      });
      const text = await reply.text();
      let body: ProbeResponse['body'] = null;
      try {
        body = JSON.parse(text) as ProbeResponse['body'];
      } catch {
        body = null;
      }
      response = { status: reply.status, body, text, requestId: token?.requestId ?? null };
    } catch (error) {
      throw new Error(`the candidate at ${this.url} did not answer (${(error as Error).message})`);
    }
    this.responses.push({ label, response });
    return response;
  }
}
