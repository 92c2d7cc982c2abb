import { GraphQLError } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { JWK } from 'jose';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { AuditLog } from '../audit/AuditLog.js';
import { requestParticipants } from '../audit/requestParticipants.js';
import type { JurisdictionRegistries } from '../registry/types.js';
import type { CrossBorderRequest, RequestActor } from '../requests/CrossBorderRequest.js';
import { isIssuer } from '../requests/requestParties.js';
import type { SubgraphContext } from '../SubgraphContext.js';
import { buildEvidencePackage } from './buildEvidencePackage.js';
import { custodyNoteProblem } from './custodyNoteProblem.js';
import type { EvidenceEventBase } from './EvidenceLog.js';
import { EVIDENCE_REQUEST_TYPES } from './EvidencePackage.js';
import type { CustodyEntry, EvidencePackage, HolderCustodyAction } from './EvidencePackage.js';
import { receiptPayload, RECEIPT_JWS_TYPE } from './receiptPayload.js';
import { releaseForEvidence } from './releaseForEvidence.js';
import { detachedJwsProblem } from './verifyDetachedJws.js';

export interface EvidenceResolverOptions {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  log: AuditLog;
  policy: JurisdictionPolicy;
  registries: JurisdictionRegistries;
  caseKey: (caseRef: string) => Uint8Array;
  /** The member's transformed schema, once built (the release runs through it). */
  schema: () => GraphQLSchema | null;
  /** A member's published public key, by ISO code (upper case); null when none is known. */
  publishedKey: (country: string) => Promise<JWK | null>;
  now?: () => Date;
}

const PACKAGED: ReadonlySet<string> = new Set(EVIDENCE_REQUEST_TYPES);

