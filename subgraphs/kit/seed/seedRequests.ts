import { expandCountries } from '../../../core/policy/expandCountries.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type {
  RequestPolicy,
  RequestType,
  RequestTypePolicy,
} from '../../../core/policy/RequestPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import type { AuditLog } from '../audit/openAuditLog.js';
import type {
  CrossBorderRequest,
  RequestAction,
  RequestActor,
  RequestForm,
  RequestState,
} from '../requests/CrossBorderRequest.js';
import { newRequest } from '../requests/newRequest.js';
import { policyForRequest } from '../requests/policyForRequest.js';
import type { TransitionInput } from '../requests/transitionRequest.js';
import { transitionRequest } from '../requests/transitionRequest.js';
import { crossBorderWallets } from './crossBorderWallets.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One step of a seeded request's path: who acts (the issuer or a role of the member) and how. */
interface Step {
  action: RequestAction;
  by: 'ISSUER' | 'ACKNOWLEDGING' | 'DECIDING' | 'EXECUTING' | 'SYSTEM';
  details?: (
    request: CrossBorderRequest,
    policy: RequestPolicy,
    at: number,
  ) => Partial<TransitionInput>;
}

const ACK: Step = { action: 'ACKNOWLEDGE', by: 'ACKNOWLEDGING' };
const RECOGNISE: Step = {
  action: 'RECOGNISE',
  by: 'DECIDING',
  details: (request) => ({ grantedCategories: requested(request) }),
};
const RECOGNISE_PART: Step = {
  action: 'RECOGNISE',
  by: 'DECIDING',
  details: (request) => ({ grantedCategories: requested(request)?.slice(0, 1) ?? null }),
};
const EXECUTE: Step = { action: 'EXECUTE', by: 'EXECUTING' };

function groundFor(policy: RequestPolicy, use: 'REFUSAL' | 'POSTPONEMENT'): string {
  const found = Object.entries(policy.grounds).find(
    ([, ground]) => ground.use === use || ground.use === 'BOTH',
  );
  if (!found) throw new Error(`the request policy names no ${use.toLowerCase()} ground`);
  return found[0];
}

/**
 * The paths that leave a request in each state. Every state of the machine is reached by
 * some path; which ones a request type can take is the machine's business (a path it refuses
 * is skipped, not forced).
 */
const PATHS: Readonly<Record<RequestState, readonly Step[]>> = {
  SUBMITTED: [],
  ACKNOWLEDGED: [ACK],
  UNDER_REVIEW: [ACK, RECOGNISE],
  CONSULTATION: [
    ACK,
    {
      action: 'REQUEST_CONSULTATION',
      by: 'ACKNOWLEDGING',
      details: () => ({ reason: 'The certificate does not state the legal qualification in full' }),
    },
  ],
  POSTPONED: [
    ACK,
    {
      action: 'POSTPONE',
      by: 'DECIDING',
      details: (_request, policy, at) => ({
        ground: groundFor(policy, 'POSTPONEMENT'),
        reason: 'A domestic investigation of the same wallets is under way',
        postponedUntil: new Date(at + 30 * DAY).toISOString(),
      }),
    },
  ],
  EXECUTED: [ACK, RECOGNISE, EXECUTE],
  PARTIALLY_EXECUTED: [ACK, RECOGNISE_PART, EXECUTE],
  REFUSED: [
    ACK,
    {
      action: 'REFUSE',
      by: 'DECIDING',
      details: (_request, policy) => ({
        ground: groundFor(policy, 'REFUSAL'),
        reason: 'Examined on the certificate and the file sent with it',
      }),
    },
  ],
  WITHDRAWN: [{ action: 'WITHDRAW', by: 'ISSUER' }],
  REVOKED: [ACK, RECOGNISE, EXECUTE, { action: 'REVOKE', by: 'ISSUER' }],
  EXPIRED: [ACK, RECOGNISE, EXECUTE, { action: 'EXPIRE', by: 'SYSTEM' }],
};

function requested(request: CrossBorderRequest) {
  if (request.form.type === 'DISCLOSURE')
    return request.form.disclosure.categories.map((c) => c.category);
  if (request.form.type === 'DE_ANONYMISATION') {
    return request.form.deAnonymisation.categories.map((c) => c.category);
  }
  return null;
}

