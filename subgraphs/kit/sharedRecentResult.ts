/**
 * A computation whose result every caller shares: callers that ask while it runs wait for the
 * same run, and for `ttlMs` after it ends they get its result without running it again. A run
 * that fails is not kept: the next caller runs it anew. `ttlMs` 0 shares only in-flight runs.
 *
 * For aggregates that are the same for every caller and may be a little old — the public
 * transparency statistics scan a jurisdiction's whole audit log, and a dashboard asks for them
 * over and over.
 */
export function sharedRecentResult<T>(
  ttlMs: number,
  compute: () => Promise<T>,
  now: () => number = Date.now,
): () => Promise<T> {
  if (!Number.isFinite(ttlMs) || ttlMs < 0) {
    throw new RangeError(`ttlMs must be a number of milliseconds ≥ 0, got ${ttlMs}`);
  }
  let running: Promise<T> | null = null;
  let kept: { value: T; until: number } | null = null;
  return () => {
    if (kept && now() < kept.until) return Promise.resolve(kept.value);
    running ??= compute().then(
      (value) => {
        running = null;
        if (ttlMs > 0) kept = { value, until: now() + ttlMs };
        return value;
      },
      (error: unknown) => {
        running = null;
        throw error;
      },
    );
    return running;
  };
}
