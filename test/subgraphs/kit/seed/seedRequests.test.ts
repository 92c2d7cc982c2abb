import { loadMemberPolicy } from '../../../../subgraphs/membership.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberCodes } from '../../../../core/federationConfig.js';
import { generateAuditSigningKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import type { AuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import { REQUEST_STATES } from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import type { CrossBorderRequest } from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { seedRequests } from '../../../../subgraphs/kit/seed/seedRequests.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const members = memberCodes().map((code) => code.toUpperCase());
const logs = new Map<string, AuditLog>();
const seeded = new Map<string, CrossBorderRequest[]>();
const acceptsRequests = new Map<string, boolean>();

beforeAll(async () => {
  for (const code of members) {
    const log = await openAuditLog({
      databaseUrl: null,
      pgliteDataDir: null,
      schema: `audit_${code.toLowerCase()}`,
      jurisdiction: code,
      signingKey: await generateAuditSigningKey(code.toLowerCase()),
      checkpointIntervalMs: 0,
    });
    logs.set(code, log);
    const policy = await loadMemberPolicy(code.toLowerCase());
    acceptsRequests.set(code, Object.keys(policy.requests.types).length > 0);
    await seedRequests({ log, policy, members, now: NOW });
    const page = await log.requests.list({ executingSide: true }, { first: 500, after: null });
    seeded.set(code, page.requests);
  }
}, 120_000);

afterAll(async () => {
  for (const log of logs.values()) await log.close();
});

describe('seedRequests', () => {
  it('leaves requests in every state of the machine across the members', () => {
    const states = new Set([...seeded.values()].flat().map((request) => request.state));
    expect([...states].sort()).toEqual([...REQUEST_STATES].sort());
  });

  it('files each member only requests from the other members, as its policy accepts them', () => {
    for (const [code, requests] of seeded) {
      // A member that takes no request through Comity (a public list) is filed none.
      expect(requests.length > 0, code).toBe(acceptsRequests.get(code));
      for (const request of requests) {
        expect(request.executingState).toBe(code);
        expect(request.issuingState).not.toBe(code);
        expect(members).toContain(request.issuingState);
      }
    }
  });

  it('records every step in the member’s chain, which verifies', async () => {
    for (const [code, log] of logs) {
      const requests = seeded.get(code)!;
      const steps = await Promise.all(requests.map((request) => log.requests.history(request.id)));
      const events = await log.list({ kind: 'REQUEST_TRANSITION' }, { first: 1000, after: null });
      expect(events.totalCount).toBe(steps.flat().length);
      expect((await log.verify()).ok).toBe(true);
    }
  });

  it('does nothing the second time', async () => {
    const [code, log] = [...logs][0]!;
    const written = await seedRequests({
      log,
      policy: await loadMemberPolicy(code.toLowerCase()),
      members,
      now: NOW,
    });
    expect(written).toBe(0);
  });
});
