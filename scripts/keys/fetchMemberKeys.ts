import type { JWK } from 'jose';
import {
  checkMemberKeysDocument,
  MEMBER_KEYS_FORMAT,
  MemberKeysError,
} from '../../subgraphs/kit/keys/MemberKeys.js';
import type { MemberKeysDocument } from '../../subgraphs/kit/keys/MemberKeys.js';
import { MEMBER_KEYS_QUERY } from './memberKeysQuery.js';

/** Why the gateway could not be asked; the member-level reasons are MemberKeysError's. */
export class KeysFetchError extends Error {
  override name = 'KeysFetchError';
  constructor(
    readonly reason: 'GATEWAY_UNREACHABLE' | 'GATEWAY_REFUSED' | 'NOT_A_MEMBER',
    message: string,
  ) {
    super(message);
  }
}

/** The reasons the directory gives for a member without usable keys (subgraphs/directory/memberKeys.ts). */
const DIRECTORY_REASONS: ReadonlySet<MemberKeysError['reason']> = new Set([
  'KEYS_NOT_PUBLISHED',
  'KEYS_UNREACHABLE',
  'KEYS_INVALID',
  'WRONG_MEMBER',
  'PRIVATE_KEY_PUBLISHED',
] as const);

/** `http://host:4000` or its `/graphql`: the gateway's GraphQL endpoint. */
export function gatewayGraphqlUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new KeysFetchError('GATEWAY_UNREACHABLE', `${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KeysFetchError('GATEWAY_UNREACHABLE', `${value} is not an http(s) URL`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql';
  return url.href;
}

/** A JWK as GraphQL returns it (absent members null) as a JWK (absent members absent). */
function withoutNulls(jwk: Record<string, unknown> | null | undefined): JWK {
  return Object.fromEntries(Object.entries(jwk ?? {}).filter(([, value]) => value !== null)) as JWK;
}

interface GraphqlKey {
  kid: string;
  alg: string;
  validFrom: string | null;
  jwk: Record<string, unknown>;
}

/**
 * Every member's published keys, fetched through the gateway as the public (no token) with
 * the public `MemberKeys` operation, each checked again here: the relay is not trusted to have
 * dropped private material or mixed members up. A member whose keys the directory could not
 * give maps to the MemberKeysError saying why.
 */
export async function fetchAllMemberKeys(
  gateway: string,
): Promise<Map<string, MemberKeysDocument | MemberKeysError>> {
  const url = gatewayGraphqlUrl(gateway);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: MEMBER_KEYS_QUERY, operationName: 'MemberKeys' }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new KeysFetchError(
      'GATEWAY_UNREACHABLE',
      `${url} did not answer (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name})`,
    );
  }
  let body: {
    data?: { members?: { code: string; keys: Record<string, any> | null }[] } | null;
    errors?: { path?: (string | number)[]; message?: string; extensions?: { reason?: string } }[];
  };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new KeysFetchError(
      'GATEWAY_REFUSED',
      `${url} answered HTTP ${response.status}, not JSON`,
    );
  }
  const members = body.data?.members;
  if (!Array.isArray(members)) {
    const first = body.errors?.[0];
    throw new KeysFetchError(
      'GATEWAY_REFUSED',
      `${url} gave no member list (HTTP ${response.status}${first?.extensions?.reason ? `, ${first.extensions.reason}` : ''})`,
    );
  }
  const result = new Map<string, MemberKeysDocument | MemberKeysError>();
  members.forEach((member, index) => {
    const code = member.code.toUpperCase();
    if (member.keys === null) {
      const error = body.errors?.find(
        (candidate) => candidate.path?.[1] === index && candidate.path?.[2] === 'keys',
      );
      const reason = error?.extensions?.reason;
      result.set(
        code,
        new MemberKeysError(
          DIRECTORY_REASONS.has(reason as MemberKeysError['reason'])
            ? (reason as MemberKeysError['reason'])
            : 'KEYS_UNREACHABLE',
          `the directory has no usable keys of ${code} (${reason ?? 'no reason given'})`,
        ),
      );
      return;
    }
    const published = (key: GraphqlKey) => ({ ...key, jwk: withoutNulls(key.jwk) });
    try {
      result.set(
        code,
        checkMemberKeysDocument(
          {
            format: MEMBER_KEYS_FORMAT,
            member: code,
            auditCheckpoint: published(member.keys.auditCheckpoint),
            contextTrust: { keys: (member.keys.contextTrust?.keys ?? []).map(withoutNulls) },
            secretExchange: published(member.keys.secretExchange),
          },
          code,
        ),
      );
    } catch (error) {
      if (!(error instanceof MemberKeysError)) throw error;
      result.set(code, error);
    }
  });
  return result;
}

/** Member `code`'s published keys through the gateway; throws why when there are none. */
export async function fetchMemberKeys(gateway: string, code: string): Promise<MemberKeysDocument> {
  const all = await fetchAllMemberKeys(gateway);
  const keys = all.get(code.toUpperCase());
  if (keys === undefined) {
    throw new KeysFetchError(
      'NOT_A_MEMBER',
      `${code.toUpperCase()} is not a member of the federation at ${gatewayGraphqlUrl(gateway)}`,
    );
  }
  if (keys instanceof MemberKeysError) throw keys;
  return keys;
}
