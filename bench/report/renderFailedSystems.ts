import type { BenchReport } from './BenchReport.js';
import { SYSTEM_LABELS } from './systemLabels.js';

/** The error of every system that could not run; nothing when all ran. */
export function renderFailedSystems(report: BenchReport): string[] {
  const out: string[] = [];
  const failed = report.systems.filter((system) => system.error);
  if (failed.length > 0) {
    out.push('### Systems that could not run');
    out.push('');
    for (const system of failed) {
      out.push(`**${SYSTEM_LABELS[system.name]}**:`);
      out.push('');
      out.push('```');
      out.push(system.error!);
      out.push('```');
      out.push('');
    }
  }
  return out;
}
