import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';
import { readCounter } from '../support/graphqlClient.js';

// Real processes: a jurisdiction really paused (SIGSTOP) and really killed (SIGKILL) under the
// real gateway, which must answer with partial data, name the jurisdiction, never its address.
const TIMEOUT_MS = 1_000;
process.env.COMITY_SUBGRAPH_TIMEOUT_MS = String(TIMEOUT_MS);
process.env.COMITY_BREAKER_FAILURES = '3';
process.env.COMITY_BREAKER_COOLDOWN_MS = '2000';

let fixture: FederationFixture;
const INVESTIGATOR: Asking = { role: 'INVESTIGATOR', purpose: 'CRIMINAL_INVESTIGATION' };
const BOTH = '{ fr { code } sg { code } }';

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 23_000 });
}, 180_000);

afterAll(async () => {
  const sg = fixture?.federation.processes.sg?.child;
  sg?.kill('SIGCONT');
  await fixture?.stop();
});

const noAddress = (text: string) => {
  expect(text).not.toContain('127.0.0.1');
  expect(text).not.toContain(String(fixture.federation.processes.sg!.port));
  expect(text).not.toMatch(/ECONN|UND_ERR|http:\/\//);
};

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe('a jurisdiction that fails', () => {
  it('refuses an oversized operation before any subgraph is called (subgraph counters)', async () => {
    const fr = fixture.federation.baseUrls.fr!;
    const before = await readCounter(fr, 'comity_subgraph_operations_total', {});
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: fr { code }`).join(' ');
    const { status, body } = await fixture.ask(INVESTIGATOR, `{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('OPERATION_LIMIT');
    expect(await readCounter(fr, 'comity_subgraph_operations_total', {})).toBe(before);
  });

  it('answers within the timeout with SUBGRAPH_TIMEOUT when the jurisdiction is paused', async () => {
    const sg = fixture.federation.processes.sg!.child!;
    sg.kill('SIGSTOP');
    try {
      const started = Date.now();
      const { status, body } = await fixture.ask(INVESTIGATOR, BOTH);
      const elapsed = Date.now() - started;
      expect(status).toBe(200);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_000);
      expect(body.data).toEqual({ fr: { code: 'FR' }, sg: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({
        code: 'SUBGRAPH_TIMEOUT',
        jurisdiction: 'SG',
        reason: 'TIMEOUT',
      });
      noAddress(JSON.stringify(body));
    } finally {
      sg.kill('SIGCONT');
    }
    expect(
      await waitFor(
        async () => (await fixture.ask(INVESTIGATOR, BOTH)).body.data?.sg?.code === 'SG',
        15_000,
      ),
    ).toBe(true);
  });

  it('says SUBGRAPH_UNAVAILABLE when it is dead, opens the circuit, reports it, and recovers', async () => {
    const gateway = fixture.federation.baseUrls.gateway!;
    fixture.federation.processes.sg!.child!.kill('SIGKILL');
    const first = await fixture.ask(INVESTIGATOR, BOTH);
    expect(first.body.data).toEqual({ fr: { code: 'FR' }, sg: null });
    expect(first.body.errors![0]!.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      jurisdiction: 'SG',
    });
    noAddress(JSON.stringify(first.body));
    // Keep failing until the breaker opens (3 consecutive failures), then it fails fast.
    let open = false;
    for (let i = 0; i < 6 && !open; i += 1) {
      const { body } = await fixture.ask(INVESTIGATOR, BOTH);
      open = body.errors?.[0]?.extensions?.reason === 'CIRCUIT_OPEN';
    }
    expect(open).toBe(true);
    const metrics = await (await fetch(`${gateway}/metrics`)).text();
    expect(metrics).toMatch(/comity_gateway_circuit_state\{[^}]*subgraph="sg"[^}]*\} 2/);
    expect(metrics).toContain('comity_gateway_subgraph_request_duration_seconds_bucket');
    const ready = await fetch(`${gateway}/ready`);
    const readiness = (await ready.json()) as any;
    expect(ready.status).toBe(503);
    expect(readiness.subgraphs.fr.status).toBe('up');
    expect(JSON.stringify(readiness)).not.toContain('127.0.0.1');
    // The launcher restarts it; after the cool-down a probe closes the circuit.
    expect(
      await waitFor(
        async () => (await fixture.ask(INVESTIGATOR, BOTH)).body.data?.sg?.code === 'SG',
        30_000,
      ),
    ).toBe(true);
    const again = await fetch(`${gateway}/ready`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).subgraphs.sg).toEqual({ status: 'up', circuit: 'closed' });
  });

  it('answers /health while subgraphs fail', async () => {
    const response = await fetch(`${fixture.federation.baseUrls.gateway}/health`);
    expect(response.status).toBe(200);
  });
});
