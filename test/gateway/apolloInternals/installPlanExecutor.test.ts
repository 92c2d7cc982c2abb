import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import {
  installPlanExecutor,
  planExecutions,
} from '../../../gateway/apolloInternals/installPlanExecutor.js';
import { startFakeSubgraph, startInProcessGateway } from '../inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from '../inProcessGateway.js';

// The real gateway over HTTP with every subgraph pointed at a fake: which executor ran each
// operation, and that what Comity's executor leaves to Apollo's still answers.
let fake: FakeSubgraph;
let gateway: InProcessGateway;

beforeAll(async () => {
  fake = await startFakeSubgraph();
  fake.respond = () => ({
    body: { data: { fr: { code: 'FR', registries: [{ name: 'AGRASC' }] } } },
  });
  gateway = await startInProcessGateway({}, fake.url);
});

afterAll(async () => {
  await gateway?.stop();
  await fake?.close();
});

async function ranBy(query: string, variables?: Record<string, unknown>) {
  const before = { ...planExecutions };
  const answer = await gateway.post({ query, variables });
  const executor =
    planExecutions.comity > before.comity
      ? 'comity'
      : planExecutions.apollo > before.apollo
        ? 'apollo'
        : 'none';
  return { executor, answer };
}

describe('installPlanExecutor', () => {
  it('runs plain operations with Comity’s executor, repeat requests included', async () => {
    for (let i = 0; i < 3; i++) {
      const { executor, answer } = await ranBy('{ fr { code registries { name } } }');
      expect(executor).toBe('comity');
      expect(answer.json).toEqual({
        data: { fr: { code: 'FR', registries: [{ name: 'AGRASC' }] } },
      });
    }
  });

  it.each([
    [
      '@skip on a variable',
      'query ($s: Boolean!) { fr { code registries @skip(if: $s) { name } } }',
      { s: true },
      { fr: { code: 'FR' } },
    ],
    [
      '@include on a literal',
      '{ fr { code registries @include(if: false) { name } } }',
      undefined,
      { fr: { code: 'FR' } },
    ],
  ])(
    'leaves %s to Apollo’s executor, which still answers',
    async (_name, query, variables, data) => {
      const { executor, answer } = await ranBy(query, variables);
      expect(executor).toBe('apollo');
      expect(answer.json).toEqual({ data });
    },
  );

  it.each(['constructor', 'toString', '__proto__'])(
    'leaves an operation with the response name %s, which every plain object inherits, to Apollo’s executor',
    async (alias) => {
      const respond = fake.respond;
      // The subgraph answers under whatever alias the gateway's fetch asked for.
      fake.respond = ({ body }) => ({
        body: JSON.parse(
          `{"data":{"fr":{${body.query?.includes(`${alias}:`) ? `"${alias}"` : '"code"'}:"FR"}}}`,
        ),
      });
      try {
        const { executor, answer } = await ranBy(`{ fr { ${alias}: code } }`);
        expect(executor).toBe('apollo');
        // Built by JSON.parse, so that `__proto__` is a key of its own, as on the wire.
        expect(answer.json).toEqual(JSON.parse(`{"data":{"fr":{"${alias}":"FR"}}}`));
        expect(answer.text).toContain(`"${alias}":"FR"`);
      } finally {
        fake.respond = respond;
      }
    },
  );

  it('is installed once: a second call changes nothing', () => {
    const require = createRequire(import.meta.url);
    const execution = require('@apollo/gateway/dist/executeQueryPlan.js');
    const installed = execution.executeQueryPlan;
    installPlanExecutor();
    expect(execution.executeQueryPlan).toBe(installed);
  });
});
