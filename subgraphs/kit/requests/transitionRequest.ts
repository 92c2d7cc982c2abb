import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { REQUEST_MILESTONES } from '../../../core/policy/RequestPolicy.js';
import type {
  RequestMilestone,
  RequestPolicy,
  RequestTypePolicy,
} from '../../../core/policy/RequestPolicy.js';
import { addPeriod } from './addPeriod.js';
import { checkRequestForm } from './checkRequestForm.js';
import { checkTransition } from './checkTransition.js';
import { REQUEST_ACTIONS } from './CrossBorderRequest.js';
import type {
  CrossBorderRequest,
  DataCategory,
  RequestAction,
  RequestActor,
  RequestForm,
  RequestState,
  RequestTransition,
} from './CrossBorderRequest.js';
import { isUrgent } from './isUrgent.js';
import { readInstant } from './readInstant.js';
import { readText } from './readText.js';
import { requestDeadlines } from './requestDeadlines.js';
import { RequestRefusal } from './RequestRefusal.js';

/** One action on a request, with what it needs beyond its name (see each action). */
export interface TransitionInput {
  action: RequestAction;
  actor: RequestActor;
  /** The member's clock, ISO 8601. */
  now: string;
  /** REFUSE, POSTPONE: a ground code of the member's catalogue. */
  ground?: string | null;
  /** Required for REFUSE, POSTPONE, REQUEST_CONSULTATION, EXTEND, REVIEW_AUTHORISATION. */
  reason?: string | null;
  postponedUntil?: string | null;
  /** RECOGNISE of a DISCLOSURE or DE_ANONYMISATION: the categories granted. */
  grantedCategories?: readonly DataCategory[] | null;
  /** EXTEND: which deadline, and until when. */
  milestone?: RequestMilestone | null;
  until?: string | null;
  /** REVIEW_AUTHORISATION: when a judge must next review. */
  reviewAt?: string | null;
  /** ANSWER_CONSULTATION: the corrected form, already parsed, of the request's own type. */
  form?: RequestForm | null;
}

export interface TransitionResult {
  request: CrossBorderRequest;
  /** To record in the member's audit chain, which gives it its `auditSeq`. */
  transition: Omit<RequestTransition, 'auditSeq'>;
}

/** What one action does: the state it leads to, the fields it sets, what the record cites. */
interface Outcome {
  to: RequestState;
  changes: Partial<CrossBorderRequest>;
  ground: string | null;
  reason: string | null;
}

/**
 * The request state machine: the request after `input.action`, and the transition to record,
 * or a RequestRefusal (ILLEGAL_TRANSITION, FORBIDDEN, BAD_USER_INPUT). The request passed in is
 * left as it was. Every success adds 1 to the version, which the store compares-and-sets.
 */
export function transitionRequest(
  request: CrossBorderRequest,
  input: TransitionInput,
  policy: RequestPolicy,
): TransitionResult {
  if (Number.isNaN(Date.parse(input.now))) throw new RangeError('now is an ISO 8601 date-time');
  const role = checkTransition(request, input.action, input.actor, policy, input.now);
  const outcome = outcomeOf(request, input, policy);
  const version = request.version + 1;
  return {
    request: {
      ...request,
      ...outcome.changes,
      state: outcome.to,
      version,
      updatedAt: input.now,
    },
    transition: {
      version,
      action: input.action,
      from: request.state,
      to: outcome.to,
      actor: input.actor.subject,
      role,
      agency: input.actor.agency,
      country: input.actor.country,
      at: input.now,
      ground: outcome.ground,
      reason: outcome.reason,
    },
  };
}

/** The actions `actor` may take on the request now, whatever details they would need. */
export function allowedActions(
  request: CrossBorderRequest,
  actor: RequestActor,
  policy: RequestPolicy,
  now: string,
): RequestAction[] {
  return REQUEST_ACTIONS.filter((action) => {
    try {
      checkTransition(request, action, actor, policy, now);
      return true;
    } catch (error) {
      if (error instanceof RequestRefusal) return false;
      throw error;
    }
  });
}

