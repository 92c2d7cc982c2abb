import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import type { AuditLog } from './audit/openAuditLog.js';
import { auditChainStatus } from './audit/auditChainStatus.js';
import type { ReviewItem } from './audit/openReviewQueue.js';
import { NO_VALUE } from './audit/countRequests.js';
import { requestParticipants } from './audit/requestParticipants.js';
import { MAX_PAGE_SIZE } from './jurisdictionResolvers.js';
import { publishedCount, SMALL_COUNT_THRESHOLD } from './publishedCount.js';
import { sharedRecentResult } from './sharedRecentResult.js';
import { DEFAULT_TRANSPARENCY_TTL_SECONDS } from './subgraphRuntimeConfig.js';
import type { AssetRegistry } from './registry/types.js';
import type { CrossBorderRequestStatistic } from './requests/crossBorderRequestStatistics.js';
import type { RestitutionStatistics } from './claims/restitutionStatistics.js';
import type { SubgraphContext } from './SubgraphContext.js';

interface AuditEventsArgs {
  filter?: {
    from?: string;
    to?: string;
    actor?: string;
    caseRef?: string;
    decision?: string;
  } | null;
  first: number;
  after?: string | null;
}

function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'OUT_OF_RANGE' },
    });
  }
  return first;
}

function reviewView(item: ReviewItem, now: Date) {
  return {
    ...item,
    overdue: item.status === 'PENDING' && Date.parse(item.deadline) < now.getTime(),
  };
}

/** How long a verification of the audit chain is reused before the chain is read again, seconds. */
export const DEFAULT_AUDIT_CHAIN_TTL_SECONDS = 30;

const orNull = (value: string | undefined): string | null =>
  value === undefined || value === NO_VALUE ? null : value;

/**
 * The accountability side of a jurisdiction (docs/architecture.md §6): its audit log for auditors, its
 * EMERGENCY reviews for judges, and its transparency report for everyone. Who may call
 * which is the jurisdiction's policy (schema/policy/oversightPolicy.ts), enforced like any
 * other field.
 */
export function accountabilityResolvers(
  code: string,
  log: AuditLog,
  assets: AssetRegistry | null,
  options: {
    transparencyTtlSeconds?: number;
    /** The cross-border request cells of the report (none when omitted). */
    crossBorderRequestStatistics?: () => Promise<CrossBorderRequestStatistic[]>;
    /** Recovery rate, time to payment and dispositions (null when omitted). */
    restitutionStatistics?: () => Promise<RestitutionStatistics>;
    /** How long a verification of the audit chain is reused; default DEFAULT_AUDIT_CHAIN_TTL_SECONDS. */
    auditChainTtlSeconds?: number;
  } = {},
) {
  // The public statistics are the same for every caller (policy applies to the fields after
  // they resolve) and scan the whole audit log and the asset registry: computed at most once
  // per TTL, and once for all the callers asking at the same time.
  const ttlMs = (options.transparencyTtlSeconds ?? DEFAULT_TRANSPARENCY_TTL_SECONDS) * 1000;
  const requestCounts = sharedRecentResult(ttlMs, () =>
    log.countRequests({ groupBy: ['month', 'purpose', 'role', 'decision', 'emergency'] }),
  );
  const recoveryTotals = sharedRecentResult(ttlMs, async () =>
    assets ? assets.recoveryStatistics() : [],
  );
  const requestStatistics = sharedRecentResult(
    ttlMs,
    options.crossBorderRequestStatistics ?? (async () => []),
  );
  const restitution = sharedRecentResult<RestitutionStatistics | null>(
    ttlMs,
    options.restitutionStatistics ?? (async () => null),
  );
  const overdueReviews = sharedRecentResult(ttlMs, () =>
    log.reviews.countOverdue(new Date().toISOString()),
  );
  // Verifying reads every event of the log: one run serves every auditor for the TTL.
  const chainStatus = sharedRecentResult(
    (options.auditChainTtlSeconds ?? DEFAULT_AUDIT_CHAIN_TTL_SECONDS) * 1000,
    async () => auditChainStatus(await log.verifyChain(), new Date()),
  );
  return {
    AuditEvent: {
      detail: (event: { detail?: Record<string, string | number | boolean | null> }) =>
        Object.entries(event.detail ?? {})
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, value]) => ({ key, value: value === null ? null : String(value) })),
    },
    Jurisdiction: {
      auditEvents: async (_: unknown, args: AuditEventsArgs) => {
        const filter = args.filter ?? {};
        const page = await log.list(
          {
            from: filter.from ?? undefined,
            to: filter.to ?? undefined,
            actor: filter.actor ?? undefined,
            caseRef: filter.caseRef ?? undefined,
            decision: filter.decision ?? undefined,
          },
          { first: checkFirst(args.first), after: args.after ?? null },
        );
        return { nodes: page.events, totalCount: page.totalCount, nextCursor: page.nextCursor };
      },
      emergencyReviews: async (
        _: unknown,
        args: { queue: 'PENDING' | 'OVERDUE' | 'DECIDED'; first: number; after?: string | null },
      ) => {
        const now = new Date();
        const page = await log.reviews.listReviewItems(
          { status: args.queue },
          { first: checkFirst(args.first), after: args.after ?? null },
          now.toISOString(),
        );
        return {
          nodes: page.items.map((item) => reviewView(item, now)),
          totalCount: page.totalCount,
          nextCursor: page.nextCursor,
        };
      },
      auditChain: () => chainStatus(),
      transparency: () => ({ jurisdiction: code }),
    },
    TransparencyReport: {
      requests: async () => {
        const counts = await requestCounts();
        return counts.map((row) => ({
          month: row.key.month,
          purpose: orNull(row.key.purpose),
          role: orNull(row.key.role),
          decision: row.key.decision,
          emergency: row.key.emergency === 'true',
          count: publishedCount(row.count),
        }));
      },
      recoveries: async () => {
        return (await recoveryTotals()).map((total) => ({
          month: total.month,
          kind: total.kind,
          asset: total.asset,
          orders: publishedCount(total.orders),
          // An amount made of fewer than five orders could be traced to one of them.
          amount: total.orders < SMALL_COUNT_THRESHOLD ? null : total.amount,
        }));
      },
      overdueEmergencyReviews: async () => publishedCount(await overdueReviews()),
      crossBorderRequests: () => requestStatistics(),
      restitution: () => restitution(),
    },
    Mutation: {
      [code.toLowerCase()]: () => ({}),
    },
    JurisdictionMutations: {
      decideEmergencyReview: async (
        _: unknown,
        args: { id: string; decision: 'CONFIRMED' | 'REJECTED'; note?: string | null },
        context: SubgraphContext,
      ) => {
        const now = new Date();
        const { caller } = context;
        // The decision and its REVIEW_DECISION event commit in one transaction: a decision the
        // log did not record is not made (AUDIT_UNAVAILABLE), and the request writes no second
        // event for it (the ledger is untouched; fields the answer releases are audited as usual).
        const { review } = await log.decideReview(
          args.id,
          {
            decision: args.decision,
            judge: caller.subject,
            note: args.note ?? null,
            now: now.toISOString(),
          },
          {
            ...requestParticipants(context),
            occurredAt: now.toISOString(),
            jurisdiction: code,
            entities: [],
            released: [],
            minimised: [],
            denied: [],
            decision: 'NONE',
          },
        );
        return reviewView(review, now);
      },
    },
  };
}
