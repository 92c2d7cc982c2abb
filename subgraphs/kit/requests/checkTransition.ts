import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { RequestPolicy, RequestTypePolicy } from '../../../core/policy/RequestPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import { FINAL_STATES } from './CrossBorderRequest.js';
import type {
  CrossBorderRequest,
  RequestAction,
  RequestActor,
  RequestState,
} from './CrossBorderRequest.js';
import { RequestRefusal } from './RequestRefusal.js';

/**
 * The subject of the member's own clock, the only actor that expires a request. The service
 * builds that actor itself (roles [], the member's country); it never comes from a caller.
 */
export const SYSTEM_SUBJECT = 'system';

/** Who may take an action: a side of the request and, on it, the roles that qualify. */
type Party =
  { side: 'EXECUTING' | 'ISSUING'; roles: readonly Role[]; judgeOnly?: true } | { side: 'SYSTEM' };

const PENDING: readonly RequestState[] = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'UNDER_REVIEW',
  'CONSULTATION',
  'POSTPONED',
];
const EXECUTED: readonly RequestState[] = ['EXECUTED', 'PARTIALLY_EXECUTED'];

/** The states each action leaves from; the conditions on the request's fields come after. */
const FROM_STATES: Readonly<Record<RequestAction, readonly RequestState[]>> = {
  ACKNOWLEDGE: ['SUBMITTED'],
  RECOGNISE: ['ACKNOWLEDGED', 'UNDER_REVIEW'],
  REFUSE: ['SUBMITTED', 'ACKNOWLEDGED', 'UNDER_REVIEW', 'CONSULTATION'],
  POSTPONE: ['ACKNOWLEDGED', 'UNDER_REVIEW'],
  RESUME: ['POSTPONED'],
  REQUEST_CONSULTATION: ['ACKNOWLEDGED', 'UNDER_REVIEW'],
  ANSWER_CONSULTATION: ['CONSULTATION'],
  EXECUTE: ['UNDER_REVIEW'],
  // Executed: a standing order's life only (its EXPIRE deadline), renewed like any deadline.
  EXTEND: [...PENDING, ...EXECUTED],
  WITHDRAW: PENDING,
  REVOKE: EXECUTED,
  REVIEW_AUTHORISATION: EXECUTED,
  EXPIRE: EXECUTED,
};

const VERBS: Readonly<Record<RequestAction, string>> = {
  ACKNOWLEDGE: 'acknowledged',
  RECOGNISE: 'recognised',
  REFUSE: 'refused',
  POSTPONE: 'postponed',
  RESUME: 'resumed',
  REQUEST_CONSULTATION: 'sent back for consultation',
  ANSWER_CONSULTATION: 'answered',
  EXECUTE: 'executed',
  EXTEND: 'extended',
  WITHDRAW: 'withdrawn',
  REVOKE: 'revoked',
  REVIEW_AUTHORISATION: 'reviewed',
  EXPIRE: 'expired',
};

/**
 * Whether `actor` may take `action` on the request now, whatever the action's details: the
 * role under which it acts ('SYSTEM' for the member's clock), or a RequestRefusal —
 * ILLEGAL_TRANSITION when the request's type or state does not allow the action, FORBIDDEN
 * (ROLE_NOT_ALLOWED) when the actor is not on the side, or lacks the role, the action needs.
 */
export function checkTransition(
  request: CrossBorderRequest,
  action: RequestAction,
  actor: RequestActor,
  policy: RequestPolicy,
  now: string,
): Role | 'SYSTEM' {
  if (FINAL_STATES.has(request.state)) {
    throw illegal(
      'FINAL_STATE',
      `This request is ${request.state.toLowerCase()}; nothing more can be done`,
    );
  }
  const party = whoMay(request, action, policy.types[request.type]);
  if (party === null) {
    throw illegal(
      'NOT_FOR_TYPE',
      `A ${request.type.toLowerCase()} request cannot be ${VERBS[action]}`,
    );
  }
  const role = roleOf(request, actor, party);
  if (!FROM_STATES[action].includes(request.state)) {
    throw illegal(
      'WRONG_STATE',
      `A request that is ${request.state.toLowerCase()} cannot be ${VERBS[action]}`,
    );
  }
  const unmet = unmetCondition(request, action, now);
  if (unmet !== null) throw illegal(...unmet);
  return role;
}