function outcomeOf(
  request: CrossBorderRequest,
  input: TransitionInput,
  policy: RequestPolicy,
): Outcome {
  const { state } = request;
  const optionalReason = () => readText(input.reason, 'reason', 'optional');
  switch (input.action) {
    case 'ACKNOWLEDGE':
      return { to: 'ACKNOWLEDGED', changes: {}, ground: null, reason: optionalReason() };
    case 'WITHDRAW':
      return { to: 'WITHDRAWN', changes: {}, ground: null, reason: optionalReason() };
    case 'REVOKE':
      return { to: 'REVOKED', changes: {}, ground: null, reason: optionalReason() };
    case 'EXPIRE':
      return { to: 'EXPIRED', changes: {}, ground: null, reason: null };
    case 'RECOGNISE':
      return {
        to: 'UNDER_REVIEW',
        changes: {
          recognisedAt: input.now,
          recognisedBy: input.actor.subject,
          grantedCategories: grantedFor(request.form, input.grantedCategories),
        },
        ground: null,
        reason: optionalReason(),
      };
    case 'REFUSE': {
      const ground = groundFor(input.ground, policy, 'REFUSAL');
      const reason = readText(input.reason, 'reason');
      return { to: 'REFUSED', changes: { ground, reason, resumeState: null }, ground, reason };
    }
    case 'POSTPONE': {
      const ground = groundFor(input.ground, policy, 'POSTPONEMENT');
      const reason = readText(input.reason, 'reason');
      const postponedUntil = laterThan(input.postponedUntil, 'postponedUntil', input.now);
      return {
        to: 'POSTPONED',
        changes: { ground, reason, postponedUntil, resumeState: state },
        ground,
        reason,
      };
    }
    case 'RESUME':
      return {
        to: resumeStateOf(request),
        changes: { ground: null, reason: null, postponedUntil: null, resumeState: null },
        ground: null,
        reason: optionalReason(),
      };
    case 'REQUEST_CONSULTATION':
      return {
        to: 'CONSULTATION',
        changes: { resumeState: state },
        ground: null,
        reason: readText(input.reason, 'reason'),
      };
    case 'ANSWER_CONSULTATION':
      return {
        to: resumeStateOf(request),
        changes: { resumeState: null, ...correctedForm(request, input.form ?? null, policy) },
        ground: null,
        reason: optionalReason(),
      };
    case 'EXECUTE':
      return {
        to: partlyGranted(request) ? 'PARTIALLY_EXECUTED' : 'EXECUTED',
        changes: executionChanges(request, input.now, policy),
        ground: null,
        reason: optionalReason(),
      };
    case 'EXTEND':
      return { to: state, ...extension(request, input, policy), ground: null };
    case 'REVIEW_AUTHORISATION': {
      const reason = readText(input.reason, 'reason');
      const reviewDays = typePolicyOf(request, policy).authorisationReviewDays;
      const reviewAt = laterThan(input.reviewAt, 'reviewAt', input.now);
      const longest =
        reviewDays === undefined ? null : addPeriod(input.now, reviewDays, 'DAYS', []);
      // Oversight stays periodic: a judge renews for at most the member's review period.
      if (longest !== null && Date.parse(reviewAt) > Date.parse(longest)) {
        throw invalid('reviewAt', `The next review is due within ${reviewDays} days`);
      }
      return { to: state, changes: { authorisationReviewAt: reviewAt }, ground: null, reason };
    }
  }
}

/** The categories a DISCLOSURE or DE_ANONYMISATION asks for, in the form's order; else null. */
function requestedCategories(form: RequestForm): DataCategory[] | null {
  if (form.type === 'DISCLOSURE') return form.disclosure.categories.map((item) => item.category);
  if (form.type === 'DE_ANONYMISATION') {
    return form.deAnonymisation.categories.map((item) => item.category);
  }
  return null;
}

function grantedFor(
  form: RequestForm,
  granted: readonly DataCategory[] | null | undefined,
): DataCategory[] | null {
  const requested = requestedCategories(form);
  if (requested === null) {
    if (granted && granted.length > 0) {
      throw invalid(
        'grantedCategories',
        'Only a disclosure or a de-anonymisation grants categories',
      );
    }
    return null;
  }
  if (!granted || granted.length === 0) {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'MISSING_FIELD',
      'Name the categories granted; to grant none, refuse the request',
      'grantedCategories',
    );
  }
  if (new Set(granted).size !== granted.length || granted.some((c) => !requested.includes(c))) {
    throw invalid(
      'grantedCategories',
      'Only categories the request asks for can be granted, each once',
    );
  }
  return requested.filter((category) => granted.includes(category));
}

function partlyGranted(request: CrossBorderRequest): boolean {
  const requested = requestedCategories(request.form);
  const granted = request.grantedCategories;
  return requested !== null && granted !== null && requested.some((c) => !granted.includes(c));
}

