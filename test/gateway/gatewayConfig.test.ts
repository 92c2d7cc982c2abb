import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS, gatewayConfig } from '../../gateway/gatewayConfig.js';
import { startFakeSubgraph, startInProcessGateway } from './inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from './inProcessGateway.js';

describe('gatewayConfig subgraph timeouts', () => {
  it('keeps the global default and reads per-subgraph overrides by name', () => {
    const config = gatewayConfig({
      COMITY_SUBGRAPH_TIMEOUT_MS_SG: '300',
      COMITY_SUBGRAPH_TIMEOUT_MS_DE: '2500',
    });
    expect(config.subgraphTimeoutMs).toBe(DEFAULT_SUBGRAPH_TIMEOUT_MS);
    expect(config.subgraphTimeoutsMs).toEqual({ sg: 300, de: 2500 });
    expect(gatewayConfig({ COMITY_SUBGRAPH_TIMEOUT_MS: '1200' })).toMatchObject({
      subgraphTimeoutMs: 1200,
      subgraphTimeoutsMs: {},
    });
  });

  it('refuses an override that is not a positive number, naming the variable', () => {
    expect(() => gatewayConfig({ COMITY_SUBGRAPH_TIMEOUT_MS_SG: '0' })).toThrow(
      /COMITY_SUBGRAPH_TIMEOUT_MS_SG/,
    );
    expect(() => gatewayConfig({ COMITY_SUBGRAPH_TIMEOUT_MS_SG: 'soon' })).toThrow(
      /COMITY_SUBGRAPH_TIMEOUT_MS_SG/,
    );
  });
});

describe('a per-subgraph timeout at the gateway', () => {
  let fast: FakeSubgraph;
  let slow: FakeSubgraph;
  let gateway: InProcessGateway;

  beforeAll(async () => {
    fast = await startFakeSubgraph();
    fast.respond = () => ({ body: { data: { fr: { code: 'FR' } } } });
    slow = await startFakeSubgraph();
    slow.respond = () => ({ body: { data: { sg: { code: 'SG' } } } });
    // Well within the global budget, well past SG's own.
    slow.delayMs = 1_500;
    gateway = await startInProcessGateway(
      {
        COMITY_SUBGRAPH_URL_SG: slow.url,
        COMITY_SUBGRAPH_TIMEOUT_MS: '5000',
        COMITY_SUBGRAPH_TIMEOUT_MS_SG: '300',
      },
      fast.url,
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await fast?.close();
    await slow?.close();
  });

  it("cuts off the subgraph at its own budget, not the global one; the others' answers arrive", async () => {
    const { status, json } = await gateway.post({ query: '{ fr { code } sg { code } }' });
    expect(status).toBe(200);
    expect(json.data).toEqual({ fr: { code: 'FR' }, sg: null });
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].extensions).toEqual({
      code: 'SUBGRAPH_TIMEOUT',
      jurisdiction: 'SG',
      reason: 'TIMEOUT',
    });
    expect(json.errors[0].message).toContain('300 ms');
    expect(slow.received).toHaveLength(1);
  });
});
