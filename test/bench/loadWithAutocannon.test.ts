import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWithAutocannon } from '../../bench/loadWithAutocannon.js';

// A stand-in gateway on loopback that answers in turn: a clean 200, a 200 carrying GraphQL
// errors, a 500 carrying errors. Only the clean answers may count towards RPS, and each of
// the others is one failure, not two.
const sent = { clean: 0, errors200: 0, errors500: 0 };
let server: http.Server;
let url = '';

beforeAll(async () => {
  let turn = 0;
  server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const kind = turn++ % 3;
      if (kind === 0) {
        sent.clean += 1;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"data":{"ok":true}}');
      } else if (kind === 1) {
        sent.errors200 += 1;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"errors":[{"message":"token expired"}],"data":null}');
      } else {
        sent.errors500 += 1;
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"errors":[{"message":"down"}]}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('loadWithAutocannon', () => {
  it('counts only clean 2xx answers as requests, and every other answer once as a failure', async () => {
    const result = await loadWithAutocannon({
      url,
      body: '{"query":"{ ok }"}',
      headers: {},
      connections: 1,
      durationSec: 1,
    });
    expect(sent.clean).toBeGreaterThan(10);
    // The answer in flight when the window closes is sent but not counted: one at most.
    expect(Math.abs(result.requests - sent.clean)).toBeLessThanOrEqual(1);
    expect(Math.abs(result.failures - (sent.errors200 + sent.errors500))).toBeLessThanOrEqual(1);
    expect(result.rps).toBeCloseTo(result.requests, 5);
  });
});
