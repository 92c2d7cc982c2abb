import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import { pseudonym } from '../../../core/policy/pseudonym.js';
import type { Caller } from '../../../core/policy/types.js';
import type { AuditLog } from '../audit/openAuditLog.js';
import { requestParticipants } from '../audit/requestParticipants.js';
import { MAX_PAGE_SIZE } from '../jurisdictionResolvers.js';
import type { AssetRegistry } from '../registry/types.js';
import { RequestRefusal } from '../requests/RequestRefusal.js';
import type { SubgraphContext } from '../SubgraphContext.js';
import type { Allocation } from './allocateRecovery.js';
import { allocationHash } from './allocateRecovery.js';
import { claimConflicts } from './claimConflicts.js';
import { claimDesk, unitsAsDecimal } from './claimDesk.js';
import type { ClaimEvent } from './claimDesk.js';
import { ClaimRefusal } from './ClaimRefusal.js';
import type { RecordedAllocation } from './ClaimStore.js';
import { parseClaimForm } from './parseClaimForm.js';
import { allowedClaimActions } from './transitionClaim.js';
import type { ClaimAction, ClaimActor, Claimant, Objection, VictimClaim } from './VictimClaim.js';

export interface ClaimResolverOptions {
  log: AuditLog;
  policy: JurisdictionPolicy;
  /** The member's asset registry, with the orders it recognised from abroad. */
  assets: AssetRegistry | null;
  now?: () => Date;
}

function publicError(refusal: ClaimRefusal | RequestRefusal): GraphQLError {
  return new GraphQLError(refusal.message, {
    extensions: {
      code: refusal.code,
      reason: refusal.reason,
      ...(refusal.field ? { inputPath: refusal.field } : {}),
    },
  });
}

async function refusalsAsErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClaimRefusal || error instanceof RequestRefusal) throw publicError(error);
    throw error;
  }
}

function notFound(): GraphQLError {
  return new GraphQLError('No claim or objection with this id is visible to you', {
    extensions: { code: ErrorCode.NOT_FOUND, reason: 'CLAIM_NOT_FOUND' },
  });
}

const actorOf = (caller: Caller): ClaimActor => ({
  subject: caller.subject,
  roles: caller.roles,
  country: caller.homeCountry,
  agency: caller.agency,
});

/** The value a person's pseudonym is computed over: the same person, the same pseudonym. */
const partyKey = (party: Claimant) =>
  [party.name, party.birthDate ?? '', party.idNumber ?? '', party.country].join('|');

/**
 * Victims' claims on the assets one member holds (docs/claims.md): filing, the state
 * machine's actions, objections and their decision, allocation, dispositions, and the
 * federated view of every claim on an asset. The member's database is the system of record;
 * every write commits with its CLAIM_EVENT.
 */