function custodyView(entry: CustodyEntry) {
  return {
    seq: entry.seq,
    action: entry.action,
    at: entry.at,
    actor: entry.actor.subject,
    role: entry.actor.role,
    agency: entry.actor.agency,
    country: entry.actor.country,
    detail: canonicalJson(entry.detail),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

function notFound(): GraphQLError {
  return new GraphQLError('No evidence package with this request is visible to you', {
    extensions: { code: ErrorCode.NOT_FOUND, reason: 'EVIDENCE_NOT_FOUND' },
  });
}

/**
 * Evidence packages (docs/evidence.md): built when a request of a packaged type is executed,
 * read by the issuing case through `request(id) { evidence }` (each read a RETRIEVED custody
 * entry, in the audit log too), receipts countersigned by the receiver's key, and the
 * receiver's own handling of its copy. Anyone but the issuing agency stating the issuing case
 * gets null, or NOT_FOUND for the mutations.
 */
export function evidenceResolvers(options: EvidenceResolverOptions) {
  const { code, log } = options;
  const now = options.now ?? (() => new Date());
  const instrumentOf = (request: CrossBorderRequest) =>
    options.policy.requests.types[request.type]?.instrument ?? request.type;

  const eventBase = (
    context: Pick<SubgraphContext, 'caller' | 'requestId' | 'claims'>,
    at: string,
  ): EvidenceEventBase => ({
    ...requestParticipants(context),
    occurredAt: at,
    jurisdiction: code,
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE',
  });

  const isIssuingCase = (context: SubgraphContext, request: CrossBorderRequest) =>
    isIssuer(context.caller, request) && context.caller.caseRef === request.caseRef;

  const callerActor = (context: SubgraphContext) => ({
    subject: context.caller.subject,
    role: context.caller.roles[0] ?? '',
    agency: context.caller.agency,
    country: context.caller.homeCountry,
  });

  /** The package of a request the caller's case issued; NOT_FOUND for anyone else. */
  const issuingCasePackage = async (requestId: string, context: SubgraphContext) => {
    const request = await log.requests.get(requestId);
    if (!request || !isIssuingCase(context, request)) throw notFound();
    const pkg = await log.evidence.byRequest(request.id);
    if (!pkg) throw notFound();
    return pkg;
  };

  /** Builds and stores the package of an executed request, once; returns the stored one. */
  const packageExecuted = async (
    request: CrossBorderRequest,
    executor: RequestActor & { role: string },
    event: EvidenceEventBase,
  ): Promise<EvidencePackage | null> => {
    if (!PACKAGED.has(request.type) || request.executedAt === null) return null;
    const existing = await log.evidence.byRequest(request.id);
    if (existing) return existing;
    const schema = options.schema();
    if (!schema) throw new Error('the member schema is not built yet');
    const release = await releaseForEvidence(
      { schema, code, registries: options.registries, caseKey: options.caseKey },
      request,
    );
    const draft = await buildEvidencePackage({
      request,
      release,
      executor,
      instrument: instrumentOf(request),
      defaultRetentionDays: options.policy.auditRetentionDays,
      now: now().toISOString(),
      sign: (payload, typ) => log.evidence.sign(payload, typ),
    });
    return log.evidence.store(draft, event, {
      subject: request.issuedBy,
      role: request.issuingRole,
      agency: request.issuingAgency,
      country: request.issuingState,
    });
  };

  return {
    packageExecuted,
    resolvers: {
      CrossBorderRequest: {
        evidence: async (request: CrossBorderRequest, _: unknown, context: SubgraphContext) => {
          if (!PACKAGED.has(request.type) || !isIssuingCase(context, request)) return null;
          const at = now().toISOString();
          let pkg = await log.evidence.byRequest(request.id);
          // Built at EXECUTE; if that process stopped before it was stored, built now from
          // the committed execution, so an executed request never lacks its package.
          if (!pkg && request.executedAt !== null) {
            const execution = (await log.requests.history(request.id)).find(
              (step) => step.action === 'EXECUTE',
            );
            if (!execution) return null;
            pkg = await packageExecuted(
              request,
              {
                subject: execution.actor,
                roles: [],
                role: execution.role,
                agency: execution.agency,
                country: execution.country,
              },
              eventBase(context, at),
            );
          }
          if (!pkg) return null;
          context.releases.touch([pkg.id]);
          context.audit.detail.evidencePackage = pkg.id;
          const { entry } = await log.evidence.recordCustody(
            pkg.id,
            {
              action: 'RETRIEVED',
              at,
              actor: callerActor(context),
              detail: {
                caseRef: request.caseRef,
                requestId: context.requestId,
                manifestSha256: pkg.manifestSha256,
              },
            },
            eventBase(context, at),
          );
          const custody = await log.evidence.custody(pkg.id);
          return {
            ...pkg,
            publicJwk: JSON.stringify(log.publicJwk),
            custody: custody.map(custodyView),
            receipt: custodyView(entry),
          };
        },
      },
      JurisdictionMutations: {
        countersignEvidenceReceipt: async (
          _: unknown,
          args: { requestId: string; seq: number; signature: string },
          context: SubgraphContext,
        ) => {
          const pkg = await issuingCasePackage(args.requestId, context);
          const entry = (await log.evidence.custody(pkg.id)).find((e) => e.seq === args.seq);
          if (!entry || entry.action !== 'RETRIEVED') {
            throw new GraphQLError(`Custody entry ${args.seq} is not a retrieval receipt`, {
              extensions: {
                code: ErrorCode.BAD_USER_INPUT,
                reason: 'NOT_A_RECEIPT',
                inputPath: 'seq',
              },
            });
          }
          const key = await options.publishedKey(context.caller.homeCountry);
          const problem = key
            ? detachedJwsProblem(args.signature, receiptPayload(pkg, entry), RECEIPT_JWS_TYPE, key)
            : `no published key of ${context.caller.homeCountry}`;
          if (problem) {
            throw new GraphQLError(
              `The countersignature does not verify with ${context.caller.homeCountry}'s published key`,
              {
                extensions: {
                  code: ErrorCode.BAD_USER_INPUT,
                  reason: 'BAD_SIGNATURE',
                  inputPath: 'signature',
                },
              },
            );
          }
          const at = now().toISOString();
          const recorded = await log.evidence.recordCustody(
            pkg.id,
            {
              action: 'RECEIPT_COUNTERSIGNED',
              at,
              actor: callerActor(context),
              detail: {
                receiptSeq: entry.seq,
                receiptHash: entry.hash,
                signature: args.signature,
                kid: typeof key?.kid === 'string' ? key.kid : null,
              },
            },
            eventBase(context, at),
          );
          return custodyView(recorded.entry);
        },
        // The receiver's copy is its own to handle: it records that here, on the one chain
        // both ends share. The executing member's destruction does not end the receiver's copy.
        recordEvidenceCustody: async (
          _: unknown,
          args: { requestId: string; action: HolderCustodyAction; note: string },
          context: SubgraphContext,
        ) => {
          const pkg = await issuingCasePackage(args.requestId, context);
          const problem = custodyNoteProblem(args.note);
          if (problem) {
            throw new GraphQLError(`The note ${problem}`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'BAD_NOTE', inputPath: 'note' },
            });
          }
          const at = now().toISOString();
          const recorded = await log.evidence.recordCustody(
            pkg.id,
            {
              action: args.action,
              at,
              actor: callerActor(context),
              detail: { side: 'RECEIVING', note: args.note, caseRef: pkg.caseRef },
            },
            eventBase(context, at),
          );
          return custodyView(recorded.entry);
        },
      },
    },
  };
}
