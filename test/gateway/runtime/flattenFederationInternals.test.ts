import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../core/federationConfig.js';

// Node's module cache is per process: each case runs in a fresh one.
async function inFreshProcess(body: string): Promise<Record<string, unknown>> {
  const script = `
    import { createRequire } from 'node:module';
    import { flattenFederationInternals } from './gateway/runtime/flattenFederationInternals.ts';
    const require = createRequire(import.meta.url);
    ${body}
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: REPO_ROOT },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('flattenFederationInternals', () => {
  it('gives later requirers the same exports, as plain values', async () => {
    const result = await inFreshProcess(`
      const original = require('@apollo/federation-internals');
      const keys = Object.keys(original);
      const before = Object.fromEntries(keys.map((key) => [key, original[key]]));
      const getters = keys.filter((key) => Object.getOwnPropertyDescriptor(original, key).get);
      const flattened = flattenFederationInternals();
      const after = require('@apollo/federation-internals');
      console.log(JSON.stringify({
        flattened,
        keys: keys.length,
        gettersBefore: getters.length,
        sameKeys: JSON.stringify(Object.keys(after)) === JSON.stringify(keys),
        sameValues: keys.filter((key) => after[key] !== before[key]),
        gettersAfter: Object.keys(after).filter((key) => Object.getOwnPropertyDescriptor(after, key).get),
        esModule: after.__esModule === true,
      }));
    `);
    expect(result.flattened).toBe(true);
    // The package re-exports hundreds of names, nearly all of them through getters.
    expect(result.keys).toBeGreaterThan(300);
    expect(result.gettersBefore).toBeGreaterThan(300);
    expect(result).toMatchObject({
      sameKeys: true,
      sameValues: [],
      gettersAfter: [],
      esModule: true,
    });
  });

  it('reaches @apollo/gateway when it runs first, and the gateway still plans and shapes', async () => {
    const result = await inFreshProcess(`
      flattenFederationInternals();
      const internals = require('@apollo/federation-internals');
      const { readFileSync } = await import('node:fs');
      const { parse } = await import('graphql');
      const { QueryPlanner } = require('@apollo/query-planner');
      const { computeResponse } = require('@apollo/gateway/dist/resultShaping.js');
      const supergraph = internals.Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8'));
      const api = supergraph.apiSchema();
      const operation = internals.operationFromDocument(api, parse('{ members { code name } }'));
      const plan = new QueryPlanner(supergraph).buildQueryPlan(operation);
      const { data } = computeResponse({
        operation,
        variables: {},
        input: { members: [{ code: 'FR', name: 'France', extra: 'dropped' }] },
        introspectionHandling: () => null,
      });
      // What @apollo/gateway and @apollo/query-planner get from their own require: the same copy
      // (a nested install of the package under either would escape the flattening).
      const fromGateway = createRequire(require.resolve('@apollo/gateway'));
      const fromPlanner = createRequire(require.resolve('@apollo/query-planner'));
      console.log(JSON.stringify({
        sameForGateway: fromGateway('@apollo/federation-internals') === internals,
        sameForPlanner: fromPlanner('@apollo/federation-internals') === internals,
        plannedFetch: plan.node?.kind,
        data,
        descriptor: typeof Object.getOwnPropertyDescriptor(internals, 'Supergraph').value,
      }));
    `);
    expect(result).toEqual({
      sameForGateway: true,
      sameForPlanner: true,
      plannedFetch: 'Fetch',
      data: { members: [{ code: 'FR', name: 'France' }] },
      descriptor: 'function',
    });
  });
});
