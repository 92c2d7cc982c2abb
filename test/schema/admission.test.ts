import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberCodes } from '../../core/federationConfig.js';
import { sdlHash, servedSdl } from '../../schema/admission.js';
import type { ConformanceReport } from '../../schema/admission.js';
import {
  CompositionFailedError,
  composeSupergraph,
  configuredSubgraphs,
} from '../../schema/composeSupergraph.js';
import type { SubgraphDefinition } from '../../schema/composeSupergraph.js';

// Composition takes in a member only with a passing conformance report for the SDL it serves,
// or with an override that names its reason.

let dir: string;
let subgraphs: SubgraphDefinition[];
const MEMBERS = memberCodes();

async function passingReport(name: string): Promise<ConformanceReport> {
  const subgraph = subgraphs.find((s) => s.name === name)!;
  return {
    member: name,
    url: subgraph.url,
    checkedAt: '2027-01-01T00:00:00.000Z',
    sdlHash: sdlHash(await servedSdl(subgraph.typeDefs)),
    passed: true,
    checks: [{ check: 'composes', pass: true, reason: 'composes' }],
  };
}

const write = (report: ConformanceReport) =>
  writeFileSync(path.join(dir, `${report.member}.json`), JSON.stringify(report));

async function refusal(options: Parameters<typeof composeSupergraph>[1]): Promise<string> {
  const error = await composeSupergraph(subgraphs, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CompositionFailedError);
  return (error as Error).message;
}

beforeAll(async () => {
  subgraphs = await configuredSubgraphs();
  dir = mkdtempSync(path.join(os.tmpdir(), 'comity-admission-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admission at composition', () => {
  it('composes when every member has a passing report for its SDL', async () => {
    for (const name of MEMBERS) write(await passingReport(name));
    await expect(composeSupergraph(subgraphs, { admission: { dir, overrides: {} } })).resolves.toContain(
      'join__Graph',
    );
  });

  it('refuses a member without a report and says what to run', async () => {
    rmSync(path.join(dir, 'sg.json'));
    const message = await refusal({ admission: { dir, overrides: {} } });
    expect(message).toContain('[MEMBER_NOT_ADMITTED] member sg: no conformance report');
    expect(message).toContain(
      'npm run member:conformance -- --url http://127.0.0.1:4103/graphql --code sg',
    );
    expect(message).not.toContain('member fr:');
  });

  it('refuses a member whose report failed, naming the failed check', async () => {
    write({
      ...(await passingReport('sg')),
      passed: false,
      checks: [{ check: 'refuses-replayed-token', pass: false, reason: 'answered _service with 200' }],
    });
    const message = await refusal({ admission: { dir, overrides: {} } });
    expect(message).toContain('failed: refuses-replayed-token — answered _service with 200');
  });

  it('refuses a report written for another SDL', async () => {
    write({ ...(await passingReport('sg')), sdlHash: 'a'.repeat(64) });
    expect(await refusal({ admission: { dir, overrides: {} } })).toContain(
      'is for another SDL',
    );
  });

  it('admits by override with its reason, printed, and refuses an override without one', async () => {
    rmSync(path.join(dir, 'sg.json'));
    const notices: string[] = [];
    await composeSupergraph(subgraphs, {
      admission: { dir, overrides: { sg: { reason: 'pilot, certification pending' } } },
      notice: (line) => notices.push(line),
    });
    expect(notices).toEqual(['member sg admitted without conformance: pilot, certification pending']);
    expect(await refusal({ admission: { dir, overrides: { sg: { reason: ' ' } } } })).toContain(
      'gives no reason',
    );
  });

  it('the committed reports admit the configured members', async () => {
    await expect(composeSupergraph(undefined, { notice: () => {} })).resolves.toContain('join__Graph');
  });
});
