import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { AuditError, AuditErrorCode, auditUnavailable } from './AuditError.js';
import { appendLocked } from './appendLocked.js';
import type { AppendWork, CheckpointPolicy } from './appendLocked.js';
import { appendOnKnownHead } from './appendOnKnownHead.js';
import type { ChainHead } from './ChainHead.js';
import type { AuditStore } from './openAuditStore.js';
import { RequestStoreError } from '../requests/RequestStoreError.js';

/** Most events written by one group commit. */
const MAX_EVENTS_PER_COMMIT = 256;

interface PendingAppend {
  input: AuditEventInput;
  resolve(event: AuditEvent): void;
  reject(error: unknown): void;
}

export interface Appender {
  /** Resolves once the commit holding the event is durable; AUDIT_UNAVAILABLE if it failed. */
  append(input: AuditEventInput): Promise<AuditEvent>;
  /**
   * An event with the writes that belong to it, outside the group commit (in a transaction of
   * its own, so that their failure fails no other request's event). The review queue's and
   * the request store's own errors pass as they are; any other failure is AUDIT_UNAVAILABLE.
   */
  appendWith<T>(work: AppendWork<T>): Promise<T>;
  /** Settles once every append accepted so far is committed or refused. */
  drained(): Promise<void>;
}

/**
 * Group commit. Appends that arrive while a commit is running wait for it to end and are
 * then written together, in arrival order, in the next one. A commit is one statement on
 * the head this process last wrote (appendOnKnownHead), or, on the first append, when a
 * checkpoint is due or another writer moved the head, the locking transaction
 * (appendLocked). Every append resolves only after the commit holding its event is durable;
 * if that commit fails, every append in it fails with AUDIT_UNAVAILABLE (their requests
 * release nothing).
 */
export function openAppender(store: AuditStore, checkpoints: CheckpointPolicy): Appender {
  const pending: PendingAppend[] = [];
  let committing: Promise<void> | null = null;
  /** The head as this process last committed it; null until the first append or after a failure. */
  let knownHead: ChainHead | null = null;

  const commit = async (inputs: AuditEventInput[]) => {
    const known = knownHead;
    const checkpointDue =
      known === null || known.seq + inputs.length - known.checkpointSeq >= checkpoints.every;
    const fast =
      store.commitsSynchronously && !checkpointDue
        ? await appendOnKnownHead(store, known!, inputs)
        : null;
    return fast ?? (await appendBatchLocked(store, checkpoints, inputs));
  };

  const commitPending = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending.splice(0, MAX_EVENTS_PER_COMMIT);
      try {
        const done = await commit(batch.map(({ input }) => input));
        knownHead = done.head;
        batch.forEach(({ resolve }, index) => resolve(done.events[index]!));
      } catch (error) {
        knownHead = null;
        const failure = auditUnavailable(store.jurisdiction, error);
        for (const { reject } of batch) reject(failure);
      }
    }
    committing = null;
  };

  return {
    append(input) {
      return new Promise<AuditEvent>((resolve, reject) => {
        pending.push({ input, resolve, reject });
        committing ??= commitPending();
      });
    },
    async appendWith(work) {
      try {
        const { result } = await appendLocked(store, checkpoints, work);
        // The head moved under the group commit: its next commit takes the locking path.
        knownHead = null;
        return result;
      } catch (error) {
        if (
          (error instanceof AuditError && error.code !== AuditErrorCode.AUDIT_UNAVAILABLE) ||
          error instanceof RequestStoreError
        ) {
          throw error;
        }
        throw auditUnavailable(store.jurisdiction, error);
      }
    },
    async drained() {
      await committing;
    },
  };
}

async function appendBatchLocked(
  store: AuditStore,
  checkpoints: CheckpointPolicy,
  inputs: AuditEventInput[],
) {
  const { result, head } = await appendLocked(store, checkpoints, async (_tx, appendEvent) => {
    const events: AuditEvent[] = [];
    for (const input of inputs) events.push(await appendEvent(input));
    return events;
  });
  return { events: result, head };
}
