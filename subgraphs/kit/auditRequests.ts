import { setTimeout as sleep } from 'node:timers/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditEventInput } from './audit/AuditEvent.js';
import type { ReplacedAnswer } from './http/createHttpHandler.js';
import type { AuditLog } from './audit/openAuditLog.js';
import { requestParticipants } from './audit/requestParticipants.js';
import type { SubgraphMetrics } from './metrics/createSubgraphMetrics.js';
import { createPseudonymizer } from './policy/pseudonym.js';
import type { SubgraphContext } from './SubgraphContext.js';

export interface AuditRequestsOptions {
  log: AuditLog;
  /** ISO 3166-1 alpha-2, upper case. */
  jurisdiction: string;
  /** HMAC key for the entity ids in events: the log holds no clear record ids. */
  entityKey: Uint8Array;
  metrics: SubgraphMetrics;
  /**
   * Fault injection for the durability test only (`COMITY_FAULT_DELAY_AFTER_AUDIT_MS`): wait
   * this long after the event is durable and before the response leaves. Default 0.
   */
  delayAfterAuditMs?: number;
}

/** The two halves of request auditing; a subgraph wires both or neither. */
export interface AuditRequests {
  /** Sends each request's event to the log in `willSendResponse`. */
  plugin: ApolloServerPlugin<SubgraphContext>;
  /** The HTTP handler's `beforeRelease`: the response leaves once its event is durable. */
  beforeRelease: (context: SubgraphContext) => Promise<ReplacedAnswer | null>;
}

/**
 * Writes one audit event per request that touched data, and makes it durable before the
 * response leaves (DESIGN §6). The plugin sends the event to the log in `willSendResponse`
 * and puts the promise of its commit on the context (`audit.recorded`); the subgraph's HTTP
 * handler, through `beforeRelease`, writes no byte of the response before it settles. Apollo
 * thus serialises the response while the commit is in flight instead of after it. The plugin
 * alone releases responses unrecorded: use it only with its `beforeRelease`. If the append
 * fails, the response is replaced by an AUDIT_UNAVAILABLE error and nothing is released. A
 * release under EMERGENCY also opens a judicial review item, in the event's own transaction.
 * (A judge's review decision is not written here: decideEmergencyReview commits it with its
 * event.)
 */
export function auditRequests(options: AuditRequestsOptions): AuditRequests {
  const { log, jurisdiction, entityKey, metrics } = options;
  // The same orders and wallets come back request after request: one HMAC each, not one per event.
  const entityPseudonym = createPseudonymizer(entityKey);

  /** The append, as a promise that never rejects: null once durable, else the answer instead. */
  const record = async (contextValue: SubgraphContext): Promise<ReplacedAnswer | null> => {
    const { releases, caller, audit } = contextValue;
    const emergency = caller.purpose === 'EMERGENCY';
    const decision = releases.decision;
    try {
      const event: AuditEventInput = {
        ...requestParticipants(contextValue),
        kind: audit.kind,
        occurredAt: new Date().toISOString(),
        jurisdiction,
        entities: [...releases.entities].map(entityPseudonym),
        released: [...releases.released].sort(),
        minimised: [...releases.minimised].map(([field, strategy]) => ({ field, strategy })),
        denied: [...releases.denied].map(([field, reason]) => ({ field, reason })),
        decision,
        detail: audit.detail,
      };
      const releasedFields = [...releases.released, ...releases.minimised.keys()];
      // Event and review item in one transaction: an emergency release on record without
      // the review that must follow it would escape the judge.
      if (emergency && audit.kind === 'ACCESS' && releasedFields.length > 0) {
        await log.appendEmergencyRelease(event, releasedFields.sort());
      } else {
        await log.append(event);
      }
      metrics.policyDecisions.inc({ decision });
    } catch (error) {
      // No values and no connection details in the log line: the code says enough.
      console.error(
        `[${jurisdiction.toLowerCase()}] audit write failed (${(error as { code?: string }).code ?? 'ERROR'}); request ${contextValue.requestId} released nothing`,
      );
      metrics.policyDecisions.inc({ decision: 'AUDIT_UNAVAILABLE' });
      return {
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: `${jurisdiction} could not record this request in its audit log, so it releases nothing`,
              extensions: { code: 'AUDIT_UNAVAILABLE', jurisdiction },
            },
          ],
        },
      };
    }
    if (options.delayAfterAuditMs) await sleep(options.delayAfterAuditMs);
    return null;
  };

  return {
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue }) {
            const { releases, audit } = contextValue;
            if (!releases.touchedData && audit.kind === 'ACCESS') return;
            // Sent now; awaited by the HTTP handler after Apollo has serialised the response.
            audit.recorded = record(contextValue);
          },
        };
      },
    },
    // A request that touched no data has no event to wait for.
    beforeRelease: (context) => context.audit.recorded ?? Promise.resolve(null),
  };
}