function whoMay(
  request: CrossBorderRequest,
  action: RequestAction,
  typePolicy: RequestTypePolicy | undefined,
): Party | null {
  // A type the member stopped accepting after filing: its side can no longer act, the issuer can.
  const executing = (roles: (policy: RequestTypePolicy) => readonly Role[]): Party => ({
    side: 'EXECUTING',
    roles: typePolicy ? roles(typePolicy) : [],
  });
  const issuing: Party = {
    side: 'ISSUING',
    roles: [request.issuingRole, ...(typePolicy?.issuingRoles ?? [])],
  };
  // Judicial oversight of an authorisation belongs to the executing member's judges.
  const judge: Party = { side: 'EXECUTING', roles: ['JUDGE'], judgeOnly: true };
  switch (action) {
    case 'ACKNOWLEDGE':
      return executing((type) => type.acknowledgingRoles);
    case 'RECOGNISE':
    case 'REFUSE':
    case 'POSTPONE':
    case 'RESUME':
    case 'EXTEND':
      return executing((type) => type.decidingRoles);
    case 'REQUEST_CONSULTATION':
      return executing((type) => [...type.acknowledgingRoles, ...type.decidingRoles]);
    case 'EXECUTE':
      return executing((type) => type.executingRoles);
    case 'WITHDRAW':
    case 'ANSWER_CONSULTATION':
      return issuing;
    case 'REVOKE':
      if (request.type === 'FREEZING' || request.type === 'PRESERVATION') return issuing;
      return request.type === 'DE_ANONYMISATION' ? judge : null;
    case 'REVIEW_AUTHORISATION':
      return request.type === 'DE_ANONYMISATION' ? judge : null;
    case 'EXPIRE':
      return { side: 'SYSTEM' };
  }
}

function roleOf(request: CrossBorderRequest, actor: RequestActor, party: Party): Role | 'SYSTEM' {
  if (party.side === 'SYSTEM') {
    if (
      actor.subject === SYSTEM_SUBJECT &&
      actor.roles.length === 0 &&
      actor.country === request.executingState
    ) {
      return 'SYSTEM';
    }
    throw forbidden("Only the member's own clock expires a request");
  }
  const onSide =
    party.side === 'EXECUTING'
      ? actor.country === request.executingState
      : actor.country === request.issuingState && actor.agency === request.issuingAgency;
  const role = onSide ? actor.roles.find((held) => party.roles.includes(held)) : undefined;
  if (role !== undefined) return role;
  throw forbidden(
    party.side === 'ISSUING'
      ? 'Only the agency that filed this request, under an issuing role, may do this'
      : party.judgeOnly
        ? 'Only a judge of the executing member may do this'
        : "Only the executing member's authorities with the role for this step may do this",
  );
}

/** What the request's fields, besides its state, must allow: [reason, message], or null. */
function unmetCondition(
  request: CrossBorderRequest,
  action: RequestAction,
  now: string,
): [string, string] | null {
  switch (action) {
    case 'RECOGNISE':
      return request.recognisedAt === null
        ? null
        : ['ALREADY_RECOGNISED', 'This request is already recognised'];
    case 'EXECUTE':
      return request.recognisedAt !== null
        ? null
        : ['NOT_RECOGNISED', 'A request is recognised before it is executed'];
    case 'RESUME':
    case 'ANSWER_CONSULTATION':
      return request.resumeState !== null
        ? null
        : ['NO_RESUME_STATE', 'This request has no step to return to'];
    case 'EXTEND':
      return EXECUTED.includes(request.state) && request.expiresAt === null
        ? ['NO_DEADLINE', 'An executed request has no deadline left to extend']
        : null;
    case 'REVIEW_AUTHORISATION':
      return isDue(request.authorisationReviewAt, now) || request.authorisationReviewAt === null
        ? ['AUTHORISATION_LAPSED', 'The authorisation has lapsed; it can no longer be reviewed']
        : null;
    case 'EXPIRE':
      return isDue(request.expiresAt, now) || isDue(request.authorisationReviewAt, now)
        ? null
        : ['NOT_DUE', 'This request has not run out yet'];
    default:
      return null;
  }
}

function isDue(at: string | null, now: string): boolean {
  return at !== null && Date.parse(at) <= Date.parse(now);
}

function illegal(reason: string, message: string): RequestRefusal {
  return new RequestRefusal(ErrorCode.ILLEGAL_TRANSITION, reason, message);
}

function forbidden(message: string): RequestRefusal {
  return new RequestRefusal(ErrorCode.FORBIDDEN, 'ROLE_NOT_ALLOWED', message);
}