function executionChanges(
  request: CrossBorderRequest,
  now: string,
  policy: RequestPolicy,
): Partial<CrossBorderRequest> {
  const typePolicy = typePolicyOf(request, policy);
  const executed = { ...request, executedAt: now };
  // A standing order's life runs from its execution (2023/1543 Art. 11: 60 days preserved).
  const expiresAt =
    requestDeadlines(executed, [], typePolicy, policy.holidays).find(
      (deadline) => deadline.milestone === 'EXPIRE' && deadline.dueAt !== null,
    )?.dueAt ?? null;
  if (request.type !== 'DE_ANONYMISATION') return { executedAt: now, expiresAt };
  // Fail closed: an authorisation nobody is due to review would never lapse.
  if (typePolicy.authorisationReviewDays === undefined) {
    throw new Error('the DE_ANONYMISATION policy has no authorisationReviewDays');
  }
  return {
    executedAt: now,
    expiresAt,
    authorisationReviewAt: addPeriod(now, typePolicy.authorisationReviewDays, 'DAYS', []),
  };
}

function extension(
  request: CrossBorderRequest,
  input: TransitionInput,
  policy: RequestPolicy,
): Pick<Outcome, 'changes' | 'reason'> {
  const milestone = input.milestone;
  if (!milestone) {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'MISSING_FIELD',
      'Name the deadline to extend',
      'milestone',
    );
  }
  if (!REQUEST_MILESTONES.includes(milestone)) throw invalid('milestone', 'No such deadline');
  const reason = readText(input.reason, 'reason');
  const running = reached(request, milestone)
    ? []
    : requestDeadlines(request, [], typePolicyOf(request, policy), policy.holidays).flatMap(
        (deadline) =>
          deadline.milestone === milestone && deadline.dueAt !== null ? [deadline.dueAt] : [],
      );
  if (running.length === 0) throw invalid('milestone', 'No deadline for this step is running');
  const until = laterThan(
    input.until,
    'until',
    [input.now, ...running],
    'An extension ends after the current deadline, and in the future',
  );
  return {
    changes: {
      extensions: [...request.extensions, { milestone, until, reason, at: input.now }],
      // Renewing a standing order moves the time the member's clock expires it.
      ...(milestone === 'EXPIRE' ? { expiresAt: until } : {}),
    },
    reason,
  };
}

/** Whether the request's own fields show the milestone reached (no history needed). */
function reached(request: CrossBorderRequest, milestone: RequestMilestone): boolean {
  switch (milestone) {
    case 'ACKNOWLEDGE':
      return request.state !== 'SUBMITTED';
    case 'DECIDE':
      return request.recognisedAt !== null;
    case 'EXECUTE':
      return request.executedAt !== null;
    case 'EXPIRE':
      return false;
  }
}

function correctedForm(
  request: CrossBorderRequest,
  form: RequestForm | null,
  policy: RequestPolicy,
): Partial<CrossBorderRequest> {
  if (form === null) return {};
  if (form.type !== request.type) {
    throw invalid('form', 'A corrected form is of the same type as the request');
  }
  const typePolicy = policy.types[request.type];
  if (typePolicy) checkRequestForm(form, request.issuingRole, typePolicy);
  return { form, urgent: isUrgent(form) };
}

function groundFor(
  value: string | null | undefined,
  policy: RequestPolicy,
  use: 'REFUSAL' | 'POSTPONEMENT',
): string {
  const code = readText(value, 'ground');
  const ground = Object.hasOwn(policy.grounds, code) ? policy.grounds[code] : undefined;
  if (!ground || (ground.use !== use && ground.use !== 'BOTH')) {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'UNKNOWN_GROUND',
      use === 'REFUSAL'
        ? "This is not a ground for refusal in the member's catalogue"
        : "This is not a ground for postponement in the member's catalogue",
      'ground',
    );
  }
  return code;
}

/** A required instant strictly later than every one of `after`, in UTC. */
function laterThan(
  value: string | null | undefined,
  field: string,
  after: string | readonly string[],
  message = `${field} must be in the future`,
): string {
  const at = readInstant(value, field);
  const bound = Math.max(...[after].flat().map((instant) => Date.parse(instant)));
  if (Date.parse(at) <= bound) throw invalid(field, message);
  return at;
}

function resumeStateOf(request: CrossBorderRequest): RequestState {
  // checkTransition refuses RESUME and ANSWER_CONSULTATION without a resumeState.
  if (request.resumeState === null) throw new Error('no resumeState to return to');
  return request.resumeState;
}

function typePolicyOf(request: CrossBorderRequest, policy: RequestPolicy): RequestTypePolicy {
  const typePolicy = policy.types[request.type];
  // Executing-side actions need a role from this policy, so checkTransition refused already.
  if (!typePolicy) throw new Error(`no policy for ${request.type} requests`);
  return typePolicy;
}

function invalid(field: string, message: string): RequestRefusal {
  return new RequestRefusal(ErrorCode.BAD_USER_INPUT, 'INVALID_FIELD', message, field);
}
