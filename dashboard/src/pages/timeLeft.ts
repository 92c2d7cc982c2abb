/** Time left until `dueAt` in words ("3 d 4 h left", "overdue by 2 h"); null without a deadline. */
export function timeLeft(dueAt: string | null | undefined, now: number): string | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt) - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const text =
    hours >= 48
      ? `${Math.floor(hours / 24)} d ${hours % 24} h`
      : hours >= 1
        ? `${hours} h`
        : `${Math.max(1, Math.floor(Math.abs(ms) / 60_000))} min`;
  return ms < 0 ? `overdue by ${text}` : `${text} left`;
}

/** Overdue first, then the nearest deadline, then those without one. */
export function byUrgency<T extends { overdue: boolean; dueAt?: string | null }>(
  a: T,
  b: T,
): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const due = (request: T) =>
    request.dueAt ? Date.parse(request.dueAt) : Number.POSITIVE_INFINITY;
  return due(a) - due(b);
}
