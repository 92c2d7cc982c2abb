import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchReport } from './BenchReport.js';

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return match ? match[1]!.trim() : (os.cpus()[0]?.model ?? 'unknown');
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

/** The machine the run measured on, when, and how loaded it was. */
export function renderMachine(report: BenchReport): string[] {
  const out: string[] = [];
  const load = (report.loadAtEnd ?? os.loadavg()).map((value) => value.toFixed(2)).join(' ');
  out.push('### Machine');
  out.push('');
  out.push(`- CPU: ${cpuModel()}, ${os.cpus().length} cores (\`/proc/cpuinfo\`)`);
  out.push(`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`);
  out.push(`- Node.js ${process.version}`);
  out.push(
    `- Date: ${report.startedAt.toISOString()} → ${report.finishedAt.toISOString()} (${((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(0)} s); load average (1, 5, 15 min) at the start: ${report.loadAtStart.map((value) => value.toFixed(2)).join(' ')}, at the end: ${load}`,
  );
  out.push('');
  return out;
}
