import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { BenchReport } from './report/BenchReport.js';
import { renderFailedSystems } from './report/renderFailedSystems.js';
import { renderHowItWasRun } from './report/renderHowItWasRun.js';
import { renderIntro } from './report/renderIntro.js';
import { renderMachine } from './report/renderMachine.js';
import { renderMemory } from './report/renderMemory.js';
import { renderPolicy } from './report/renderPolicy.js';
import { renderProfiles } from './report/renderProfiles.js';
import { renderResults } from './report/renderResults.js';
import { renderScale } from './report/renderScale.js';
import { renderScenarios } from './report/renderScenarios.js';
import { renderTargets } from './report/renderTargets.js';
import { renderWorkers } from './report/renderWorkers.js';

/**
 * The "Latest run" section of BENCHMARKS.md: what this run measured, on which machine, with
 * which command. Findings written by hand live outside it (see mergeReport).
 */
export function renderReport(report: BenchReport): string {
  const sections = [
    renderIntro,
    renderMachine,
    renderHowItWasRun,
    renderScenarios,
    renderFailedSystems,
    renderResults,
    renderTargets,
    renderPolicy,
    renderWorkers,
    renderProfiles,
    renderMemory,
    renderScale,
  ];
  return `${sections.flatMap((render) => render(report)).join('\n')}\n`;
}

/** The lines between which `npm run bench` writes; everything outside them is written by hand. */
export const LATEST_RUN_START = '<!-- bench:latest-run:start -->';
export const LATEST_RUN_END = '<!-- bench:latest-run:end -->';

/**
 * `existing` (the report file as it stands, or null when there is none) with `latestRun`
 * between the markers. Everything outside the markers is kept byte for byte, so findings
 * written by hand survive every run; a file without the markers loses nothing either: the
 * marked section is added at its end.
 */
export function mergeReport(existing: string | null, latestRun: string): string {
  const block = `${LATEST_RUN_START}\n\n${latestRun.trim()}\n\n${LATEST_RUN_END}`;
  if (existing === null || existing.trim() === '') return `# Benchmarks\n\n${block}\n`;
  // Whole lines only, so that prose mentioning a marker is never mistaken for one.
  const lines = existing.split('\n');
  const start = lines.findIndex((line) => line.trim() === LATEST_RUN_START);
  const end = lines.findIndex((line, index) => index > start && line.trim() === LATEST_RUN_END);
  if (start === -1 || end === -1) return `${existing.trimEnd()}\n\n${block}\n`;
  return [...lines.slice(0, start), block, ...lines.slice(end + 1)].join('\n');
}

/**
 * Rewrites the latest-run section of `file`, formatted as `npm run format` would leave it;
 * the rest of the file is not touched.
 */
export async function writeReport(file: string, report: BenchReport): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  const section = await format(renderReport(report), { ...options, parser: 'markdown' });
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : null;
  writeFileSync(file, mergeReport(existing, section));
}
