import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadinessCheck } from '../../../gateway/health/checkReadiness.js';
import type { ReadinessSources } from '../../../gateway/health/checkReadiness.js';

// /ready is open to anyone (load balancers call it unauthenticated). Each call used to probe
// every jurisdiction's /health: a flood of /ready became a flood on every subgraph.
describe('createReadinessCheck', () => {
  let server: http.Server;
  let url: string;
  let healthHits = 0;
  let healthy = true;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/health') healthHits += 1;
      response.writeHead(healthy ? 200 : 503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sources = (draining: { value: boolean }): ReadinessSources => ({
    supergraphLoaded: () => true,
    draining: () => draining.value,
    subgraphs: () => [{ name: 'fr', url, circuit: 'closed' }],
  });

  it('serves a flood of /ready from one probe round, then probes again', async () => {
    healthHits = 0;
    healthy = true;
    const check = createReadinessCheck(sources({ value: false }), 300);
    const answers = await Promise.all(Array.from({ length: 50 }, () => check()));
    expect(answers.every((answer) => answer.ready)).toBe(true);
    expect(healthHits).toBe(1);
    healthy = false;
    expect((await check()).ready).toBe(true); // still the round above
    await new Promise((resolve) => setTimeout(resolve, 350));
    const after = await check();
    expect(after.ready).toBe(false);
    expect(after.subgraphs.fr).toEqual({ status: 'down', circuit: 'closed' });
    expect(healthHits).toBe(2);
  });

  it('answers not ready at once when draining, whatever the last probe said', async () => {
    healthy = true;
    const draining = { value: false };
    const check = createReadinessCheck(sources(draining), 60_000);
    expect((await check()).ready).toBe(true);
    draining.value = true;
    const answer = await check();
    expect(answer.ready).toBe(false);
    expect(answer.draining).toBe(true);
  });
});
