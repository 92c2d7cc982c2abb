import { appendEmergencyRelease } from './appendEmergencyRelease.js';
import type { CheckpointPolicy } from './appendLocked.js';
import { DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_INTERVAL_MS } from './AuditLog.js';
import type { AuditLog, AuditLogOptions } from './AuditLog.js';
import { lockChainHead } from './ChainHead.js';
import { checkpointIssuer } from './checkpointIssuer.js';
import { countRequests } from './countRequests.js';
import { decideReview } from './decideReview.js';
import { durably } from './durably.js';
import { checkAuditSchemaName } from './ensureAuditSchema.js';
import { exportProof } from './exportProof.js';
import { fileRequest } from './fileRequest.js';
import { importCheckpointKey } from './importCheckpointKey.js';
import { listAuditEvents } from './listAuditEvents.js';
import { normalizeAuditEventInput } from './normalizeAuditEventInput.js';
import { openAppender } from './openAppender.js';
import { openAuditStore } from './openAuditStore.js';
import { openReviewQueue } from './openReviewQueue.js';
import { purgeAuditLog } from './purgeAuditLog.js';
import { recordRequestTransition } from './recordRequestTransition.js';
import { openRequestStore } from '../requests/openRequestStore.js';
import { openEvidenceLog } from '../evidence/openEvidenceLog.js';
import { openClaimStore } from '../claims/openClaimStore.js';
import { recordClaimEvent } from '../claims/recordClaimEvent.js';
import { startCheckpointTimer } from './startCheckpointTimer.js';
import { verifyAuditChain, verifyAuditLog } from './verifyAuditLog.js';

// Callers import the log's types from here.
export { DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_INTERVAL_MS } from './AuditLog.js';
export type { AuditEventPage, AuditListFilter, AuditLog, AuditLogOptions } from './AuditLog.js';
export { AuditStoreMissingError } from './openAuditStore.js';
export { AuditStoreInUseError } from './storeLock.js';

/**
 * Opens (creating where missing) one jurisdiction's append-only, hash-chained audit log
 * (docs/architecture.md §6). Every event links to the previous one by hash (see `auditEventHash`); every
 * `checkpointEvery` events, and on a timer, an Ed25519-signed RFC 6962 Merkle root of the
 * events is stored so that partners can hold proof of the log's state.
 */
export async function openAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  checkAuditSchemaName(options.schema);
  const every = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  if (!Number.isInteger(every) || every < 1) {
    throw new RangeError('checkpointEvery must be a positive integer');
  }
  const key = await importCheckpointKey(options.signingKey);
  const store = await openAuditStore(options);
  const { client, schema, jurisdiction } = store;
  const checkpoints: CheckpointPolicy = { every, issue: checkpointIssuer(store, key) };
  const checkpoint = () =>
    durably(client, async (tx) => checkpoints.issue(tx, await lockChainHead(tx, schema)));
  const intervalMs = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  const timer = startCheckpointTimer(store, intervalMs, checkpoint);
  const appender = openAppender(store, checkpoints);
  return {
    jurisdiction,
    schema,
    client,
    publicJwk: key.publicJwk,
    reviews: openReviewQueue(client, schema),
    append: async (input) => appender.append(normalizeAuditEventInput(input, jurisdiction)),
    appendEmergencyRelease: (input, fields) =>
      appendEmergencyRelease(store, appender, input, fields),
    decideReview: (id, decision, event) => decideReview(store, appender, id, decision, event),
    requests: openRequestStore(client, schema),
    fileRequest: (request, transition, event) =>
      fileRequest(store, appender, request, transition, event),
    transitionRequest: (next, expectedVersion, transition, event) =>
      recordRequestTransition(store, appender, next, expectedVersion, transition, event),
    evidence: openEvidenceLog(store, appender, key),
    claims: openClaimStore(client, schema),
    recordClaimEvent: (write, event) =>
      recordClaimEvent(appender, schema, jurisdiction, write, event),
    list: (filter, page) => listAuditEvents(store, filter, page),
    checkpoint,
    verify: () => verifyAuditLog(store, key.publicJwk),
    verifyChain: () => verifyAuditChain(store, key.publicJwk),
    purge: (before) => purgeAuditLog(store, checkpoints.issue, before),
    exportProof: (seq) => exportProof(store, key.publicJwk, checkpoint, seq),
    countRequests: (countOptions) => countRequests(client, schema, countOptions),
    async close() {
      await timer.stop();
      // Appends already accepted are committed (or refused) before the connection goes.
      await appender.drained();
      await store.close();
    },
  };
}
