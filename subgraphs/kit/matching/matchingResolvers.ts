import canonicalize from 'canonicalize';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import {
  DEFAULT_MAX_SCREENED_PARTIES,
  scoreBand,
} from '../../../core/matching/matchingDefaults.js';
import {
  parseLimit,
  parseMatchQuery,
  parseThreshold,
} from '../../../core/matching/parseMatchQuery.js';
import type { PartyMatchQueryInput } from '../../../core/matching/parseMatchQuery.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import { pseudonym } from '../../../core/policy/pseudonym.js';
import { REQUEST_TYPES } from '../../../core/policy/RequestPolicy.js';
import { requestTypePolicyFor } from '../../../core/policy/requestTypePolicyFor.js';
import type { SubgraphContext } from '../SubgraphContext.js';
import type { PartyIndexHandle } from './openPartyIndex.js';
import type { PartyMatch } from './PartyIndex.js';

export interface MatchingResolverOptions {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  policy: JurisdictionPolicy;
  index: PartyIndexHandle;
  /** The member's audit key: queries are logged as keyed hashes, never in clear. */
  auditKey: Uint8Array;
}

interface MatchArgs {
  query: PartyMatchQueryInput;
  threshold?: number | null;
  limit?: number | null;
}

/** What a `PartyMatchCandidate` resolves from. */
interface CandidateSource extends PartyMatch {
  jurisdiction: string;
}

/** Queries matched per request, per context: the member's batch limit counts them. */
const queriesMatched = new WeakMap<SubgraphContext, string[]>();

/**
 * The member's side of matching (docs/matching.md): `Jurisdiction.match`, its field on the
 * directory's `PartyMatchSearch`, and the candidate's fields. Policy directives decide what
 * leaves; these resolvers match, and record the query in the audit event as a keyed hash.
 */
export function matchingResolvers(options: MatchingResolverOptions) {
  const field = options.code.toLowerCase();
  const maxQueries = options.policy.matching?.maxScreenedParties ?? DEFAULT_MAX_SCREENED_PARTIES;

  const match = async (args: MatchArgs, context: SubgraphContext) => {
    const query = parseMatchQuery(args.query);
    const threshold = parseThreshold(args.threshold);
    const limit = parseLimit(args.limit);
    const hashes = queriesMatched.get(context) ?? [];
    if (hashes.length >= maxQueries) {
      throw new GraphQLError(`${options.code} screens at most ${maxQueries} queries per request`, {
        extensions: {
          code: ErrorCode.BAD_USER_INPUT,
          reason: 'BATCH_TOO_LARGE',
          jurisdiction: options.code,
        },
      });
    }
    // The query is personal data: the event holds a hash keyed by the member, which its
    // auditors can recompute for a query they are shown, and nobody can reverse.
    hashes.push(pseudonym(canonicalize(args.query)!, options.auditKey));
    queriesMatched.set(context, hashes);
    context.audit.detail.matchQueries = hashes.length;
    context.audit.detail.matchQueryHashes = hashes.join(',');
    const matches = (await options.index.current()).match(query, threshold, limit);
    context.releases.touch(
      matches.map((found) => `${found.entry.registry}:${found.entry.recordId}`),
    );
    return {
      jurisdiction: options.code,
      hit: matches.length > 0,
      candidates: matches.map((found): CandidateSource => ({
        ...found,
        jurisdiction: options.code,
      })),
    };
  };

  return {
    Jurisdiction: {
      match: (_: unknown, args: MatchArgs, context: SubgraphContext) => match(args, context),
    },
    PartyMatchSearch: {
      __resolveReference: (search: { key: string }) => search,
      [field]: (search: { key: string }, _: unknown, context: SubgraphContext) => {
        let key: MatchArgs;
        try {
          key = JSON.parse(search.key) as MatchArgs;
        } catch {
          throw new GraphQLError('Invalid match search key', {
            extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'BAD_FORMAT' },
          });
        }
        return match(key, context);
      },
    },
    PartyMatchCandidate: {
      scoreBand: (source: CandidateSource) => scoreBand(source.score),
      registry: (source: CandidateSource) => source.entry.registry,
      recordId: (source: CandidateSource) => source.entry.recordId,
      // The value the member's pseudonym is computed from (policy: PSEUDONYM, always): one
      // that names this party alone, among those findRequestSubject recomputes, so that a
      // DE_ANONYMISATION naming the pseudonym finds this party and no namesake.
      pseudonym: (source: CandidateSource) => {
        const party = source.entry.party;
        return 'primaryIdentifier' in party
          ? (party.customerIdentification ?? party.nationalIdentifier ?? party.primaryIdentifier)
          : party.id;
      },
      party: (source: CandidateSource) =>
        'primaryIdentifier' in source.entry.party ? null : source.entry.party,
      ivms101Person: (source: CandidateSource) =>
        'primaryIdentifier' in source.entry.party ? source.entry.party : null,
      requestTypes: (_: CandidateSource, __: unknown, context: SubgraphContext) =>
        REQUEST_TYPES.filter(
          (type) =>
            requestTypePolicyFor(options.policy, type, context.caller.homeCountry) !== undefined,
        ),
    },
  };
}
