import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { expandCountries } from '../../../core/policy/expandCountries.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { RequestMilestone, RequestPolicy } from '../../../core/policy/RequestPolicy.js';
import type { AuditEventInput } from '../audit/AuditEvent.js';
import type { AuditLog } from '../audit/openAuditLog.js';
import { requestParticipants } from '../audit/requestParticipants.js';
import { MAX_PAGE_SIZE } from '../jurisdictionResolvers.js';
import type { JurisdictionRegistries } from '../registry/types.js';
import type { SubgraphContext } from '../SubgraphContext.js';
import type {
  CrossBorderRequest,
  DataCategory,
  PropertyItem,
  RequestAction,
  RequestActor,
  RequestState,
  RequestSubject,
  RequestTransition,
} from './CrossBorderRequest.js';
import { currentDeadline } from './currentDeadline.js';
import { expireDueRequests } from './expireDueRequests.js';
import { findRequestSubject } from './findRequestSubject.js';
import { newRequest } from './newRequest.js';
import { parseRequestForm } from './parseRequestForm.js';
import { policyForRequest } from './policyForRequest.js';
import { requestDeadlines } from './requestDeadlines.js';
import { actorOf, isExecutingStaff, isIssuer, maySeeRequest } from './requestParties.js';
import { RequestRefusal } from './RequestRefusal.js';
import { RequestStoreError } from './RequestStoreError.js';
import { allowedActions, transitionRequest } from './transitionRequest.js';

export interface RequestResolverOptions {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  log: AuditLog;
  policy: JurisdictionPolicy;
  /** The member's registries, behind the recognised-orders view. */
  registries: JurisdictionRegistries;
  /** Called after an execution, revocation or expiry changed the recognised orders. */
  onRecognisedOrdersChanged: () => Promise<void>;
  /** The HKDF key of a case, to find the party behind a pseudonym the case was given. */
  caseKey: (caseRef: string) => Uint8Array;
  /**
   * Called once an EXECUTE is committed (and the recognised orders reloaded), with the
   * executor and the acting request's event: the evidence package is built there.
   */
  onExecuted?: (
    request: CrossBorderRequest,
    executor: RequestActor & { role: string },
    event: Omit<AuditEventInput, 'kind' | 'detail'>,
  ) => Promise<unknown>;
  now?: () => Date;
}

/** The form's categories a DISCLOSURE grants, per release field. */
const RECORD_CATEGORY = {
  freezingOrders: 'FREEZING_ORDERS',
  confiscationOrders: 'CONFISCATION_ORDERS',
  watchlistEntries: 'WATCHLIST_ENTRIES',
  exchangeDisclosures: 'EXCHANGE_DISCLOSURES',
} as const satisfies Record<string, DataCategory>;

/** The identity fields a DE_ANONYMISATION category opens. */
const IDENTITY_CATEGORY: Readonly<Record<keyof RequestSubject, DataCategory>> = {
  name: 'IDENTITY',
  firstName: 'IDENTITY',
  lastName: 'IDENTITY',
  birthDate: 'BIRTH_DATE',
  nationality: 'NATIONALITY',
  idNumber: 'IDENTITY_DOCUMENT',
};

const RELEASING_STATES: ReadonlySet<RequestState> = new Set(['EXECUTED', 'PARTIALLY_EXECUTED']);

interface ReleaseSource {
  request: CrossBorderRequest;
}

interface IdentitySource {
  subject: RequestSubject;
  granted: readonly DataCategory[];
}

/**
 * Where in the operation's input a refusal's field is: a form's fields are named from its
 * root (`input.freezing.…`), which is `details.form` when the form answers a consultation;
 * an action's own details are under `details`.
 */
function inputPathOf(field: string | null, operation: 'file' | 'act'): string | null {
  if (field === null || field === 'id') return field;
  if (operation === 'file') return field;
  return field.startsWith('input.')
    ? `details.form.${field.slice('input.'.length)}`
    : `details.${field}`;
}

function publicError(refusal: RequestRefusal, operation: 'file' | 'act'): GraphQLError {
  const inputPath = inputPathOf(refusal.field, operation);
  return new GraphQLError(refusal.message, {
    extensions: {
      code: refusal.code,
      reason: refusal.reason,
      ...(inputPath ? { inputPath } : {}),
    },
  });
}

/** The kit's refusals become public errors; anything else is the kit's fault and stays internal. */
async function refusalsAsErrors<T>(
  operation: 'file' | 'act',
  work: () => Promise<T> | T,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RequestRefusal) throw publicError(error, operation);
    if (error instanceof RequestStoreError) {
      throw error.code === 'VERSION_CONFLICT'
        ? new GraphQLError('The request changed since it was read; read it again and retry', {
            extensions: { code: ErrorCode.VERSION_CONFLICT },
          })
        : notFound();
    }
    throw error;
  }
}

