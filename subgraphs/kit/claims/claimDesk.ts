import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { ClaimPolicy } from '../../../core/policy/ClaimPolicy.js';
import { expandCountries } from '../../../core/policy/expandCountries.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import type { AuditEventInput } from '../audit/AuditEvent.js';
import type { AuditLog } from '../audit/openAuditLog.js';
import type { AssetRegistry } from '../registry/types.js';
import type { RequestStore } from '../requests/RequestStore.js';
import { readText } from '../requests/readText.js';
import { allocateRecovery, allocationHash, allocationJson } from './allocateRecovery.js';
import type { Allocation } from './allocateRecovery.js';
import { fromUnits, toUnits } from './assetUnits.js';
import { ClaimRefusal } from './ClaimRefusal.js';
import type { RecordedAllocation } from './ClaimStore.js';
import { partyOf, unitsOf } from './parseClaimForm.js';
import { allocateClaim, transitionClaim } from './transitionClaim.js';
import type { ClaimTransitionInput } from './transitionClaim.js';
import { DISPOSITION_KINDS } from './VictimClaim.js';
import type {
  ClaimActor,
  ClaimForm,
  Disposition,
  DispositionKind,
  Objection,
  VictimClaim,
} from './VictimClaim.js';

/** What an order holds, per asset, as the claims procedure reads it. */
export interface OrderAssets {
  orderId: string;
  /** CONFISCATION: recovered, to allocate; FREEZING: frozen, claims wait for confiscation. */
  kind: 'CONFISCATION' | 'FREEZING';
  confiscatedAt: string | null;
  wallets: string[];
  /** Units per asset: confiscated less what was already returned outside Comity, or frozen. */
  units: Map<string, bigint>;
}

export type ClaimEvent = Omit<AuditEventInput, 'kind' | 'detail'>;

/** Where an allocation of one order's asset stands now. */
export interface AllocationState {
  /** The division the current claims would get, recomputed now. */
  current: Allocation;
  /** The newest recorded allocation, if any. */
  recorded: RecordedAllocation | null;
  /** The recorded one is the recomputation, or closed with no claim waiting after it. */
  standing: boolean;
  /** Open objections: no allocation until a judge decides them. */
  openObjections: Objection[];
  heldByHoldersUnits: bigint;
  /** The newest recorded allocation is closed: a share of it is paid. */
  closed: boolean;
  /** Every closed allocation of the asset: its claims are paid as it recorded them. */
  closedAllocationIds: ReadonlySet<string>;
  /** Verified or allocated claims outside the closed allocations: what `current` divides. */
  awaiting: number;
}

// Claims that take part in the division of what is not yet bound by a closed allocation.
const ALLOCATION_STATES = new Set(['VERIFIED', 'ALLOCATED']);
// What the member did with the state's part that leaves nothing for a later allocation; a sale
// only changes the form of what is held, a return to a holder is counted as held by holders.
const STATE_PART_DISPOSALS = new Set<DispositionKind>([
  'KEPT_BY_STATE',
  'PAID_TO_RESTITUTION_FUND',
  'SHARED_WITH_MEMBER',
]);

/**
 * The claims procedure of one member (docs/claims.md), apart from GraphQL so that the seed
 * runs the same path as the resolvers: each method checks the member's claim policy, runs
 * the pure state machine or allocator, and commits through `AuditLog.recordClaimEvent`.
 */
