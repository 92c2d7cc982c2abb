import type { BenchReport } from './BenchReport.js';
import { fixed, percent, table } from './format.js';

/** Where the time of a Comity gateway and of FR's subgraph goes, from CPU profiles. */
export function renderProfiles(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Profile');
  out.push('');
  out.push(...renderProfile(report.profile, 'a separate Comity gateway process (same settings)'));
  out.push('');
  out.push('#### FR subgraph');
  out.push('');
  out.push(
    ...renderProfile(
      report.subgraphProfile,
      "a second FR subgraph process as deployed (policy and audit on), on a copy of FR's data, replayed the FR root call of",
    ),
  );
  out.push('');
  return out;
}

function renderProfile(profile: BenchReport['profile'], what: string): string[] {
  const out: string[] = [];
  if (!profile) {
    out.push('Not taken in this run.');
    return out;
  }
  if (profile.error) {
    out.push(`No profile: ${profile.error}.`);
    return out;
  }
  const perRequest = (ms: number) =>
    profile.requests > 0 ? `${fixed((ms * 1000) / profile.requests, 0)} µs` : '—';
  out.push(
    `\`node --cpu-prof\` on ${what} scenario ${profile.scenario} at ${profile.connections} connections for ${profile.durationSec} s after a 1 s warm-up. Only the samples of the measured window count (start-up and warm-up excluded): ${fixed(profile.totalMs / 1000, 1)} s of samples, ${profile.requests} requests. Self time: the function itself, callees excluded; per request: self time ÷ requests. The profiler samples on a wall-clock interval: time the main thread spends preempted inside a system call (a \`writev\` that wakes a subgraph on the same cores) counts as that call's, and \`(idle)\` is the event loop waiting for I/O.`,
  );
  out.push('');
  out.push(
    table(
      ['Package / folder', 'Self time', 'Per request', 'Share'],
      profile.packages.map((p) => [
        p.function,
        `${fixed(p.ms, 0)} ms`,
        perRequest(p.ms),
        percent(p.share),
      ]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['Top function (file:line)', 'Self time', 'Per request', 'Share'],
      profile.functions.map((f) => [
        `\`${f.function}\``,
        `${fixed(f.ms, 0)} ms`,
        perRequest(f.ms),
        percent(f.share),
      ]),
    ),
  );
  return out;
}