export function claimResolvers(options: ClaimResolverOptions) {
  const { log, policy } = options;
  const code = policy.jurisdiction;
  const now = options.now ?? (() => new Date());
  const desk = claimDesk({ policy, log, assets: options.assets, requests: log.requests });
  const claimPolicy = policy.claims;

  const eventOf = (context: SubgraphContext, at: string): ClaimEvent => ({
    ...requestParticipants(context),
    occurredAt: at,
    jurisdiction: code,
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE',
  });

  /** The holding member's own claim staff, who see every claim on its assets. */
  const isStaff = (caller: Caller) => {
    if (caller.homeCountry !== code || !claimPolicy) return false;
    const roles = [
      ...claimPolicy.verifyingRoles,
      ...claimPolicy.allocatingRoles,
      ...claimPolicy.payingRoles,
      ...claimPolicy.objectionDecidingRoles,
    ];
    return caller.roles.some((role) => roles.includes(role));
  };
  const isFiler = (caller: Caller, item: { filingState: string; filingAgency: string }) =>
    caller.homeCountry === item.filingState && caller.agency === item.filingAgency;
  const visibleClaim = async (id: string, caller: Caller) => {
    const claim = await log.claims.claim(id);
    return claim && (isStaff(caller) || isFiler(caller, claim)) ? claim : null;
  };
  const pseudonymOf = (party: Claimant, context: SubgraphContext) =>
    context.pseudonymKey ? pseudonym(partyKey(party), context.pseudonymKey) : null;

  const allocationView = (allocation: Allocation, recorded: RecordedAllocation | null) => ({
    ...allocation,
    id: recorded?.id ?? null,
    rule: allocation.order,
    remainderRule: allocation.remainder,
    sha256: recorded?.sha256 ?? allocationHash(allocation),
    computedAt: recorded?.computedAt ?? null,
    auditSeq: recorded?.auditSeq ?? null,
  });

  /** Every claim on each asset of the orders, as `AssetClaims`. */
  const assetClaims = async (orderIds: readonly string[]) => {
    const views = [];
    for (const orderId of orderIds) {
      const order = await desk.orderAssets(orderId);
      if (!order) continue;
      const { claims } = await log.claims.claims({ orderIds: [orderId] }, 10_000);
      for (const asset of [...order.units.keys()].sort()) {
        const onAsset = claims.filter((claim) => claim.form.asset === asset);
        const objections = (await log.claims.objections([orderId])).filter(
          (o) => o.asset === asset,
        );
        if (onAsset.length === 0 && objections.length === 0) continue;
        const state = await desk.allocationState(orderId, asset);
        const available = (order.units.get(asset) ?? 0n) - state.heldByHoldersUnits;
        const live = onAsset.filter(
          (claim) => claim.state !== 'REJECTED' && claim.state !== 'WITHDRAWN',
        );
        const victims = live.reduce((sum, claim) => sum + BigInt(claim.form.amountUnits), 0n);
        views.push({
          member: code,
          orderId,
          orderKind: order.kind,
          asset,
          availableUnits: (available > 0n ? available : 0n).toString(),
          victimsClaimedUnits: victims.toString(),
          stateClaimUnits: state.current.lines.find((line) => line.beneficiary === 'STATE')!
            .allocatedUnits,
          claims: onAsset,
          conflicts: claimConflicts(onAsset, available > 0n ? available : 0n),
          openObjections: state.openObjections.length,
          allocationSuspended: state.openObjections.length > 0,
          proposedAllocation: allocationView(state.current, null),
          recordedAllocation: state.recorded
            ? allocationView(state.recorded.allocation, state.recorded)
            : null,
          allocationStands: state.standing,
        });
      }
    }
    return views;
  };

  return {
    Jurisdiction: {
      claim: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        visibleClaim(args.id, context.caller),
      claims: async (
        _: unknown,
        args: { orderId?: string | null; first: number },
        context: SubgraphContext,
      ) => {
        if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
          throw new GraphQLError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'OUT_OF_RANGE' },
          });
        }
        const { caller } = context;
        const page = await log.claims.claims(
          {
            ...(isStaff(caller)
              ? {}
              : { filer: { country: caller.homeCountry, agency: caller.agency } }),
            ...(args.orderId ? { orderIds: [args.orderId] } : {}),
          },
          args.first,
        );
        return { nodes: page.claims, totalCount: page.totalCount };
      },
      objections: (_: unknown, args: { orderId: string }) => log.claims.objections([args.orderId]),
      allocations: async (_: unknown, args: { orderId: string }) =>
        (await log.claims.allocations([args.orderId])).map((recorded) =>
          allocationView(recorded.allocation, recorded),
        ),
      claimsOnOrder: (_: unknown, args: { orderId: string }) => assetClaims([args.orderId]),
    },
    WalletRecords: {
      claims: async (source: { walletId: string }) => {
        if (!options.assets) return [];
        const [freezing, confiscation] = await Promise.all([
          options.assets.freezingOrdersByWallets([source.walletId]),
          options.assets.confiscationOrdersByWallets([source.walletId]),
        ]);
        const ids = [...(confiscation[0] ?? []), ...(freezing[0] ?? [])].map((order) => order.id);
        return assetClaims([...new Set(ids)]);
      },
    },
    JurisdictionMutations: {
      fileClaim: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
        refusalsAsErrors(async () => {
          const { caller } = context;
          if (!caller.caseRef) {
            throw new ClaimRefusal(
              ErrorCode.BAD_USER_INPUT,
              'CASE_REF_REQUIRED',
              'A claim is filed for a case: state its case reference',
            );
          }
          const at = now().toISOString();
          const form = parseClaimForm(args.input, at);
          return desk.fileClaim(form, actorOf(caller), caller.caseRef, at, eventOf(context, at));
        }),
      actOnClaim: (
        _: unknown,
        args: {
          id: string;
          version: number;
          action: ClaimAction;
          details?: { ground?: string | null; reason?: string | null } | null;
        },
        context: SubgraphContext,
      ) =>
        refusalsAsErrors(async () => {
          const claim = await visibleClaim(args.id, context.caller);
          if (!claim) throw notFound();
          const at = now().toISOString();
          return desk.actOnClaim(
            claim,
            args.version,
            {
              action: args.action,
              actor: actorOf(context.caller),
              now: at,
              ground: args.details?.ground ?? null,
              reason: args.details?.reason ?? null,
            },
            eventOf(context, at),
          );
        }),
      fileObjection: (
        _: unknown,
        args: { input: Record<string, unknown> },
        context: SubgraphContext,
      ) =>
        refusalsAsErrors(async () => {
          const { caller } = context;
          if (!caller.caseRef) {
            throw new ClaimRefusal(
              ErrorCode.BAD_USER_INPUT,
              'CASE_REF_REQUIRED',
              'An objection is filed for a case: state its case reference',
            );
          }
          const at = now().toISOString();
          return desk.fileObjection(
            args.input,
            actorOf(caller),
            caller.caseRef,
            at,
            eventOf(context, at),
          );
        }),
      decideObjection: (
        _: unknown,
        args: { id: string; version: number; decision: 'UPHELD' | 'DISMISSED'; reason: string },
        context: SubgraphContext,
      ) =>
        refusalsAsErrors(async () => {
          const objection = await log.claims.objection(args.id);
          if (!objection) throw notFound();
          const at = now().toISOString();
          return desk.decideObjection(
            objection,
            args.version,
            args.decision,
            args.reason,
            actorOf(context.caller),
            at,
            eventOf(context, at),
          );
        }),
      allocateRecovery: (
        _: unknown,
        args: { orderId: string; asset: string },
        context: SubgraphContext,
      ) =>
        refusalsAsErrors(async () => {
          const at = now().toISOString();
          const recorded = await desk.allocate(
            args.orderId,
            args.asset.toUpperCase(),
            actorOf(context.caller),
            at,
            eventOf(context, at),
          );
          return allocationView(recorded.allocation, recorded);
        }),
      recordDisposition: (
        _: unknown,
        args: { input: Record<string, unknown> },
        context: SubgraphContext,
      ) =>
        refusalsAsErrors(async () => {
          const at = now().toISOString();
          return desk.recordDisposition(
            args.input,
            actorOf(context.caller),
            at,
            eventOf(context, at),
          );
        }),
    },
    VictimClaim: {
      orderId: (claim: VictimClaim) => claim.form.orderId,
      asset: (claim: VictimClaim) => claim.form.asset,
      amountUnits: (claim: VictimClaim) => claim.form.amountUnits,
      amount: (claim: VictimClaim) => unitsAsDecimal(claim.form.amountUnits, claim.form.asset),
      lossAt: (claim: VictimClaim) => claim.form.lossAt,
      evidence: (claim: VictimClaim) =>
        claim.form.evidence.map((item) => ({
          transactionHash: item.transactionHash,
          fromWallet: item.fromWallet ? { id: item.fromWallet } : null,
        })),
      claimant: (claim: VictimClaim, _: unknown, context: SubgraphContext) =>
        pseudonymOf(claim.form.claimant, context),
      claimantCountry: (claim: VictimClaim) => claim.form.claimant.country,
      ground: (claim: VictimClaim) => {
        const ground = claim.ground ? claimPolicy?.rejectionGrounds[claim.ground] : undefined;
        return ground && claim.ground ? { code: claim.ground, ...ground } : null;
      },
      history: (claim: VictimClaim) => log.claims.history(claim.id),
      allowedActions: (claim: VictimClaim, _: unknown, context: SubgraphContext) =>
        claimPolicy ? allowedClaimActions(claim, actorOf(context.caller), claimPolicy) : [],
    },
    Objection: {
      holder: (objection: Objection, _: unknown, context: SubgraphContext) =>
        pseudonymOf(objection.holder, context),
    },
  };
}