function form(type: RequestType, wallet: string, issuer: string, index: number): RequestForm {
  const authority = `${issuer} — competent authority ${1 + (index % 3)}`;
  const offence = ['Money laundering', 'Fraud', 'Ransomware extortion'][index % 3]!;
  switch (type) {
    case 'PRESERVATION':
      return {
        type,
        preservation: {
          issuingAuthority: authority,
          offence,
          wallets: [wallet],
          recordIds: [],
          reason: 'Production order to follow',
        },
      };
    case 'FREEZING':
      return {
        type,
        freezing: {
          issuingAuthority: authority,
          validatingJudge: `${issuer} — investigating judge`,
          offence,
          legalQualification: `${offence} under the law of ${issuer}`,
          property: [{ wallet, vaspAccount: null, asset: 'BTC', amount: `${1 + (index % 7)}.5` }],
          urgent: index % 2 === 0,
          urgencyReason: index % 2 === 0 ? 'Funds are being moved' : null,
          victimsInterests: null,
        },
      };
    case 'CONFISCATION':
      return {
        type,
        confiscation: {
          issuingAuthority: authority,
          offence,
          legalQualification: `${offence} under the law of ${issuer}`,
          decidedAt: '2026-01-15T00:00:00.000Z',
          finalAt: '2026-03-01T00:00:00.000Z',
          property: [{ wallet, vaspAccount: null, asset: 'ETH', amount: `${10 + index}` }],
          freezingRequestId: null,
          victimsInterests: 'Victims identified; claims expected',
        },
      };
    case 'DISCLOSURE':
      return {
        type,
        disclosure: {
          issuingAuthority: authority,
          offence,
          wallets: [wallet],
          categories: [
            { category: 'WATCHLIST_ENTRIES', justification: 'Whether the holder is listed' },
            { category: 'EXCHANGE_DISCLOSURES', justification: 'Who sent the funds to the wallet' },
          ],
          emergency: false,
          emergencyReason: null,
        },
      };
    case 'DE_ANONYMISATION':
      return {
        type,
        deAnonymisation: {
          issuingAuthority: authority,
          offence,
          maxPenaltyYears: 10,
          judicialAuthorisation: `${issuer}-AUTH-${1000 + index}`,
          pseudonym: null,
          wallet,
          categories: [
            {
              category: 'IDENTITY',
              necessity: 'The holder is a suspect',
              proportionality: 'Name only',
            },
            {
              category: 'BIRTH_DATE',
              necessity: 'Tell namesakes apart',
              proportionality: 'Date only',
            },
          ],
          lessIntrusiveMeans: 'Open sources and exchange records were checked first',
          retentionDays: 365,
          noticeDeferredUntil: '2027-12-31T00:00:00.000Z',
        },
      };
  }
}

function roleFor(typePolicy: RequestTypePolicy, by: Step['by'], issuing: boolean): Role | null {
  if (by === 'ISSUER' || issuing) return typePolicy.issuingRoles[0] ?? null;
  if (by === 'ACKNOWLEDGING') return typePolicy.acknowledgingRoles[0] ?? null;
  if (by === 'DECIDING') return typePolicy.decidingRoles[0] ?? null;
  if (by === 'EXECUTING') return typePolicy.executingRoles[0] ?? null;
  return null;
}

/**
 * Seeds requests addressed to member `policy.jurisdiction` from every other member it accepts
 * them from, driven through the real state machine into every state, and stored through its
 * audit log like any request (so every step is in its chain). Times run back from `now`, so
 * some deadlines have passed. De-anonymisations are not executed here: execution looks up
 * the person in the registries, which the running member does. Does nothing when the member
 * already holds requests. Returns the number of requests written.
 */
