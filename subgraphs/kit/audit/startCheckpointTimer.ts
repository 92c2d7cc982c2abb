import type { Checkpoint } from './Checkpoint.js';
import type { AuditStore } from './openAuditStore.js';

export interface CheckpointTimer {
  /** No tick starts a checkpoint after this; resolves once a running one has ended. */
  stop(): Promise<void>;
}

/**
 * Every `intervalMs` (0: never), a checkpoint when anything was appended since the last one,
 * so that a quiet log is still signed soon after its last event.
 */
export function startCheckpointTimer(
  store: AuditStore,
  intervalMs: number,
  checkpoint: () => Promise<Checkpoint>,
): CheckpointTimer {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const { rows } = await store.client.query<{ pending: boolean }>(
      `SELECT seq > checkpoint_seq AS pending FROM ${store.schema}.chain_head WHERE id`,
    );
    if (rows[0]?.pending && !stopped) await checkpoint();
  };
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          // A failed timed checkpoint is retried at the next tick; appends are unaffected.
          running = tick().catch(() => {});
        }, intervalMs)
      : null;
  timer?.unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
