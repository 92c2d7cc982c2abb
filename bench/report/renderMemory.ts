import type { BenchReport } from './BenchReport.js';
import { fixed, table } from './format.js';

/** The peak resident set of every process of the run. */
export function renderMemory(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Memory');
  out.push('');
  out.push(
    `Peak resident set (\`VmHWM\`) of every process at the end of the run, ${report.scale.toLocaleString('en')} records per registry:`,
  );
  out.push('');
  out.push(
    table(
      ['Process', 'Peak RSS MiB'],
      Object.entries(report.rss).map(([name, mib]) => [name, fixed(mib, 0)]),
    ),
  );
  out.push('');
  return out;
}
