import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql } from 'graphql';
import type { DocumentNode } from 'graphql';
import { REPO_ROOT, federationConfig } from '../core/federationConfig.js';

// A member joins the composition only with a passing conformance report for the very SDL it
// serves (docs/conformance.md), or with an override whose reason is printed at every compose.

/** Where `npm run member:conformance` writes its reports: `<cc>.json`. */
export const CONFORMANCE_DIR = path.join(REPO_ROOT, 'schema', 'conformance');

export interface ConformanceCheck {
  check: string;
  pass: boolean;
  reason: string;
}

export interface ConformanceReport {
  /** The member's subgraph name (its code in lower case). */
  member: string;
  /** The URL the candidate was checked at. */
  url: string;
  /** ISO 8601 UTC. */
  checkedAt: string;
  /** SHA-256 (hex) of the SDL the candidate served (`_service { sdl }`). */
  sdlHash: string;
  passed: boolean;
  checks: ConformanceCheck[];
}

/** A membership entry's `admission: { override: { reason } }`. */
export interface AdmissionOverride {
  reason: string;
}

/** SHA-256 (hex) of an SDL text, the form a report names its candidate's schema by. */
export function sdlHash(sdl: string): string {
  return createHash('sha256').update(sdl, 'utf8').digest('hex');
}

/**
 * The SDL a subgraph built from `typeDefs` answers `_service { sdl }` with: what conformance
 * fetched from the running candidate, computed here from the files composition reads.
 */
export async function servedSdl(typeDefs: DocumentNode): Promise<string> {
  const result = await graphql({
    schema: buildSubgraphSchema([{ typeDefs }]),
    source: '{ _service { sdl } }',
  });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error('the subgraph schema does not answer _service');
  return sdl;
}

export function reportPath(member: string, dir: string = CONFORMANCE_DIR): string {
  return path.join(dir, `${member}.json`);
}

export function readReport(member: string, dir: string = CONFORMANCE_DIR): ConformanceReport | null {
  const file = reportPath(member, dir);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
}

/** The overrides written in schema/subgraphs.json, by subgraph name. */
export function configuredOverrides(): Record<string, AdmissionOverride> {
  const overrides: Record<string, AdmissionOverride> = {};
  for (const entry of federationConfig().subgraphs as Array<{
    name: string;
    admission?: { override?: { reason?: unknown } };
  }>) {
    const override = entry.admission?.override;
    if (override !== undefined) overrides[entry.name] = { reason: String(override.reason ?? '') };
  }
  return overrides;
}

export interface AdmissionMember {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

export interface AdmissionOptions {
  /** Where the reports are. Default schema/conformance/. */
  dir?: string;
  /** Overrides by subgraph name. Default: those in schema/subgraphs.json. */
  overrides?: Record<string, AdmissionOverride>;
}

export interface AdmissionResult {
  /** One line per member refused, saying why and what to run. */
  refused: string[];
  /** One line per member admitted by override, with its reason. */
  overridden: string[];
}

/** Decides, member by member, whether composition may take it in. */
export async function admitMembers(
  members: AdmissionMember[],
  options: AdmissionOptions = {},
): Promise<AdmissionResult> {
  const dir = options.dir ?? CONFORMANCE_DIR;
  const overrides = options.overrides ?? configuredOverrides();
  const refused: string[] = [];
  const overridden: string[] = [];
  for (const member of members) {
    const override = overrides[member.name];
    if (override !== undefined) {
      if (override.reason.trim() === '') {
        refused.push(
          `member ${member.name}: its admission override in schema/subgraphs.json gives no reason; write one ("admission": { "override": { "reason": "…" } }) or remove the override`,
        );
      } else {
        overridden.push(`member ${member.name} admitted without conformance: ${override.reason}`);
      }
      continue;
    }
    const problem = await reportProblem(member, dir);
    if (problem !== null) refused.push(`member ${member.name}: ${problem}\n${howToCertify(member, dir)}`);
  }
  return { refused, overridden };
}

async function reportProblem(member: AdmissionMember, dir: string): Promise<string | null> {
  let report: ConformanceReport | null;
  try {
    report = readReport(member.name, dir);
  } catch {
    return `its conformance report ${relative(reportPath(member.name, dir))} is not readable JSON`;
  }
  if (report === null) {
    return `no conformance report (${relative(reportPath(member.name, dir))})`;
  }
  if (report.member !== member.name) {
    return `its conformance report is for member ${JSON.stringify(report.member)}`;
  }
  if (!report.passed || report.checks.some((check) => !check.pass)) {
    const failed = report.checks.filter((check) => !check.pass);
    return `its conformance report (${report.checkedAt}) failed: ${failed.map((check) => `${check.check} — ${check.reason}`).join('; ') || 'not passed'}`;
  }
  const current = sdlHash(await servedSdl(member.typeDefs));
  if (report.sdlHash !== current) {
    return `its conformance report (${report.checkedAt}) is for another SDL (sha256 ${report.sdlHash.slice(0, 12)}…, the member's files give ${current.slice(0, 12)}…): its schema or policy changed since`;
  }
  return null;
}

function howToCertify(member: AdmissionMember, dir: string): string {
  const out = dir === CONFORMANCE_DIR ? '' : ` --out ${relative(dir)}`;
  return [
    '    certify it: start it, then run the conformance check against it, e.g.',
    `      node --import tsx subgraphs/main.ts ${member.name} &`,
    `      npm run member:conformance -- --url ${member.url} --code ${member.name}${out}`,
    `    or admit it without, with a reason: "admission": { "override": { "reason": "…" } } in its schema/subgraphs.json entry`,
  ].join('\n');
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
