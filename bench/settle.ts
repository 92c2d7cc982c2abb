import { cpuSeconds } from './processStats.js';

/** Below this share of one core, summed over the processes, the system is idle. */
const IDLE_CPU = 0.1;
const SETTLE_LIMIT_MS = 15_000;

/**
 * Waits until the federation has worked off what the previous measurement left queued (a
 * gateway keeps fetching for requests the client already gave up on), so that no measurement
 * pays for the one before: until the processes together use under a tenth of a core over
 * 250 ms, for at most 15 s.
 */
export async function settle(pids: number[]): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  const used = () => pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  while (Date.now() < deadline) {
    const before = used();
    await new Promise((resolve) => setTimeout(resolve, 250));
    if ((used() - before) / 0.25 < IDLE_CPU) return;
  }
}
