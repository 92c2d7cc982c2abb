import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../core/federationConfig.js';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  /** µs on the monotonic clock (the one `process.hrtime` reads). */
  startTime: number;
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `name (where:line)`. */
  function: string;
  /** Share of all sampled time, 0..1. */
  share: number;
  ms: number;
}

/** `node_modules/@apollo/gateway/dist/x.js` → `@apollo/gateway/dist/x.js`; repo files relative. */
function where(url: string): string {
  if (url === '') return '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}

/** The npm package (`@apollo/gateway`), the repository folder (`gateway`), or the VM's own entry (`(garbage collector)`). */
function packageOf(frame: CpuProfileNode['callFrame']): string {
  if (frame.url === '') return frame.functionName || '(native)';
  if (frame.url.startsWith('wasm://')) return 'WebAssembly (PGlite)';
  const file = where(frame.url);
  if (file.startsWith('node:')) return 'node: core';
  if (file.startsWith('/')) return file;
  const parts = file.split('/');
  const modules = frame.url.includes('/node_modules/');
  if (!modules) return `comity: ${parts[0]}/`;
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** A stretch of the monotonic clock, µs: what `process.hrtime.bigint() / 1000n` reads. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now on the monotonic clock the profiles' timestamps use, µs. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * The functions that spent the most time on the CPU themselves (callees excluded). With a
 * `window`, only the samples taken inside it count (the measured load, not start-up).
 */
export function summarizeCpuProfile(
  file: string,
  top = 15,
  window?: ProfileWindow,
): { totalMs: number; functions: SelfTime[]; packages: SelfTime[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const micros = new Map<string, number>();
  const packageMicros = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} (${where(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
    micros.set(key, (micros.get(key) ?? 0) + delta);
    const owner = packageOf(frame);
    packageMicros.set(owner, (packageMicros.get(owner) ?? 0) + delta);
    total += delta;
  });
  const ranked = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ function: name, share: us / total, ms: us / 1000 }));
  return {
    totalMs: total / 1000,
    functions: ranked(micros, top),
    packages: ranked(packageMicros, 12),
  };
}
