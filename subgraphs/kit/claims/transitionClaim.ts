import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { ClaimPolicy } from '../../../core/policy/ClaimPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import { ClaimRefusal } from './ClaimRefusal.js';
import { CLAIM_ACTIONS, FINAL_CLAIM_STATES } from './VictimClaim.js';
import type {
  ClaimAction,
  ClaimActor,
  ClaimState,
  ClaimTransition,
  VictimClaim,
} from './VictimClaim.js';

export interface ClaimTransitionInput {
  action: ClaimAction;
  actor: ClaimActor;
  /** The member's clock, ISO 8601. */
  now: string;
  /** REJECT: a ground code of the member's catalogue. */
  ground?: string | null;
  /** Required for REJECT and VERIFY (beneficiary verification is a reasoned decision). */
  reason?: string | null;
  /**
   * PAY: the allocation now standing for the claim's order and asset, recomputed from the
   * current claims; a claim is paid only what that allocation gives it.
   */
  currentAllocation?: { id: string; units: string } | null;
}

export interface ClaimTransitionResult {
  claim: VictimClaim;
  transition: Omit<ClaimTransition, 'auditSeq'>;
}

const FROM_STATES: Readonly<Record<ClaimAction, readonly ClaimState[]>> = {
  START_VERIFICATION: ['FILED'],
  VERIFY: ['UNDER_VERIFICATION'],
  REJECT: ['FILED', 'UNDER_VERIFICATION'],
  // Before payment the victim's side may always step back; an allocation is then rerun.
  WITHDRAW: ['FILED', 'UNDER_VERIFICATION', 'VERIFIED', 'ALLOCATED'],
  PAY: ['ALLOCATED'],
};

const VERBS: Readonly<Record<ClaimAction, string>> = {
  START_VERIFICATION: 'taken into verification',
  VERIFY: 'verified',
  REJECT: 'rejected',
  WITHDRAW: 'withdrawn',
  PAY: 'paid',
};

/**
 * The claim state machine: the claim after `input.action` and the transition to record, or
 * a ClaimRefusal (ILLEGAL_TRANSITION, FORBIDDEN, BAD_USER_INPUT). The claim passed in is left
 * as it was; every success adds 1 to the version, which the store compares-and-sets.
 */
export function transitionClaim(
  claim: VictimClaim,
  input: ClaimTransitionInput,
  policy: ClaimPolicy,
): ClaimTransitionResult {
  if (Number.isNaN(Date.parse(input.now))) throw new RangeError('now is an ISO 8601 date-time');
  const role = checkClaimAction(claim, input.action, input.actor, policy);
  const version = claim.version + 1;
  const { to, changes, ground, reason } = outcomeOf(claim, input, policy);
  return {
    claim: { ...claim, ...changes, state: to, version, updatedAt: input.now },
    transition: {
      version,
      action: input.action,
      from: claim.state,
      to,
      actor: input.actor.subject,
      role,
      agency: input.actor.agency,
      country: input.actor.country,
      at: input.now,
      ground,
      reason,
    },
  };
}

/**
 * A verified (or already allocated) claim given its share by allocation `allocationId`: the
 * ALLOCATE transition, by the member's allocating role. Rerunning an allocation re-allocates.
 */
export function allocateClaim(
  claim: VictimClaim,
  allocation: { id: string; units: string },
  actor: ClaimActor,
  now: string,
  policy: ClaimPolicy,
): ClaimTransitionResult {
  if (claim.state !== 'VERIFIED' && claim.state !== 'ALLOCATED') {
    throw illegal('WRONG_STATE', `A claim that is ${claim.state.toLowerCase()} takes no share`);
  }
  const role = memberRole(claim, actor, policy.allocatingRoles);
  const version = claim.version + 1;
  return {
    claim: {
      ...claim,
      state: 'ALLOCATED',
      version,
      allocationId: allocation.id,
      allocatedUnits: allocation.units,
      updatedAt: now,
    },
    transition: {
      version,
      action: 'ALLOCATE',
      from: claim.state,
      to: 'ALLOCATED',
      actor: actor.subject,
      role,
      agency: actor.agency,
      country: actor.country,
      at: now,
      ground: null,
      reason: `allocation ${allocation.id}: ${allocation.units} units`,
    },
  };
}