export async function seedRequests(options: {
  log: AuditLog;
  policy: JurisdictionPolicy;
  /** Every member's code, upper case. */
  members: readonly string[];
  now: Date;
}): Promise<number> {
  const { log, policy } = options;
  const code = policy.jurisdiction;
  const existing = await log.requests.list({ executingSide: true }, { first: 1, after: null });
  if (existing.totalCount > 0) return 0;
  const wallets = crossBorderWallets();
  const expand = (refs: readonly string[]) => expandCountries(policy, refs);
  const states = Object.keys(PATHS) as RequestState[];
  let index = 0;
  let written = 0;
  for (const issuer of options.members.filter((member) => member !== code)) {
    for (const [type, typePolicy] of Object.entries(policy.requests.types) as [
      RequestType,
      RequestTypePolicy,
    ][]) {
      for (const target of states) {
        if (type === 'DE_ANONYMISATION' && PATHS[target].some((step) => step.action === 'EXECUTE'))
          continue;
        const issuerRole = typePolicy.issuingRoles[0];
        if (!issuerRole) continue;
        const issuerActor: RequestActor = {
          subject: `seed-${issuer.toLowerCase()}-${issuerRole.toLowerCase()}`,
          roles: [issuerRole],
          country: issuer,
          agency: `${issuer} central prosecution`,
        };
        // Each request starts a little further back, so its steps lie in the past.
        // (Far enough back for a standing order to have run out, when that is the target.)
        const daysBack = target === 'EXPIRED' ? 75 : 2 + (index % 40);
        const start = options.now.getTime() - daysBack * DAY - (index % 24) * HOUR;
        let request: CrossBorderRequest;
        try {
          request = newRequest(
            {
              id: 'pending',
              form: form(type, wallets[index % wallets.length]!, issuer, index),
              actor: issuerActor,
              caseRef: `${issuer}-SEED-${String(index + 1).padStart(4, '0')}`,
              receivedAt: new Date(start).toISOString(),
              executingState: code,
            },
            policyForRequest(policy, type, issuer),
            expand,
          );
        } catch {
          // Not accepted from this issuer (country, role or threshold): nothing to seed.
          break;
        }
        index += 1;
        const requestPolicy = policyForRequest(policy, type, issuer);
        const steps = PATHS[target];
        let at = start;
        const plan: { input: TransitionInput; actor: RequestActor }[] = [];
        let draft = request;
        let possible = true;
        for (const [stepIndex, step] of steps.entries()) {
          at = step.by === 'SYSTEM' ? options.now.getTime() : start + (stepIndex + 1) * 6 * HOUR;
          const role =
            step.by === 'SYSTEM' ? null : roleFor(typePolicy, step.by, step.by === 'ISSUER');
          const actor: RequestActor =
            step.by === 'SYSTEM'
              ? { subject: 'system', roles: [], country: code, agency: `${code} request clock` }
              : step.by === 'ISSUER'
                ? issuerActor
                : {
                    subject: `seed-${code.toLowerCase()}-${role!.toLowerCase()}`,
                    roles: [role!],
                    country: code,
                    agency: `${code} competent authority`,
                  };
          const input: TransitionInput = {
            action: step.action,
            actor,
            now: new Date(at).toISOString(),
            ...(step.details?.(draft, requestPolicy, at) ?? {}),
          };
          try {
            draft = transitionRequest(draft, input, requestPolicy).request;
          } catch {
            possible = false;
            break;
          }
          plan.push({ input, actor });
        }
        if (!possible) continue;
        request = { ...request, id: await log.requests.nextId(code) };
        await file(log, request, issuerActor);
        let current = request;
        for (const { input, actor } of plan) {
          const next = transitionRequest(current, input, requestPolicy);
          await log.transitionRequest(
            next.request,
            current.version,
            next.transition,
            event(code, actor, current, input.now),
          );
          current = next.request;
        }
        written += 1;
      }
    }
  }
  return written;
}

function event(code: string, actor: RequestActor, request: CrossBorderRequest, at: string) {
  return {
    occurredAt: at,
    jurisdiction: code,
    actor: actor.subject,
    roles: [...actor.roles],
    agency: actor.agency,
    homeCountry: actor.country,
    purpose: null,
    caseRef: request.caseRef,
    requestId: `seed-${request.id}-${at}`,
    operationHash: '',
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE' as const,
    emergency: false,
  };
}

async function file(log: AuditLog, request: CrossBorderRequest, issuer: RequestActor) {
  await log.fileRequest(
    request,
    {
      version: 1,
      action: 'FILE',
      from: null,
      to: request.state,
      actor: issuer.subject,
      role: request.issuingRole,
      agency: issuer.agency,
      country: issuer.country,
      at: request.receivedAt,
      ground: null,
      reason: null,
    },
    event(request.executingState, issuer, request, request.receivedAt),
  );
}
