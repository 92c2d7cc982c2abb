import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { federationConfig, subgraphUrlOverrides } from '../../core/federationConfig.js';
import {
  checkMemberKeysDocument,
  MEMBER_KEYS_PATH,
  MemberKeysError,
} from '../kit/keys/MemberKeys.js';
import type { MemberKeysDocument } from '../kit/keys/MemberKeys.js';

/** How long the directory keeps a member's keys document before fetching it again. */
export const MEMBER_KEYS_TTL_MS = 60_000;
/** How long the directory waits for a member's keys document. */
export const MEMBER_KEYS_TIMEOUT_MS = 3_000;
/** Largest keys document the directory reads, in bytes. */
const MAX_DOCUMENT_BYTES = 64 * 1024;

/**
 * Where member `code` publishes its keys: `COMITY_MEMBER_KEYS_URL_<CC>` when set (a member
 * that serves the document from its own web site), else `MEMBER_KEYS_PATH` on the member's
 * subgraph origin (`COMITY_SUBGRAPH_URL_<CC>`, else schema/subgraphs.json).
 */
export function memberKeysUrl(code: string, env: NodeJS.ProcessEnv = process.env): string {
  const cc = code.toLowerCase();
  const explicit = env[`COMITY_MEMBER_KEYS_URL_${cc.toUpperCase()}`];
  if (explicit) return explicit;
  const subgraphUrl =
    subgraphUrlOverrides(env)[cc] ??
    federationConfig().subgraphs.find((subgraph) => subgraph.name === cc)?.url;
  if (!subgraphUrl) throw new Error(`no subgraph URL for member ${cc.toUpperCase()}`);
  return new URL(MEMBER_KEYS_PATH, subgraphUrl).href;
}

export interface MemberKeysSourceOptions {
  urlOf: (code: string) => string;
  ttlMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/** The keys document of a member, fetched and checked, or the error a partner is shown. */
export type MemberKeysSource = (code: string) => Promise<MemberKeysDocument>;

/**
 * Fetches each member's keys document from the member itself and checks it before relaying
 * it (its member, its key types, no private material); a good document is kept `ttlMs`. A
 * failure is a NOT_FOUND error with a stable reason (KEYS_NOT_PUBLISHED, KEYS_UNREACHABLE,
 * KEYS_INVALID, WRONG_MEMBER, PRIVATE_KEY_PUBLISHED) and no URL: where a member lives is the
 * hub's business. Failures are not cached, so a member that starts publishing is seen at once.
 */
export function createMemberKeysSource(options: MemberKeysSourceOptions): MemberKeysSource {
  const ttlMs = options.ttlMs ?? MEMBER_KEYS_TTL_MS;
  const timeoutMs = options.timeoutMs ?? MEMBER_KEYS_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { document: MemberKeysDocument; until: number }>();
  const inFlight = new Map<string, Promise<MemberKeysDocument>>();
  const fetchDocument = async (code: string): Promise<MemberKeysDocument> => {
    let response: Response;
    try {
      response = await fetch(options.urlOf(code), {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new MemberKeysError('KEYS_UNREACHABLE', `${code} did not answer for its keys`);
    }
    if (response.status === 404) {
      throw new MemberKeysError('KEYS_NOT_PUBLISHED', `${code} publishes no keys`);
    }
    if (!response.ok) {
      throw new MemberKeysError(
        'KEYS_UNREACHABLE',
        `${code} answered HTTP ${response.status} for its keys`,
      );
    }
    const text = await response.text();
    if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) {
      throw new MemberKeysError('KEYS_INVALID', `${code}'s keys document is too large`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new MemberKeysError('KEYS_INVALID', `${code}'s keys document is not JSON`);
    }
    return checkMemberKeysDocument(value, code);
  };
  return async (code) => {
    const cc = code.toUpperCase();
    const cached = cache.get(cc);
    if (cached && cached.until > now()) return cached.document;
    let pending = inFlight.get(cc);
    if (!pending) {
      pending = fetchDocument(cc).finally(() => inFlight.delete(cc));
      inFlight.set(cc, pending);
    }
    try {
      const document = await pending;
      cache.set(cc, { document, until: now() + ttlMs });
      return document;
    } catch (error) {
      if (!(error instanceof MemberKeysError)) throw error;
      throw new GraphQLError(`${error.message} (${error.reason})`, {
        extensions: { code: ErrorCode.NOT_FOUND, reason: error.reason, jurisdiction: cc },
      });
    }
  };
}
