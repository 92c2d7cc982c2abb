import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditEventInput } from './audit/AuditEvent.js';
import type { AuditLog } from './audit/openAuditLog.js';
import { requestParticipants } from './audit/requestParticipants.js';
import type { SubgraphMetrics } from './metrics/createSubgraphMetrics.js';
import { createPseudonymizer } from '../../core/policy/pseudonym.js';
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

/**
 * Writes one audit event per request that touched data, and makes it durable before the
 * response leaves (docs/architecture.md §6): the event is appended in `willSendResponse`, which Apollo
 * awaits before it writes the response. If the append fails, the response is replaced by an
 * AUDIT_UNAVAILABLE error and nothing is released. A release under EMERGENCY also opens a
 * judicial review item, in the event's own transaction. (A judge's review decision is not
 * written here: decideEmergencyReview commits it with its event.)
 */
export function auditRequestsPlugin(
  options: AuditRequestsOptions,
): ApolloServerPlugin<SubgraphContext> {
  const { log, jurisdiction, entityKey, metrics } = options;
  // The same orders and wallets come back request after request: one HMAC each, not one per event.
  const entityPseudonym = createPseudonymizer(entityKey);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const { releases, caller, audit } = contextValue;
          if (!releases.touchedData && audit.kind === 'ACCESS') return;
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
            response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [
                  {
                    message: `${jurisdiction} could not record this request in its audit log, so it releases nothing`,
                    extensions: { code: ErrorCode.AUDIT_UNAVAILABLE, jurisdiction },
                  },
                ],
              },
            };
            return;
          }
          if (options.delayAfterAuditMs) await sleep(options.delayAfterAuditMs);
        },
      };
    },
  };
}
