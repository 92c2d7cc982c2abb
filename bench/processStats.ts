import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux we run on). */
export const CLOCK_TICKS_PER_SECOND = 100;
/** How often the resident set is sampled during a measurement, ms. */
export const RSS_POLL_MS = 100;

/** User plus system CPU time the process has used, seconds; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), i.e. 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** A field of /proc/<pid>/status in MiB (`VmRSS`, `VmHWM`); null when it is gone. */
export function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ProcessUsage {
  /** CPU time over wall time: 1.0 is one core busy for the whole window. */
  cpu: number | null;
  /** Largest VmRSS seen during the window, MiB. */
  maxRssMiB: number | null;
  /** VmHWM at the end of the window: the process's peak since it started, MiB. */
  peakRssMiB: number | null;
}

/** Watches one process over a measurement window: CPU share and largest resident set. */
export function watchProcess(pid: number | null): { stop(): ProcessUsage } {
  if (pid === null) return { stop: () => ({ cpu: null, maxRssMiB: null, peakRssMiB: null }) };
  return watchProcesses([pid]);
}

/**
 * `pid` and every process below it (a cluster primary and its workers), from /proc: the
 * kernel's per-thread children lists where it keeps them, else (or with `fromParentIds`)
 * every process's parent id.
 */
export function processTree(pid: number, fromParentIds = false): number[] {
  const childrenOf =
    !fromParentIds && existsSync(`/proc/${pid}/task/${pid}/children`)
      ? childrenFromTasks
      : childrenFromParentIds();
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) tree.push(...childrenOf(tree[index]!));
  return tree;
}

/** Children as the kernel lists them per thread (`/proc/<pid>/task/<tid>/children`). */
function childrenFromTasks(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number);
    } catch {
      return []; // The task ended meanwhile.
    }
  });
}

/**
 * For kernels built without those lists: every process's parent, read once from
 * `/proc/<pid>/stat` (field 4, after the command name in parentheses).
 */
function childrenFromParentIds(): (pid: number) => number[] {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return (pid) => byParent.get(pid) ?? [];
}

/**
 * watchProcess over a process and its children together (a gateway with GATEWAY_WORKERS > 1
 * is a primary and its workers): CPU summed over them, resident sets added up. The tree is
 * read when the window opens; a process that is gone when it closes makes the CPU null.
 */
export function watchProcessTree(pid: number): { stop(): ProcessUsage } {
  return watchProcesses(processTree(pid));
}

/** Sum of a /proc reading over processes: null when any is missing (`strict`) or all are. */
function sumOver(pids: number[], read: (pid: number) => number | null, strict: boolean) {
  let sum = 0;
  let seen = 0;
  for (const pid of pids) {
    const value = read(pid);
    if (value === null) {
      if (strict) return null;
      continue;
    }
    sum += value;
    seen += 1;
  }
  return seen === 0 ? null : sum;
}

/** CPU share over the window and largest summed resident set of these processes. */
function watchProcesses(pids: number[]): { stop(): ProcessUsage } {
  const startedAt = performance.now();
  const cpu = () => sumOver(pids, cpuSeconds, true);
  const rss = (field: 'VmRSS' | 'VmHWM') => sumOver(pids, (pid) => statusMiB(pid, field), false);
  const cpuAtStart = cpu();
  let maxRss = rss('VmRSS');
  const timer = setInterval(() => {
    const now = rss('VmRSS');
    if (now !== null && (maxRss === null || now > maxRss)) maxRss = now;
  }, RSS_POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      const wall = (performance.now() - startedAt) / 1000;
      const cpuAtEnd = cpu();
      return {
        cpu: cpuAtStart === null || cpuAtEnd === null ? null : (cpuAtEnd - cpuAtStart) / wall,
        maxRssMiB: maxRss,
        peakRssMiB: rss('VmHWM'),
      };
    },
  };
}