/** The actions `actor` may take on the claim now, whatever details they would need. */
export function allowedClaimActions(
  claim: VictimClaim,
  actor: ClaimActor,
  policy: ClaimPolicy,
): ClaimAction[] {
  return CLAIM_ACTIONS.filter((action) => {
    try {
      checkClaimAction(claim, action, actor, policy);
      return true;
    } catch (error) {
      if (error instanceof ClaimRefusal) return false;
      throw error;
    }
  });
}

/** The role under which `actor` may take `action`, or a ClaimRefusal. */
export function checkClaimAction(
  claim: VictimClaim,
  action: ClaimAction,
  actor: ClaimActor,
  policy: ClaimPolicy,
): Role {
  if (FINAL_CLAIM_STATES.has(claim.state)) {
    throw illegal(
      'FINAL_STATE',
      `This claim is ${claim.state.toLowerCase()}; nothing more can be done`,
    );
  }
  const role =
    action === 'WITHDRAW'
      ? filingRole(claim, actor, policy)
      : memberRole(claim, actor, action === 'PAY' ? policy.payingRoles : policy.verifyingRoles);
  if (!FROM_STATES[action].includes(claim.state)) {
    throw illegal(
      'WRONG_STATE',
      `A claim that is ${claim.state.toLowerCase()} cannot be ${VERBS[action]}`,
    );
  }
  return role;
}

function outcomeOf(
  claim: VictimClaim,
  input: ClaimTransitionInput,
  policy: ClaimPolicy,
): { to: ClaimState; changes: Partial<VictimClaim>; ground: string | null; reason: string | null } {
  switch (input.action) {
    case 'START_VERIFICATION':
      return {
        to: 'UNDER_VERIFICATION',
        changes: {},
        ground: null,
        reason: optional(input.reason),
      };
    case 'VERIFY': {
      const reason = required(input.reason, 'reason');
      return {
        to: 'VERIFIED',
        changes: { verifiedAt: input.now, verifiedBy: input.actor.subject },
        ground: null,
        reason,
      };
    }
    case 'REJECT': {
      const ground = required(input.ground, 'ground');
      if (!Object.hasOwn(policy.rejectionGrounds, ground)) {
        throw new ClaimRefusal(
          ErrorCode.BAD_USER_INPUT,
          'UNKNOWN_GROUND',
          "This is not a ground for rejecting a claim in the member's catalogue",
          'ground',
        );
      }
      const reason = required(input.reason, 'reason');
      return { to: 'REJECTED', changes: { ground, reason }, ground, reason };
    }
    case 'WITHDRAW':
      // A withdrawn claim keeps no share: the allocation that counted it no longer stands.
      return {
        to: 'WITHDRAWN',
        changes: { allocatedUnits: null },
        ground: null,
        reason: optional(input.reason),
      };
    case 'PAY': {
      const current = input.currentAllocation ?? null;
      if (current === null || current.id !== claim.allocationId) {
        throw illegal(
          'ALLOCATION_STALE',
          'The allocation this claim was given no longer stands; allocate the asset again first',
        );
      }
      return {
        to: 'PAID',
        changes: { paidAt: input.now, allocatedUnits: current.units },
        ground: null,
        reason: optional(input.reason),
      };
    }
  }
}

function memberRole(claim: VictimClaim, actor: ClaimActor, roles: readonly Role[]): Role {
  const role =
    actor.country === claim.member ? actor.roles.find((held) => roles.includes(held)) : undefined;
  if (role !== undefined) return role;
  throw forbidden("Only the holding member's officials with the role for this step may do this");
}

function filingRole(claim: VictimClaim, actor: ClaimActor, policy: ClaimPolicy): Role {
  const onSide = actor.country === claim.filingState && actor.agency === claim.filingAgency;
  const roles = [claim.filingRole, ...policy.filingRoles];
  const role = onSide ? actor.roles.find((held) => roles.includes(held)) : undefined;
  if (role !== undefined) return role;
  throw forbidden('Only the agency that filed this claim, acting for the victim, may do this');
}

function required(value: string | null | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (text === '') {
    throw new ClaimRefusal(ErrorCode.BAD_USER_INPUT, 'MISSING_FIELD', `State the ${field}`, field);
  }
  return text;
}

function optional(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

function illegal(reason: string, message: string): ClaimRefusal {
  return new ClaimRefusal(ErrorCode.ILLEGAL_TRANSITION, reason, message);
}

function forbidden(message: string): ClaimRefusal {
  return new ClaimRefusal(ErrorCode.FORBIDDEN, 'ROLE_NOT_ALLOWED', message);
}
