import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../../../core/policy/RequestPolicy.js';
import type {
  RequestPolicy,
  RequestType,
  RequestTypePolicy,
} from '../../../../core/policy/RequestPolicy.js';
import {
  REQUEST_ACTIONS,
  REQUEST_STATES,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import type {
  CrossBorderRequest,
  RequestAction,
  RequestActor,
  RequestState,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { RequestRefusal } from '../../../../subgraphs/kit/requests/RequestRefusal.js';
import {
  allowedActions,
  transitionRequest,
} from '../../../../subgraphs/kit/requests/transitionRequest.js';
import type { TransitionInput } from '../../../../subgraphs/kit/requests/transitionRequest.js';
import { sampleForm, sampleRequest } from '../../../support/requestFixtures.js';

// The clock: Monday 6 May 2024, noon UTC. Requests were received on Friday 3 May, 10:00.
const NOW = '2024-05-06T12:00:00.000Z';
const LATER = '2025-06-01T00:00:00.000Z';

function typePolicy(extra: Partial<RequestTypePolicy> = {}): RequestTypePolicy {
  return {
    instrument: 'test',
    acceptedFrom: ['EU'],
    issuingRoles: ['PROSECUTOR', 'JUDGE'],
    acknowledgingRoles: ['CENTRAL_AUTHORITY'],
    decidingRoles: ['PROSECUTOR', 'JUDGE'],
    executingRoles: ['ASSET_RECOVERY_OFFICER'],
    deadlines: [
      {
        milestone: 'ACKNOWLEDGE',
        amount: 2,
        unit: 'WORKING_DAYS',
        from: 'RECEIPT',
        legalBasis: 'a',
      },
      { milestone: 'DECIDE', amount: 30, unit: 'DAYS', from: 'RECEIPT', legalBasis: 'b' },
      { milestone: 'EXECUTE', amount: 10, unit: 'DAYS', from: 'DECISION', legalBasis: 'c' },
    ],
    ...extra,
  };
}

const POLICY: RequestPolicy = {
  types: {
    PRESERVATION: typePolicy({
      deadlines: [
        ...typePolicy().deadlines,
        { milestone: 'EXPIRE', amount: 60, unit: 'DAYS', from: 'EXECUTION', legalBasis: 'd' },
      ],
    }),
    FREEZING: typePolicy({ validationRequiredFor: ['PROSECUTOR'] }),
    CONFISCATION: typePolicy(),
    DISCLOSURE: typePolicy(),
    DE_ANONYMISATION: typePolicy({ seriousCrimeMinPenaltyYears: 4, authorisationReviewDays: 90 }),
  },
  grounds: {
    NE_BIS_IN_IDEM: {
      label: 'Ne bis in idem',
      legalBasis: '2018/1805 Art. 8(1)(a)',
      use: 'REFUSAL',
    },
    ONGOING_INVESTIGATION: {
      label: 'Investigation',
      legalBasis: '2018/1805 Art. 10(1)(a)',
      use: 'POSTPONEMENT',
    },
    INCOMPLETE: { label: 'Incomplete', legalBasis: '2018/1805 Art. 8(1)(b)', use: 'BOTH' },
  },
  holidays: ['2024-05-09'],
};

const actor = (
  subject: string,
  roles: RequestActor['roles'],
  country: string,
  agency: string,
): RequestActor => ({ subject, roles, country, agency });
const CENTRAL = actor('de-ca-1', ['CENTRAL_AUTHORITY'], 'DE', 'DE-BfJ');
const DECIDER = actor('de-pros-1', ['ANALYST', 'PROSECUTOR'], 'DE', 'DE-StA');
const EXECUTOR = actor('de-aro-1', ['ASSET_RECOVERY_OFFICER'], 'DE', 'DE-BKA');
const JUDGE = actor('de-judge-1', ['JUDGE'], 'DE', 'DE-AG');
const ISSUER = actor('fr-pros-1', ['PROSECUTOR'], 'FR', 'FR-PNF');
const SYSTEM = actor('system', [], 'DE', 'DE clock');

/** The categories a request of this type asks for (sampleForm), all granted. */
function allCategories(type: RequestType) {
  const form = sampleForm(type);
  if (form.type === 'DISCLOSURE') return form.disclosure.categories.map((c) => c.category);
  if (form.type === 'DE_ANONYMISATION')
    return form.deAnonymisation.categories.map((c) => c.category);
  return null;
}

const RECOGNISED = (type: RequestType): Partial<CrossBorderRequest> => ({
  recognisedAt: '2024-05-04T09:00:00.000Z',
  recognisedBy: 'de-pros-1',
  grantedCategories: allCategories(type),
});

/** A consistent request of `type` in each state. */
function inState(type: RequestType, state: RequestState): CrossBorderRequest {
  const executed = {
    ...RECOGNISED(type),
    executedAt: '2024-05-05T10:00:00.000Z',
    expiresAt: type === 'PRESERVATION' ? '2024-07-04T10:00:00.000Z' : null,
    authorisationReviewAt: type === 'DE_ANONYMISATION' ? '2024-08-03T10:00:00.000Z' : null,
  };
  const changes: Record<RequestState, Partial<CrossBorderRequest>> = {
    SUBMITTED: {},
    ACKNOWLEDGED: {},
    UNDER_REVIEW: RECOGNISED(type),
    CONSULTATION: { resumeState: 'ACKNOWLEDGED' },
    POSTPONED: {
      ...RECOGNISED(type),
      resumeState: 'UNDER_REVIEW',
      ground: 'ONGOING_INVESTIGATION',
      reason: 'Searches planned',
      postponedUntil: '2024-06-01T00:00:00.000Z',
    },
    EXECUTED: executed,
    PARTIALLY_EXECUTED: executed,
    REFUSED: { ground: 'NE_BIS_IN_IDEM', reason: 'Already judged' },
    WITHDRAWN: {},
    EXPIRED: executed,
    REVOKED: executed,
  };
  return sampleRequest(type, { state, version: 5, ...changes[state] });
}

/** The actor entitled to take the action on a request of this type. */
function entitled(action: RequestAction, type: RequestType): RequestActor {
  switch (action) {
    case 'ACKNOWLEDGE':
      return CENTRAL;
    case 'EXECUTE':
      return EXECUTOR;
    case 'WITHDRAW':
    case 'ANSWER_CONSULTATION':
      return ISSUER;
    case 'REVOKE':
      return type === 'DE_ANONYMISATION' ? JUDGE : ISSUER;
    case 'REVIEW_AUTHORISATION':
      return JUDGE;
    case 'EXPIRE':
      return SYSTEM;
    default:
      return DECIDER;
  }
}

/** Valid details for the action on this request, so that only the state can stand in the way. */
function validInput(request: CrossBorderRequest, action: RequestAction): TransitionInput {
  const base = { action, actor: entitled(action, request.type), now: NOW };
  const extended = {
    SUBMITTED: 'ACKNOWLEDGE',
    ACKNOWLEDGED: 'DECIDE',
    CONSULTATION: 'DECIDE',
    UNDER_REVIEW: 'EXECUTE',
    POSTPONED: 'EXECUTE',
  } as const;
  switch (action) {
    case 'RECOGNISE':
      return { ...base, grantedCategories: allCategories(request.type) };
    case 'REFUSE':
      return { ...base, ground: 'NE_BIS_IN_IDEM', reason: 'Already judged in DE' };
    case 'POSTPONE':
      return {
        ...base,
        ground: 'ONGOING_INVESTIGATION',
        reason: 'Searches',
        postponedUntil: '2024-06-01T00:00:00Z',
      };
    case 'REQUEST_CONSULTATION':
      return { ...base, reason: 'The certificate lacks the legal qualification' };
    case 'EXTEND':
      return {
        ...base,
        milestone: extended[request.state as keyof typeof extended] ?? 'EXPIRE',
        until: '2024-12-01T00:00:00Z',
        reason: 'Volume of records',
      };
    case 'REVIEW_AUTHORISATION':
      return { ...base, reviewAt: '2024-07-01T00:00:00Z', reason: 'Still necessary' };
    case 'EXPIRE':
      return { ...base, now: LATER };
    default:
      return base;
  }
}

/** Where each action leads from each state, for every type; any other pair is illegal. */
function expectedState(
  type: RequestType,
  state: RequestState,
  action: RequestAction,
): RequestState | null {
  const executed = state === 'EXECUTED' || state === 'PARTIALLY_EXECUTED';
  if (executed) {
    if (action === 'REVOKE')
      return ['PRESERVATION', 'FREEZING', 'DE_ANONYMISATION'].includes(type) ? 'REVOKED' : null;
    if (action === 'REVIEW_AUTHORISATION') return type === 'DE_ANONYMISATION' ? state : null;
    if (action === 'EXPIRE')
      return ['PRESERVATION', 'DE_ANONYMISATION'].includes(type) ? 'EXPIRED' : null;
    if (action === 'EXTEND') return type === 'PRESERVATION' ? state : null;
    return null;
  }
  const table: Partial<Record<RequestState, Partial<Record<RequestAction, RequestState>>>> = {
    SUBMITTED: {
      ACKNOWLEDGE: 'ACKNOWLEDGED',
      REFUSE: 'REFUSED',
      EXTEND: 'SUBMITTED',
      WITHDRAW: 'WITHDRAWN',
    },
    ACKNOWLEDGED: {
      RECOGNISE: 'UNDER_REVIEW',
      REFUSE: 'REFUSED',
      POSTPONE: 'POSTPONED',
      REQUEST_CONSULTATION: 'CONSULTATION',
      EXTEND: 'ACKNOWLEDGED',
      WITHDRAW: 'WITHDRAWN',
    },
    // Recognised already: a second RECOGNISE is illegal, EXECUTE is next.
    UNDER_REVIEW: {
      REFUSE: 'REFUSED',
      POSTPONE: 'POSTPONED',
      REQUEST_CONSULTATION: 'CONSULTATION',
      EXECUTE: 'EXECUTED',
      EXTEND: 'UNDER_REVIEW',
      WITHDRAW: 'WITHDRAWN',
    },
    CONSULTATION: {
      REFUSE: 'REFUSED',
      ANSWER_CONSULTATION: 'ACKNOWLEDGED',
      EXTEND: 'CONSULTATION',
      WITHDRAW: 'WITHDRAWN',
    },
    POSTPONED: { RESUME: 'UNDER_REVIEW', EXTEND: 'POSTPONED', WITHDRAW: 'WITHDRAWN' },
  };
  return table[state]?.[action] ?? null;
}

function refusalOf(work: () => unknown): RequestRefusal {
  try {
    work();
  } catch (error) {
    if (error instanceof RequestRefusal) return error;
    throw error;
  }
  throw new Error('expected a RequestRefusal, nothing was thrown');
}

describe('transitionRequest: every (type, state, action)', () => {
  const cases = REQUEST_TYPES.flatMap((type) =>
    REQUEST_STATES.flatMap((state) =>
      REQUEST_ACTIONS.map(
        (action) => [type, state, action, expectedState(type, state, action)] as const,
      ),
    ),
  );
  it.each(cases)('%s %s -%s-> %s', (type, state, action, expected) => {
    const request = inState(type, state);
    const before = structuredClone(request);
    const input = validInput(request, action);
    if (expected === null) {
      expect(refusalOf(() => transitionRequest(request, input, POLICY)).code).toBe(
        'ILLEGAL_TRANSITION',
      );
    } else {
      const { request: after, transition } = transitionRequest(request, input, POLICY);
      expect(after.state).toBe(expected);
      expect(after.version).toBe(6);
      expect(after.updatedAt).toBe(input.now);
      expect(transition).toMatchObject({
        version: 6,
        action,
        from: state,
        to: expected,
        at: input.now,
      });
      expect(after).not.toBe(request);
    }
    expect(request).toEqual(before);
  });
});

describe('transitionRequest: the actor', () => {
  const OUTSIDER_ISSUER = actor('fr-gend-1', ['PROSECUTOR'], 'FR', 'FR-Gendarmerie');
  const FR_ANALYST = actor('fr-an-1', ['ANALYST'], 'FR', 'FR-PNF');
  const FR_CENTRAL = actor('fr-ca-1', ['CENTRAL_AUTHORITY'], 'FR', 'FR-BEPI');
  const FR_JUDGE = actor('fr-judge-1', ['JUDGE'], 'FR', 'FR-TJ');
  const BUSY_SYSTEM = actor('system', ['ADMIN'], 'DE', 'DE clock');
  const FOREIGN_SYSTEM = actor('system', [], 'FR', 'FR clock');

  // [action, type, state, wrong actor]
  const table: [RequestAction, RequestType, RequestState, RequestActor][] = [
    ['ACKNOWLEDGE', 'FREEZING', 'SUBMITTED', DECIDER],
    ['ACKNOWLEDGE', 'FREEZING', 'SUBMITTED', ISSUER],
    ['ACKNOWLEDGE', 'FREEZING', 'SUBMITTED', FR_CENTRAL],
    ['ACKNOWLEDGE', 'FREEZING', 'SUBMITTED', SYSTEM],
    ['RECOGNISE', 'FREEZING', 'ACKNOWLEDGED', CENTRAL],
    ['RECOGNISE', 'FREEZING', 'ACKNOWLEDGED', EXECUTOR],
    ['RECOGNISE', 'FREEZING', 'ACKNOWLEDGED', ISSUER],
    ['RECOGNISE', 'FREEZING', 'ACKNOWLEDGED', FR_JUDGE],
    ['REFUSE', 'FREEZING', 'ACKNOWLEDGED', CENTRAL],
    ['REFUSE', 'FREEZING', 'ACKNOWLEDGED', ISSUER],
    ['POSTPONE', 'FREEZING', 'ACKNOWLEDGED', EXECUTOR],
    ['RESUME', 'FREEZING', 'POSTPONED', CENTRAL],
    ['REQUEST_CONSULTATION', 'FREEZING', 'ACKNOWLEDGED', EXECUTOR],
    ['REQUEST_CONSULTATION', 'FREEZING', 'ACKNOWLEDGED', ISSUER],
    ['ANSWER_CONSULTATION', 'FREEZING', 'CONSULTATION', DECIDER],
    ['ANSWER_CONSULTATION', 'FREEZING', 'CONSULTATION', OUTSIDER_ISSUER],
    ['ANSWER_CONSULTATION', 'FREEZING', 'CONSULTATION', FR_ANALYST],
    ['EXECUTE', 'FREEZING', 'UNDER_REVIEW', DECIDER],
    ['EXECUTE', 'FREEZING', 'UNDER_REVIEW', CENTRAL],
    ['EXTEND', 'FREEZING', 'ACKNOWLEDGED', EXECUTOR],
    ['EXTEND', 'FREEZING', 'ACKNOWLEDGED', ISSUER],
    ['WITHDRAW', 'FREEZING', 'ACKNOWLEDGED', DECIDER],
    ['WITHDRAW', 'FREEZING', 'ACKNOWLEDGED', OUTSIDER_ISSUER],
    ['REVOKE', 'PRESERVATION', 'EXECUTED', JUDGE],
    ['REVOKE', 'FREEZING', 'EXECUTED', OUTSIDER_ISSUER],
    ['REVOKE', 'DE_ANONYMISATION', 'EXECUTED', ISSUER],
    ['REVOKE', 'DE_ANONYMISATION', 'EXECUTED', DECIDER],
    ['REVIEW_AUTHORISATION', 'DE_ANONYMISATION', 'EXECUTED', DECIDER],
    ['REVIEW_AUTHORISATION', 'DE_ANONYMISATION', 'EXECUTED', FR_JUDGE],
    ['EXPIRE', 'PRESERVATION', 'EXECUTED', JUDGE],
    ['EXPIRE', 'PRESERVATION', 'EXECUTED', BUSY_SYSTEM],
    ['EXPIRE', 'PRESERVATION', 'EXECUTED', FOREIGN_SYSTEM],
  ];
  it.each(table)('%s of a %s in %s by %o: ROLE_NOT_ALLOWED', (action, type, state, wrong) => {
    const request = inState(type, state);
    const before = structuredClone(request);
    const input = validInput(request, action);
    // The entitled actor may (so the refusal below is about the actor alone).
    expect(() => transitionRequest(request, input, POLICY)).not.toThrow();
    const refusal = refusalOf(() => transitionRequest(request, { ...input, actor: wrong }, POLICY));
    expect([refusal.code, refusal.reason]).toEqual(['FORBIDDEN', 'ROLE_NOT_ALLOWED']);
    expect(request).toEqual(before);
  });

  it('records the first of the actor’s roles the rule allows, and who acted', () => {
    const { transition } = transitionRequest(
      inState('FREEZING', 'ACKNOWLEDGED'),
      {
        action: 'REFUSE',
        actor: DECIDER,
        now: NOW,
        ground: ' INCOMPLETE ',
        reason: ' Annex I incomplete ',
      },
      POLICY,
    );
    expect(transition).toEqual({
      version: 6,
      action: 'REFUSE',
      from: 'ACKNOWLEDGED',
      to: 'REFUSED',
      actor: 'de-pros-1',
      role: 'PROSECUTOR',
      agency: 'DE-StA',
      country: 'DE',
      at: NOW,
      ground: 'INCOMPLETE',
      reason: 'Annex I incomplete',
    });
  });

  it('a central authority may ask for consultation too, under its own role', () => {
    const { transition } = transitionRequest(
      inState('FREEZING', 'ACKNOWLEDGED'),
      { action: 'REQUEST_CONSULTATION', actor: CENTRAL, now: NOW, reason: 'Annex I unsigned' },
      POLICY,
    );
    expect(transition.role).toBe('CENTRAL_AUTHORITY');
  });

  it('the member’s clock acts as SYSTEM', () => {
    const { transition } = transitionRequest(
      inState('PRESERVATION', 'EXECUTED'),
      validInput(inState('PRESERVATION', 'EXECUTED'), 'EXPIRE'),
      POLICY,
    );
    expect([transition.role, transition.actor]).toEqual(['SYSTEM', 'system']);
  });
});

describe('transitionRequest: what each action needs', () => {
  // [what, type, state, input changes, reason, field]
  const table: [
    string,
    RequestType,
    RequestState,
    RequestAction,
    Partial<TransitionInput>,
    string,
    string | null,
  ][] = [
    [
      'granted categories are required',
      'DISCLOSURE',
      'ACKNOWLEDGED',
      'RECOGNISE',
      { grantedCategories: null },
      'MISSING_FIELD',
      'grantedCategories',
    ],
    [
      'granting none is a refusal',
      'DE_ANONYMISATION',
      'ACKNOWLEDGED',
      'RECOGNISE',
      { grantedCategories: [] },
      'MISSING_FIELD',
      'grantedCategories',
    ],
    [
      'only requested categories',
      'DISCLOSURE',
      'ACKNOWLEDGED',
      'RECOGNISE',
      { grantedCategories: ['WATCHLIST_ENTRIES'] },
      'INVALID_FIELD',
      'grantedCategories',
    ],
    [
      'each category once',
      'DE_ANONYMISATION',
      'ACKNOWLEDGED',
      'RECOGNISE',
      { grantedCategories: ['IDENTITY', 'IDENTITY'] },
      'INVALID_FIELD',
      'grantedCategories',
    ],
    [
      'no categories for a freezing',
      'FREEZING',
      'ACKNOWLEDGED',
      'RECOGNISE',
      { grantedCategories: ['IDENTITY'] },
      'INVALID_FIELD',
      'grantedCategories',
    ],
    [
      'a refusal cites a ground',
      'FREEZING',
      'ACKNOWLEDGED',
      'REFUSE',
      { ground: null },
      'MISSING_FIELD',
      'ground',
    ],
    [
      'from the catalogue',
      'FREEZING',
      'ACKNOWLEDGED',
      'REFUSE',
      { ground: 'NOT_IN_CATALOGUE' },
      'UNKNOWN_GROUND',
      'ground',
    ],
    [
      'not an inherited property',
      'FREEZING',
      'ACKNOWLEDGED',
      'REFUSE',
      { ground: 'constructor' },
      'UNKNOWN_GROUND',
      'ground',
    ],
    [
      'a ground for refusal',
      'FREEZING',
      'ACKNOWLEDGED',
      'REFUSE',
      { ground: 'ONGOING_INVESTIGATION' },
      'UNKNOWN_GROUND',
      'ground',
    ],
    [
      'a refusal gives its reason',
      'FREEZING',
      'ACKNOWLEDGED',
      'REFUSE',
      { reason: '  ' },
      'MISSING_FIELD',
      'reason',
    ],
    [
      'a reason is a paragraph',
      'FREEZING',
      'ACKNOWLEDGED',
      'REFUSE',
      { reason: 'x'.repeat(2001) },
      'INVALID_FIELD',
      'reason',
    ],
    [
      'a ground for postponement',
      'FREEZING',
      'ACKNOWLEDGED',
      'POSTPONE',
      { ground: 'NE_BIS_IN_IDEM' },
      'UNKNOWN_GROUND',
      'ground',
    ],
    [
      'postponed until a date',
      'FREEZING',
      'ACKNOWLEDGED',
      'POSTPONE',
      { postponedUntil: null },
      'MISSING_FIELD',
      'postponedUntil',
    ],
    [
      'a future date',
      'FREEZING',
      'ACKNOWLEDGED',
      'POSTPONE',
      { postponedUntil: '2024-05-06T11:59:59Z' },
      'INVALID_FIELD',
      'postponedUntil',
    ],
    [
      'a real date',
      'FREEZING',
      'ACKNOWLEDGED',
      'POSTPONE',
      { postponedUntil: '2024-02-30T00:00:00Z' },
      'INVALID_FIELD',
      'postponedUntil',
    ],
    [
      'with its offset',
      'FREEZING',
      'ACKNOWLEDGED',
      'POSTPONE',
      { postponedUntil: '2024-06-01T00:00:00' },
      'INVALID_FIELD',
      'postponedUntil',
    ],
    [
      'a postponement gives its reason',
      'FREEZING',
      'ACKNOWLEDGED',
      'POSTPONE',
      { reason: null },
      'MISSING_FIELD',
      'reason',
    ],
    [
      'a consultation says what to correct',
      'FREEZING',
      'ACKNOWLEDGED',
      'REQUEST_CONSULTATION',
      { reason: null },
      'MISSING_FIELD',
      'reason',
    ],
    [
      'an extension names its deadline',
      'FREEZING',
      'ACKNOWLEDGED',
      'EXTEND',
      { milestone: null },
      'MISSING_FIELD',
      'milestone',
    ],
    [
      'not one already reached',
      'FREEZING',
      'ACKNOWLEDGED',
      'EXTEND',
      { milestone: 'ACKNOWLEDGE' },
      'INVALID_FIELD',
      'milestone',
    ],
    [
      'not one whose period has not started',
      'FREEZING',
      'ACKNOWLEDGED',
      'EXTEND',
      { milestone: 'EXECUTE' },
      'INVALID_FIELD',
      'milestone',
    ],
    [
      'not one the policy does not set',
      'FREEZING',
      'ACKNOWLEDGED',
      'EXTEND',
      { milestone: 'EXPIRE' },
      'INVALID_FIELD',
      'milestone',
    ],
    [
      'later than the current deadline',
      'FREEZING',
      'ACKNOWLEDGED',
      'EXTEND',
      { until: '2024-06-02T10:00:00Z' },
      'INVALID_FIELD',
      'until',
    ],
    [
      'an extension gives its reason',
      'FREEZING',
      'ACKNOWLEDGED',
      'EXTEND',
      { reason: '' },
      'MISSING_FIELD',
      'reason',
    ],
    [
      'a review date in the future',
      'DE_ANONYMISATION',
      'EXECUTED',
      'REVIEW_AUTHORISATION',
      { reviewAt: '2024-05-01T00:00:00Z' },
      'INVALID_FIELD',
      'reviewAt',
    ],
    [
      'within the review period',
      'DE_ANONYMISATION',
      'EXECUTED',
      'REVIEW_AUTHORISATION',
      { reviewAt: '2024-08-05T00:00:00Z' },
      'INVALID_FIELD',
      'reviewAt',
    ],
    [
      'a review gives its reason',
      'DE_ANONYMISATION',
      'EXECUTED',
      'REVIEW_AUTHORISATION',
      { reason: null },
      'MISSING_FIELD',
      'reason',
    ],
    [
      'a corrected form of the same type',
      'FREEZING',
      'CONSULTATION',
      'ANSWER_CONSULTATION',
      { form: sampleForm('CONFISCATION') },
      'INVALID_FIELD',
      'form',
    ],
    [
      'a corrected form still meets the policy',
      'FREEZING',
      'CONSULTATION',
      'ANSWER_CONSULTATION',
      { form: sampleForm('FREEZING') },
      'MISSING_FIELD',
      'input.freezing.validatingJudge',
    ],
  ];
  it.each(table)('%s (%s %s %s)', (_, type, state, action, changes, reason, field) => {
    const request = inState(type, state);
    const before = structuredClone(request);
    const input = validInput(request, action);
    expect(() => transitionRequest(request, input, POLICY)).not.toThrow();
    const refusal = refusalOf(() => transitionRequest(request, { ...input, ...changes }, POLICY));
    expect([refusal.code, refusal.reason, refusal.field]).toEqual([
      'BAD_USER_INPUT',
      reason,
      field,
    ]);
    expect(request).toEqual(before);
  });

  it('an overdue deadline is extended into the future, not just past its old time', () => {
    const request = inState('FREEZING', 'SUBMITTED');
    const input = { ...validInput(request, 'EXTEND'), now: '2024-05-20T00:00:00Z' };
    // Due end of Tuesday 7 May; the 10th is after it but already past.
    const refusal = refusalOf(() =>
      transitionRequest(request, { ...input, until: '2024-05-10T00:00:00Z' }, POLICY),
    );
    expect([refusal.reason, refusal.field]).toEqual(['INVALID_FIELD', 'until']);
  });
});

describe('transitionRequest: what each action does', () => {
  it('RECOGNISE records who, when, and the categories granted in the form’s order', () => {
    const request = inState('DISCLOSURE', 'ACKNOWLEDGED');
    const { request: after } = transitionRequest(
      request,
      {
        action: 'RECOGNISE',
        actor: DECIDER,
        now: NOW,
        grantedCategories: ['EXCHANGE_DISCLOSURES', 'FREEZING_ORDERS'],
      },
      POLICY,
    );
    expect([after.recognisedAt, after.recognisedBy, after.grantedCategories]).toEqual([
      NOW,
      'de-pros-1',
      ['FREEZING_ORDERS', 'EXCHANGE_DISCLOSURES'],
    ]);
    const freezing = transitionRequest(
      inState('FREEZING', 'ACKNOWLEDGED'),
      { action: 'RECOGNISE', actor: DECIDER, now: NOW },
      POLICY,
    );
    expect(freezing.request.grantedCategories).toBeNull();
  });

  it.each([
    ['DISCLOSURE', ['EXCHANGE_DISCLOSURES'], 'PARTIALLY_EXECUTED'],
    ['DISCLOSURE', ['FREEZING_ORDERS', 'EXCHANGE_DISCLOSURES'], 'EXECUTED'],
    ['DE_ANONYMISATION', ['IDENTITY'], 'PARTIALLY_EXECUTED'],
  ] as const)('EXECUTE of a %s granted %j: %s', (type, granted, expected) => {
    const request = { ...inState(type, 'UNDER_REVIEW'), grantedCategories: [...granted] };
    const { request: after } = transitionRequest(
      request,
      { action: 'EXECUTE', actor: EXECUTOR, now: NOW },
      POLICY,
    );
    expect([after.state, after.executedAt]).toEqual([expected, NOW]);
  });

  it('EXECUTE starts a preservation’s 60 days and a de-anonymisation’s review period', () => {
    const preserved = transitionRequest(
      inState('PRESERVATION', 'UNDER_REVIEW'),
      { action: 'EXECUTE', actor: EXECUTOR, now: NOW },
      POLICY,
    );
    expect([preserved.request.expiresAt, preserved.request.authorisationReviewAt]).toEqual([
      '2024-07-05T12:00:00.000Z',
      null,
    ]);
    const revealed = transitionRequest(
      inState('DE_ANONYMISATION', 'UNDER_REVIEW'),
      { action: 'EXECUTE', actor: EXECUTOR, now: NOW },
      POLICY,
    );
    expect([revealed.request.expiresAt, revealed.request.authorisationReviewAt]).toEqual([
      null,
      '2024-08-04T12:00:00.000Z',
    ]);
  });

  it('EXECUTE before recognition is illegal even from UNDER_REVIEW', () => {
    const request = {
      ...inState('FREEZING', 'UNDER_REVIEW'),
      recognisedAt: null,
      recognisedBy: null,
    };
    const refusal = refusalOf(() =>
      transitionRequest(request, { action: 'EXECUTE', actor: EXECUTOR, now: NOW }, POLICY),
    );
    expect([refusal.code, refusal.reason]).toEqual(['ILLEGAL_TRANSITION', 'NOT_RECOGNISED']);
  });

  it('POSTPONE keeps the state to return to; RESUME returns to it and clears the postponement', () => {
    const request = inState('FREEZING', 'UNDER_REVIEW');
    const postponed = transitionRequest(request, validInput(request, 'POSTPONE'), POLICY).request;
    expect(postponed).toMatchObject({
      state: 'POSTPONED',
      resumeState: 'UNDER_REVIEW',
      ground: 'ONGOING_INVESTIGATION',
      reason: 'Searches',
      postponedUntil: '2024-06-01T00:00:00.000Z',
    });
    const resumed = transitionRequest(
      postponed,
      { action: 'RESUME', actor: DECIDER, now: NOW },
      POLICY,
    ).request;
    expect(resumed).toMatchObject({
      state: 'UNDER_REVIEW',
      version: 7,
      resumeState: null,
      ground: null,
      reason: null,
      postponedUntil: null,
    });
  });

  it('a consultation answered with a corrected form replaces it, urgency included', () => {
    const request = inState('FREEZING', 'ACKNOWLEDGED');
    const consulting = transitionRequest(
      request,
      validInput(request, 'REQUEST_CONSULTATION'),
      POLICY,
    ).request;
    expect([consulting.state, consulting.resumeState]).toEqual(['CONSULTATION', 'ACKNOWLEDGED']);
    const original = sampleForm('FREEZING');
    if (original.type !== 'FREEZING') throw new Error('sampleForm');
    const corrected = {
      type: 'FREEZING' as const,
      freezing: {
        ...original.freezing,
        validatingJudge: 'Juge Martin',
        urgent: true,
        urgencyReason: 'Funds moving',
      },
    };
    const answered = transitionRequest(
      consulting,
      { action: 'ANSWER_CONSULTATION', actor: ISSUER, now: NOW, form: corrected },
      POLICY,
    ).request;
    expect([answered.state, answered.resumeState, answered.urgent, answered.form]).toEqual([
      'ACKNOWLEDGED',
      null,
      true,
      corrected,
    ]);
  });

  it('EXTEND appends the extension; renewing a standing order moves its expiry', () => {
    const acknowledged = inState('FREEZING', 'ACKNOWLEDGED');
    const extended = transitionRequest(
      acknowledged,
      validInput(acknowledged, 'EXTEND'),
      POLICY,
    ).request;
    expect(extended.extensions).toEqual([
      {
        milestone: 'DECIDE',
        until: '2024-12-01T00:00:00.000Z',
        reason: 'Volume of records',
        at: NOW,
      },
    ]);
    expect(extended.expiresAt).toBeNull();
    const preserved = inState('PRESERVATION', 'EXECUTED');
    const renewed = transitionRequest(preserved, validInput(preserved, 'EXTEND'), POLICY).request;
    expect([renewed.state, renewed.expiresAt]).toEqual(['EXECUTED', '2024-12-01T00:00:00.000Z']);
  });

  it('REVIEW_AUTHORISATION sets the next review; a lapsed authorisation cannot be reviewed', () => {
    const request = inState('DE_ANONYMISATION', 'EXECUTED');
    const reviewed = transitionRequest(
      request,
      validInput(request, 'REVIEW_AUTHORISATION'),
      POLICY,
    ).request;
    expect(reviewed.authorisationReviewAt).toBe('2024-07-01T00:00:00.000Z');
    const late = {
      ...validInput(request, 'REVIEW_AUTHORISATION'),
      now: '2024-08-03T10:00:00.000Z',
      reviewAt: '2024-09-01T00:00:00Z',
    };
    const refusal = refusalOf(() => transitionRequest(request, late, POLICY));
    expect([refusal.code, refusal.reason]).toEqual(['ILLEGAL_TRANSITION', 'AUTHORISATION_LAPSED']);
  });

  it.each([
    ['PRESERVATION', '2024-07-04T09:59:59.999Z', 'ILLEGAL_TRANSITION'],
    ['PRESERVATION', '2024-07-04T10:00:00.000Z', null],
    ['DE_ANONYMISATION', '2024-08-03T09:59:59.999Z', 'ILLEGAL_TRANSITION'],
    ['DE_ANONYMISATION', '2024-08-03T10:00:00.000Z', null],
  ] as const)('EXPIRE of a %s at %s: %s', (type, now, refused) => {
    const request = inState(type, 'EXECUTED');
    const work = () => transitionRequest(request, { action: 'EXPIRE', actor: SYSTEM, now }, POLICY);
    if (refused) expect(refusalOf(work).code).toBe(refused);
    else expect(work().request.state).toBe('EXPIRED');
  });

  it('a type the member no longer accepts: the issuer may still withdraw, the member may not act', () => {
    const policy = { ...POLICY, types: {} };
    const request = inState('FREEZING', 'ACKNOWLEDGED');
    expect(
      transitionRequest(request, { action: 'WITHDRAW', actor: ISSUER, now: NOW }, policy).request
        .state,
    ).toBe('WITHDRAWN');
    expect(
      refusalOf(() => transitionRequest(request, validInput(request, 'REFUSE'), policy)).reason,
    ).toBe('ROLE_NOT_ALLOWED');
  });
});

describe('allowedActions', () => {
  const table: [string, CrossBorderRequest, RequestActor, string, RequestAction[]][] = [
    [
      'central authority, received',
      inState('FREEZING', 'SUBMITTED'),
      CENTRAL,
      NOW,
      ['ACKNOWLEDGE'],
    ],
    ['decider, received', inState('FREEZING', 'SUBMITTED'), DECIDER, NOW, ['REFUSE', 'EXTEND']],
    ['issuer, received', inState('FREEZING', 'SUBMITTED'), ISSUER, NOW, ['WITHDRAW']],
    [
      'decider, acknowledged',
      inState('FREEZING', 'ACKNOWLEDGED'),
      DECIDER,
      NOW,
      ['RECOGNISE', 'REFUSE', 'POSTPONE', 'REQUEST_CONSULTATION', 'EXTEND'],
    ],
    [
      'central authority, acknowledged',
      inState('FREEZING', 'ACKNOWLEDGED'),
      CENTRAL,
      NOW,
      ['REQUEST_CONSULTATION'],
    ],
    ['executor, recognised', inState('FREEZING', 'UNDER_REVIEW'), EXECUTOR, NOW, ['EXECUTE']],
    [
      'issuer, in consultation',
      inState('FREEZING', 'CONSULTATION'),
      ISSUER,
      NOW,
      ['ANSWER_CONSULTATION', 'WITHDRAW'],
    ],
    [
      'judge, executed de-anonymisation',
      inState('DE_ANONYMISATION', 'EXECUTED'),
      JUDGE,
      NOW,
      ['REVOKE', 'REVIEW_AUTHORISATION'],
    ],
    ['issuer, executed preservation', inState('PRESERVATION', 'EXECUTED'), ISSUER, NOW, ['REVOKE']],
    ['clock, before the review date', inState('DE_ANONYMISATION', 'EXECUTED'), SYSTEM, NOW, []],
    ['clock, after it', inState('DE_ANONYMISATION', 'EXECUTED'), SYSTEM, LATER, ['EXPIRE']],
    ['anyone, refused', inState('FREEZING', 'REFUSED'), DECIDER, NOW, []],
    [
      'an agency that did not file it',
      inState('FREEZING', 'ACKNOWLEDGED'),
      actor('x', ['PROSECUTOR'], 'FR', 'FR-Other'),
      NOW,
      [],
    ],
  ];
  it.each(table)('%s', (_, request, who, now, expected) => {
    const before = structuredClone(request);
    expect(allowedActions(request, who, POLICY, now)).toEqual(expected);
    expect(request).toEqual(before);
  });
});