export function claimDesk(options: {
  policy: JurisdictionPolicy;
  log: AuditLog;
  assets: AssetRegistry | null;
  requests: RequestStore;
}) {
  const { log, policy } = options;
  const code = policy.jurisdiction;
  const claimPolicy = (): ClaimPolicy => {
    const claims = policy.claims;
    if (!claims || !claims.holdsAssets) {
      throw new ClaimRefusal(
        ErrorCode.REQUEST_NOT_ACCEPTED,
        'NO_ASSETS_HELD',
        `${code} holds no frozen or confiscated assets in Comity; file the claim with the member that does`,
      );
    }
    return claims;
  };
  const nextId = async (prefix: string) =>
    `${prefix}-${code.toLowerCase()}-${String(await log.claims.nextNumber()).padStart(6, '0')}`;

  const orderAssets = async (orderId: string): Promise<OrderAssets | null> => {
    if (!options.assets) return null;
    const [confiscation] = await options.assets.confiscationOrdersByIds([orderId]);
    if (confiscation) {
      const units = new Map<string, bigint>();
      // A confiscation recognised from abroad may name several assets: its certificate has them all.
      const request = orderId.startsWith('rco-')
        ? await options.requests.get(orderId.slice('rco-'.length))
        : null;
      if (request && request.form.type === 'CONFISCATION') {
        for (const item of request.form.confiscation.property) {
          if (item.asset === null || item.amount === null) continue;
          units.set(item.asset, (units.get(item.asset) ?? 0n) + toUnits(item.amount, item.asset));
        }
      } else {
        const recovered = toUnits(confiscation.amount, confiscation.asset);
        const returned = toUnits(confiscation.restitutedAmount, confiscation.asset);
        units.set(confiscation.asset, recovered > returned ? recovered - returned : 0n);
      }
      return {
        orderId,
        kind: 'CONFISCATION',
        confiscatedAt: confiscation.finalAt ?? confiscation.decidedAt,
        wallets: confiscation.walletIds,
        units,
      };
    }
    const [freezing] = await options.assets.freezingOrdersByIds([orderId]);
    if (!freezing) return null;
    const units = new Map<string, bigint>();
    for (const holding of freezing.holdings) {
      units.set(
        holding.asset,
        (units.get(holding.asset) ?? 0n) + toUnits(holding.amount, holding.asset),
      );
    }
    return { orderId, kind: 'FREEZING', confiscatedAt: null, wallets: freezing.walletIds, units };
  };

  const mustOrder = async (orderId: string, asset: string, path: string) => {
    const order = await orderAssets(orderId);
    if (!order) {
      throw new ClaimRefusal(
        ErrorCode.REQUEST_NOT_ACCEPTED,
        'ORDER_NOT_HELD',
        `${code} holds no freezing or confiscation order with this id`,
        `${path}.orderId`,
      );
    }
    if (!order.units.has(asset)) {
      throw new ClaimRefusal(
        ErrorCode.BAD_USER_INPUT,
        'ASSET_NOT_IN_ORDER',
        'The order holds none of this asset',
        `${path}.asset`,
      );
    }
    return order;
  };

  const roleIn = (actor: ClaimActor, roles: readonly Role[], countries: readonly string[]) => {
    const codes = expandCountries(policy, countries);
    const fromHere = codes === null || codes.includes(actor.country);
    const role = fromHere ? actor.roles.find((held) => roles.includes(held)) : undefined;
    if (role === undefined) {
      throw new ClaimRefusal(
        ErrorCode.FORBIDDEN,
        'ROLE_NOT_ALLOWED',
        `${code}'s claim policy does not let this role of this country do this`,
      );
    }
    return role;
  };

  const allocationState = async (orderId: string, asset: string): Promise<AllocationState> => {
    const claims = policy.claims;
    const order = await orderAssets(orderId);
    const [{ claims: onOrder }, objections, allocations] = await Promise.all([
      log.claims.claims({ orderIds: [orderId] }, 10_000),
      log.claims.objections([orderId]),
      log.claims.allocations([orderId]),
    ]);
    const ofAsset = onOrder.filter((claim) => claim.form.asset === asset);
    const concerned = objections.filter((objection) => objection.asset === asset);
    const heldByHoldersUnits = concerned
      .filter((objection) => objection.state === 'UPHELD')
      .reduce((sum, objection) => sum + BigInt(objection.amountUnits), 0n);
    // An allocation a share of which is paid is closed: it stands as recorded for its claims,
    // and claims verified since divide what it left (docs/claims.md, "Late claims").
    const closedIds = new Set(
      ofAsset.flatMap((claim) =>
        claim.state === 'PAID' && claim.allocationId ? [claim.allocationId] : [],
      ),
    );
    const settled = ofAsset.filter(
      (claim) =>
        (claim.state === 'PAID' || claim.state === 'ALLOCATED') &&
        claim.allocationId !== null &&
        closedIds.has(claim.allocationId),
    );
    const open = ofAsset.filter(
      (claim) => ALLOCATION_STATES.has(claim.state) && !settled.includes(claim),
    );
    const after =
      closedIds.size === 0
        ? undefined
        : {
            allocationIds: [...closedIds],
            sharesUnits: settled.reduce(
              (sum, claim) => sum + BigInt(claim.allocatedUnits ?? '0'),
              0n,
            ),
            disposedUnits: (await log.claims.dispositions())
              .filter(
                (disposition) =>
                  disposition.orderId === orderId &&
                  disposition.asset === asset &&
                  STATE_PART_DISPOSALS.has(disposition.kind),
              )
              .reduce((sum, disposition) => sum + BigInt(disposition.amountUnits), 0n),
          };
    const current = allocateRecovery({
      orderId,
      asset,
      recoveredUnits: order?.kind === 'CONFISCATION' ? (order.units.get(asset) ?? 0n) : 0n,
      heldByHoldersUnits,
      claims: open.map((claim) => ({
        id: claim.id,
        units: BigInt(claim.form.amountUnits),
        lossAt: claim.form.lossAt,
      })),
      rule: claims?.allocation ?? { order: 'PRO_RATA', remainder: 'LARGEST_REMAINDER' },
      ...(after ? { after } : {}),
    });
    const recorded = allocations.find((allocation) => allocation.asset === asset) ?? null;
    const closed = recorded !== null && closedIds.has(recorded.id);
    return {
      current,
      recorded,
      // A closed allocation stands until a claim verified since waits for a later one.
      standing:
        recorded !== null &&
        (recorded.sha256 === allocationHash(current) || (closed && open.length === 0)),
      openObjections: concerned.filter((objection) => objection.state === 'OPEN'),
      heldByHoldersUnits,
      closed,
      closedAllocationIds: closedIds,
      awaiting: open.length,
    };
  };

  return {
    orderAssets,
    allocationState,

    async fileClaim(
      form: ClaimForm,
      actor: ClaimActor,
      caseRef: string,
      now: string,
      event: ClaimEvent,
    ) {
      const claims = claimPolicy();
      const role = roleIn(actor, claims.filingRoles, claims.acceptedFrom);
      await mustOrder(form.orderId, form.asset, 'input');
      const claim: VictimClaim = {
        id: await nextId('clm'),
        state: 'FILED',
        version: 1,
        member: code,
        form,
        filingState: actor.country,
        filingAgency: actor.agency,
        filingRole: role,
        filedBy: actor.subject,
        caseRef,
        filedAt: now,
        verifiedAt: null,
        verifiedBy: null,
        ground: null,
        reason: null,
        allocationId: null,
        allocatedUnits: null,
        paidAt: null,
        updatedAt: now,
      };
      const transition = {
        version: 1,
        action: 'FILE' as const,
        from: null,
        to: 'FILED' as const,
        actor: actor.subject,
        role,
        agency: actor.agency,
        country: actor.country,
        at: now,
        ground: null,
        reason: null,
      };
      await log.recordClaimEvent({ kind: 'FILE_CLAIM', step: { claim, transition } }, event);
      return claim;
    },

    async actOnClaim(
      claim: VictimClaim,
      version: number,
      input: Omit<ClaimTransitionInput, 'currentAllocation'>,
      event: ClaimEvent,
    ) {
      const claims = claimPolicy();
      if (claim.version !== version) {
        throw new ClaimRefusal(
          ErrorCode.VERSION_CONFLICT,
          'VERSION_CONFLICT',
          'The claim changed since it was read; read it again and retry',
        );
      }
      let currentAllocation: { id: string; units: string } | null = null;
      if (input.action === 'PAY') {
        const state = await allocationState(claim.form.orderId, claim.form.asset);
        if (
          claim.allocationId !== null &&
          claim.allocatedUnits !== null &&
          state.closedAllocationIds.has(claim.allocationId)
        ) {
          currentAllocation = { id: claim.allocationId, units: claim.allocatedUnits };
        } else {
          const line = state.current.lines.find(
            (entry) => entry.claimId === claim.id,
          )?.allocatedUnits;
          if (state.standing && state.recorded && line)
            currentAllocation = { id: state.recorded.id, units: line };
        }
      }
      const next = transitionClaim(claim, { ...input, currentAllocation }, claims);
      let disposition: Disposition | undefined;
      if (input.action === 'PAY') {
        const order = await orderAssets(claim.form.orderId);
        disposition = {
          id: await nextId('dsp'),
          kind: 'RETURNED_TO_VICTIM',
          orderId: claim.form.orderId,
          asset: claim.form.asset,
          amountUnits: next.claim.allocatedUnits ?? '0',
          at: input.now,
          confiscatedAt: order?.confiscatedAt ?? null,
          claimId: claim.id,
          price: null,
          currency: null,
          rate: null,
          sharedWith: null,
          arrangement: null,
          recordedBy: input.actor.subject,
          auditSeq: null,
        };
      }
      await log.recordClaimEvent(
        {
          kind: 'CLAIM_TRANSITION',
          step: next,
          expectedVersion: version,
          ...(disposition ? { disposition } : {}),
        },
        event,
      );
      return next.claim;
    },

    async fileObjection(
      input: Record<string, unknown>,
      actor: ClaimActor,
      caseRef: string,
      now: string,
      event: ClaimEvent,
    ) {
      const claims = claimPolicy();
      roleIn(actor, claims.objectionRoles, [...claims.acceptedFrom, 'DOMESTIC']);
      const orderId = readText(input.orderId, 'input.orderId');
      const asset = readText(input.asset, 'input.asset').toUpperCase();
      const amountUnits = unitsOf(input.amountUnits, 'input.amountUnits');
      const holder = partyOf(input.holder, 'input.holder', now);
      const grounds = readText(input.grounds, 'input.grounds');
      await mustOrder(orderId, asset, 'input');
      const objection: Objection = {
        id: await nextId('obj'),
        state: 'OPEN',
        version: 1,
        orderId,
        asset,
        amountUnits,
        holder,
        grounds,
        filingState: actor.country,
        filingAgency: actor.agency,
        filedBy: actor.subject,
        caseRef,
        filedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      };
      await log.recordClaimEvent({ kind: 'FILE_OBJECTION', objection }, event);
      return objection;
    },

    async decideObjection(
      objection: Objection,
      version: number,
      decision: 'UPHELD' | 'DISMISSED',
      reason: string | null | undefined,
      actor: ClaimActor,
      now: string,
      event: ClaimEvent,
    ) {
      const claims = claimPolicy();
      roleIn(actor, claims.objectionDecidingRoles, ['DOMESTIC']);
      if (objection.state !== 'OPEN') {
        throw new ClaimRefusal(
          ErrorCode.ILLEGAL_TRANSITION,
          'FINAL_STATE',
          'This objection is decided already',
        );
      }
      if (objection.version !== version) {
        throw new ClaimRefusal(
          ErrorCode.VERSION_CONFLICT,
          'VERSION_CONFLICT',
          'The objection changed since it was read; read it again and retry',
        );
      }
      const decided: Objection = {
        ...objection,
        state: decision,
        version: version + 1,
        decidedBy: actor.subject,
        decidedAt: now,
        decisionReason: readText(reason, 'reason'),
      };
      // Upheld, the amount is the holder's: its return is a movement of the held value like any
      // other, recorded with the judge's decision so the one is never without the other.
      let disposition: Disposition | undefined;
      if (decision === 'UPHELD') {
        const order = await orderAssets(objection.orderId);
        disposition = {
          id: await nextId('dsp'),
          kind: 'RETURNED_TO_HOLDER',
          orderId: objection.orderId,
          asset: objection.asset,
          amountUnits: objection.amountUnits,
          at: now,
          confiscatedAt: order?.confiscatedAt ?? null,
          claimId: null,
          price: null,
          currency: null,
          rate: null,
          sharedWith: null,
          arrangement: null,
          recordedBy: actor.subject,
          auditSeq: null,
        };
      }
      await log.recordClaimEvent(
        {
          kind: 'DECIDE_OBJECTION',
          objection: decided,
          expectedVersion: version,
          ...(disposition ? { disposition } : {}),
        },
        event,
      );
      return decided;
    },

    async allocate(
      orderId: string,
      asset: string,
      actor: ClaimActor,
      now: string,
      event: ClaimEvent,
    ) {
      const claims = claimPolicy();
      roleIn(actor, claims.allocatingRoles, ['DOMESTIC']);
      const order = await mustOrder(orderId, asset, 'args');
      if (order.kind !== 'CONFISCATION') {
        throw new ClaimRefusal(
          ErrorCode.ILLEGAL_TRANSITION,
          'NOT_CONFISCATED',
          'A frozen asset is allocated once it is confiscated',
        );
      }
      const state = await allocationState(orderId, asset);
      if (state.openObjections.length > 0) {
        throw new ClaimRefusal(
          ErrorCode.ILLEGAL_TRANSITION,
          'ALLOCATION_SUSPENDED',
          'An innocent holder objects to the confiscation of this asset; a judge decides before it is allocated',
        );
      }
      if (state.closed && state.awaiting === 0) {
        throw new ClaimRefusal(
          ErrorCode.ILLEGAL_TRANSITION,
          'ALLOCATION_CLOSED',
          'Shares of this allocation are paid and no claim verified since waits for a share: it stands as recorded',
        );
      }
      const id = await nextId('alc');
      const { claims: onOrder } = await log.claims.claims({ orderIds: [orderId] }, 10_000);
      const steps = state.current.lines.flatMap((line) => {
        const claim = onOrder.find((entry) => entry.id === line.claimId);
        if (!claim) return [];
        return [
          {
            ...allocateClaim(claim, { id, units: line.allocatedUnits }, actor, now, claims),
            expectedVersion: claim.version,
          },
        ];
      });
      const allocation: RecordedAllocation = {
        id,
        orderId,
        asset,
        allocation: state.current,
        json: allocationJson(state.current),
        sha256: allocationHash(state.current),
        computedAt: now,
        computedBy: actor.subject,
        auditSeq: null,
      };
      const recorded = await log.recordClaimEvent({ kind: 'ALLOCATE', allocation, steps }, event);
      return { ...allocation, auditSeq: recorded.seq };
    },

    async recordDisposition(
      input: Record<string, unknown>,
      actor: ClaimActor,
      now: string,
      event: ClaimEvent,
    ) {
      const claims = claimPolicy();
      roleIn(actor, claims.payingRoles, ['DOMESTIC']);
      const kind = input.kind as DispositionKind;
      if (
        !DISPOSITION_KINDS.includes(kind) ||
        kind === 'RETURNED_TO_VICTIM' ||
        kind === 'RETURNED_TO_HOLDER'
      ) {
        throw new ClaimRefusal(
          ErrorCode.BAD_USER_INPUT,
          'INVALID_FIELD',
          'Returns to victims are recorded by paying their claims, returns to holders by upholding their objections; name another kind',
          'input.kind',
        );
      }
      const orderId = readText(input.orderId, 'input.orderId');
      const asset = readText(input.asset, 'input.asset').toUpperCase();
      const order = await mustOrder(orderId, asset, 'input');
      const sold = kind === 'SOLD';
      const shared = kind === 'SHARED_WITH_MEMBER';
      const disposition: Disposition = {
        id: await nextId('dsp'),
        kind,
        orderId,
        asset,
        amountUnits: unitsOf(input.amountUnits, 'input.amountUnits'),
        at: now,
        confiscatedAt: order.confiscatedAt,
        claimId: null,
        price: sold ? decimalOf(input.price, 'input.price') : null,
        currency: sold ? readText(input.currency, 'input.currency').toUpperCase() : null,
        rate: sold ? decimalOf(input.rate, 'input.rate') : null,
        sharedWith: shared ? readText(input.sharedWith, 'input.sharedWith').toUpperCase() : null,
        arrangement: shared ? readText(input.arrangement, 'input.arrangement') : null,
        recordedBy: actor.subject,
        auditSeq: null,
      };
      const recorded = await log.recordClaimEvent({ kind: 'DISPOSITION', disposition }, event);
      return { ...disposition, auditSeq: recorded.seq };
    },
  };
}

export type ClaimDesk = ReturnType<typeof claimDesk>;

function decimalOf(value: unknown, path: string): string {
  const text = readText(value, path);
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new ClaimRefusal(
      ErrorCode.BAD_USER_INPUT,
      'INVALID_FIELD',
      'A price or rate is a non-negative decimal',
      path,
    );
  }
  return text;
}

/** An amount in units as the asset's decimal, for people to read beside the units. */
export function unitsAsDecimal(units: string | bigint, asset: string): string | null {
  try {
    return fromUnits(BigInt(units), asset);
  } catch {
    return null;
  }
}