function notFound(): GraphQLError {
  return new GraphQLError('No request with this id is visible to you', {
    extensions: { code: ErrorCode.NOT_FOUND, reason: 'REQUEST_NOT_FOUND' },
  });
}

function forbidden(reason: string, message: string, jurisdiction: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.FORBIDDEN, reason, jurisdiction },
  });
}

const walletRefs = (ids: readonly string[]) => ids.map((id) => ({ id }));

/**
 * Cross-border requests addressed to one member (docs/architecture.md §11): filing, the
 * actions of the state machine, the issuing and executing sides' lists, and the release of an
 * executed disclosure or de-anonymisation to the issuing case. The member's database is the
 * system of record; every filing and transition commits with its audit event.
 */
export function requestResolvers(options: RequestResolverOptions) {
  const { code, log, policy } = options;
  const requestPolicy: RequestPolicy = policy.requests;
  const now = options.now ?? (() => new Date());
  const policyOf = (request: Pick<CrossBorderRequest, 'type' | 'issuingState'>) =>
    policyForRequest(policy, request.type, request.issuingState);
  const expand = (refs: readonly string[]) => expandCountries(policy, refs);

  const eventOf = (
    context: SubgraphContext,
    at: string,
  ): Omit<AuditEventInput, 'kind' | 'detail'> => ({
    ...requestParticipants(context),
    occurredAt: at,
    jurisdiction: code,
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE',
  });

  const visible = async (id: string, context: SubgraphContext) => {
    const request = await log.requests.get(id);
    return request && maySeeRequest(context.caller, request, policyOf(request)) ? request : null;
  };

  /** The member's clock: standing orders past their time, authorisations past review, lapse. */
  const expireDue = async (at: Date) => {
    if ((await expireDueRequests(log, policy, at)) > 0) await options.onRecognisedOrdersChanged();
  };

  const history = (request: CrossBorderRequest): Promise<RequestTransition[]> =>
    log.requests.history(request.id);

  const deadlinesOf = async (request: CrossBorderRequest) => {
    const typePolicy = policyOf(request).types[request.type];
    if (!typePolicy) return [];
    return requestDeadlines(request, await history(request), typePolicy, requestPolicy.holidays);
  };

  const granted = (request: CrossBorderRequest, category: DataCategory) =>
    (request.grantedCategories ?? []).includes(category);

  const releaseRecords =
    <K extends keyof typeof RECORD_CATEGORY>(field: K) =>
    async (source: ReleaseSource, _: unknown, context: SubgraphContext) => {
      const { request } = source;
      if (!granted(request, RECORD_CATEGORY[field])) {
        throw forbidden('NOT_GRANTED', `${code} did not grant ${RECORD_CATEGORY[field]}`, code);
      }
      const wallets = request.form.type === 'DISCLOSURE' ? request.form.disclosure.wallets : [];
      const loader = {
        freezingOrders: context.loaders.freezingOrdersByWallet,
        confiscationOrders: context.loaders.confiscationOrdersByWallet,
        watchlistEntries: context.loaders.watchlistEntriesByWallet,
        exchangeDisclosures: context.loaders.disclosuresByWallet,
      }[field];
      const lists = await loader.loadMany(wallets);
      const records = new Map<string, { id: string }>();
      for (const list of lists) {
        if (list instanceof Error) throw list;
        for (const record of list) records.set(record.id, record);
      }
      context.releases.touch([...records.keys()]);
      return [...records.values()];
    };

  return {
    Jurisdiction: {
      request: async (_: unknown, args: { id: string }, context: SubgraphContext) => {
        await expireDue(now());
        return visible(args.id, context);
      },
      requests: async (
        _: unknown,
        args: {
          direction: 'INCOMING' | 'OUTGOING';
          states?: RequestState[] | null;
          types?: CrossBorderRequest['type'][] | null;
          first: number;
          after?: string | null;
        },
        context: SubgraphContext,
      ) => {
        if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
          throw new GraphQLError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'OUT_OF_RANGE' },
          });
        }
        const { caller } = context;
        if (args.direction === 'INCOMING' && !isExecutingStaff(caller, code, requestPolicy)) {
          throw forbidden(
            'NOT_EXECUTING_STAFF',
            `Only ${code}'s own staff handling requests see the requests addressed to ${code}`,
            code,
          );
        }
        await expireDue(now());
        const page = await log.requests.list(
          {
            ...(args.direction === 'INCOMING'
              ? { executingSide: true }
              : { issuer: { country: caller.homeCountry, agency: caller.agency } }),
            ...(args.states ? { states: args.states } : {}),
            ...(args.types ? { types: args.types } : {}),
          },
          { first: args.first, after: args.after ?? null },
        );
        return {
          nodes: page.requests,
          totalCount: page.totalCount,
          nextCursor: page.nextCursor,
        };
      },
    },
    JurisdictionMutations: {
      fileRequest: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
        refusalsAsErrors('file', async () => {
          const { caller } = context;
          if (!caller.caseRef) {
            throw new RequestRefusal(
              ErrorCode.BAD_USER_INPUT,
              'CASE_REF_REQUIRED',
              'A request is filed for a case: state its case reference',
            );
          }
          const at = now().toISOString();
          const form = parseRequestForm(args.input, at);
          const draft = newRequest(
            {
              id: 'pending',
              form,
              actor: actorOf(caller),
              caseRef: caller.caseRef,
              receivedAt: at,
              executingState: code,
            },
            policyForRequest(policy, form.type, caller.homeCountry),
            expand,
          );
          const request = { ...draft, id: await log.requests.nextId(code) };
          const transition = {
            version: 1,
            action: 'FILE' as const,
            from: null,
            to: request.state,
            actor: caller.subject,
            role: request.issuingRole,
            agency: caller.agency,
            country: caller.homeCountry,
            at,
            ground: null,
            reason: null,
          };
          const filed = await log.fileRequest(request, transition, eventOf(context, at));
          return filed.request;
        }),
      actOnRequest: (
        _: unknown,
        args: {
          id: string;
          version: number;
          action: RequestAction;
          details?: {
            ground?: string | null;
            reason?: string | null;
            postponedUntil?: string | null;
            grantedCategories?: DataCategory[] | null;
            milestone?: RequestMilestone | null;
            until?: string | null;
            reviewAt?: string | null;
            form?: unknown;
          } | null;
        },
        context: SubgraphContext,
      ) =>
        refusalsAsErrors('act', async () => {
          const at = now();
          await expireDue(at);
          const request = await visible(args.id, context);
          if (!request) throw notFound();
          if (request.version !== args.version)
            throw new RequestStoreError('VERSION_CONFLICT', 'stale version');
          if (args.action === 'EXPIRE') {
            throw new RequestRefusal(
              ErrorCode.FORBIDDEN,
              'ROLE_NOT_ALLOWED',
              `Requests expire by ${code}'s clock, not by a caller`,
            );
          }
          const details = args.details ?? {};
          const next = transitionRequest(
            request,
            {
              action: args.action,
              actor: actorOf(context.caller),
              now: at.toISOString(),
              ground: details.ground ?? null,
              reason: details.reason ?? null,
              postponedUntil: details.postponedUntil ?? null,
              grantedCategories: details.grantedCategories ?? null,
              milestone: details.milestone ?? null,
              until: details.until ?? null,
              reviewAt: details.reviewAt ?? null,
              form: details.form ? parseRequestForm(details.form, at.toISOString()) : null,
            },
            policyOf(request),
          );
          let updated = next.request;
          // What a de-anonymisation reveals is fixed when it is executed, so that what the
          // case receives is what the judge's decision covered, whatever the registry says later.
          if (args.action === 'EXECUTE' && updated.form.type === 'DE_ANONYMISATION') {
            const form = updated.form.deAnonymisation;
            const subject = await findRequestSubject(
              options.registries,
              { pseudonym: form.pseudonym, wallet: form.wallet },
              options.caseKey(request.caseRef),
            );
            if (!subject) {
              throw new RequestRefusal(
                ErrorCode.BAD_USER_INPUT,
                'SUBJECT_NOT_FOUND',
                `${code} holds no party behind this pseudonym or wallet for the case; refuse the request with a ground instead`,
                'id',
              );
            }
            updated = { ...updated, releasedSubject: subject };
          }
          const written = await log.transitionRequest(
            updated,
            args.version,
            next.transition,
            eventOf(context, at.toISOString()),
          );
          if (
            (updated.type === 'FREEZING' || updated.type === 'CONFISCATION') &&
            (args.action === 'EXECUTE' || args.action === 'REVOKE')
          ) {
            await options.onRecognisedOrdersChanged();
          }
          if (args.action === 'EXECUTE' && options.onExecuted) {
            try {
              await options.onExecuted(
                written.request,
                { ...actorOf(context.caller), role: next.transition.role },
                eventOf(context, at.toISOString()),
              );
            } catch (error) {
              // The execution stands (it is committed); its package is built on first read.
              console.warn(
                `[${code}] evidence package of ${written.request.id} deferred: ${(error as Error).name}`,
              );
            }
          }
          return written.request;
        }),
    },
    CrossBorderRequest: {
      status: (request: CrossBorderRequest) => request.state,
      instrument: (request: CrossBorderRequest) =>
        policyOf(request).types[request.type]?.instrument ?? '',
      dueAt: async (request: CrossBorderRequest) =>
        currentDeadline(await deadlinesOf(request), request, now().toISOString()).dueAt,
      dueFor: async (request: CrossBorderRequest) =>
        currentDeadline(await deadlinesOf(request), request, now().toISOString()).milestone,
      overdue: async (request: CrossBorderRequest) =>
        currentDeadline(await deadlinesOf(request), request, now().toISOString()).overdue,
      deadlines: deadlinesOf,
      ground: (request: CrossBorderRequest) => {
        const ground = request.ground ? requestPolicy.grounds[request.ground] : undefined;
        return ground && request.ground
          ? { code: request.ground, label: ground.label, legalBasis: ground.legalBasis }
          : null;
      },
      preservation: (request: CrossBorderRequest) =>
        request.form.type === 'PRESERVATION'
          ? { ...request.form.preservation, wallets: walletRefs(request.form.preservation.wallets) }
          : null,
      freezing: (request: CrossBorderRequest) =>
        request.form.type === 'FREEZING'
          ? { ...request.form.freezing, property: propertyView(request.form.freezing.property) }
          : null,
      confiscation: (request: CrossBorderRequest) =>
        request.form.type === 'CONFISCATION'
          ? {
              ...request.form.confiscation,
              property: propertyView(request.form.confiscation.property),
            }
          : null,
      disclosure: (request: CrossBorderRequest) =>
        request.form.type === 'DISCLOSURE'
          ? { ...request.form.disclosure, wallets: walletRefs(request.form.disclosure.wallets) }
          : null,
      deAnonymisation: (request: CrossBorderRequest) =>
        request.form.type === 'DE_ANONYMISATION'
          ? {
              ...request.form.deAnonymisation,
              wallet: request.form.deAnonymisation.wallet
                ? { id: request.form.deAnonymisation.wallet }
                : null,
            }
          : null,
      history,
      allowedActions: (request: CrossBorderRequest, _: unknown, context: SubgraphContext) =>
        allowedActions(request, actorOf(context.caller), policyOf(request), now().toISOString()),
      recognisedOrderId: (request: CrossBorderRequest) =>
        request.executedAt === null
          ? null
          : request.type === 'FREEZING'
            ? `rfo-${request.id}`
            : request.type === 'CONFISCATION'
              ? `rco-${request.id}`
              : null,
      release: (request: CrossBorderRequest, _: unknown, context: SubgraphContext) => {
        if (request.type !== 'DISCLOSURE' && request.type !== 'DE_ANONYMISATION') return null;
        const { caller } = context;
        if (!isIssuer(caller, request) || caller.caseRef !== request.caseRef) {
          throw forbidden(
            'NOT_ISSUING_CASE',
            `${code} releases what this request produced to the issuing case alone`,
            code,
          );
        }
        if (!RELEASING_STATES.has(request.state)) {
          throw forbidden(
            'NOT_EXECUTED',
            `${code} has not executed this request, or its authorisation has ended`,
            code,
          );
        }
        // The release is bound to the request: its audit event names it.
        context.audit.detail.crossBorderRequest = request.id;
        return { request } satisfies ReleaseSource;
      },
    },
    RequestRelease: {
      freezingOrders: releaseRecords('freezingOrders'),
      confiscationOrders: releaseRecords('confiscationOrders'),
      watchlistEntries: releaseRecords('watchlistEntries'),
      exchangeDisclosures: releaseRecords('exchangeDisclosures'),
      identity: (source: ReleaseSource, _: unknown, context: SubgraphContext) => {
        const { request } = source;
        if (request.type !== 'DE_ANONYMISATION' || !request.releasedSubject) return null;
        context.releases.touch([`${request.id}:subject`]);
        return {
          subject: request.releasedSubject,
          granted: request.grantedCategories ?? [],
        } satisfies IdentitySource;
      },
    },
    DeAnonymisedIdentity: Object.fromEntries(
      (Object.keys(IDENTITY_CATEGORY) as (keyof RequestSubject)[]).map((field) => [
        field,
        (source: IdentitySource) => {
          if (!source.granted.includes(IDENTITY_CATEGORY[field])) {
            throw forbidden(
              'NOT_GRANTED',
              `${code} did not grant ${IDENTITY_CATEGORY[field]}`,
              code,
            );
          }
          return source.subject[field];
        },
      ]),
    ),
  };
}

function propertyView(items: readonly PropertyItem[]) {
  return items.map((item) => ({ ...item, wallet: item.wallet ? { id: item.wallet } : null }));
}
