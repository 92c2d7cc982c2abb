import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TESTED_APOLLO_VERSIONS } from '../../../gateway/apolloInternals/checkApolloVersions.js';
import { installApolloInternals } from '../../../gateway/apolloInternals/installApolloInternals.js';
import type { GatewayTrust } from '../../../gateway/auth/gatewayTrust.js';
import { gatewayConfig } from '../../../gateway/gatewayConfig.js';
import { createGatewayServer } from '../../../gateway/server.js';

// What this process sees as installed: the tested versions unless a test says otherwise.
const installed = vi.hoisted(() => ({ override: null as Record<string, string> | null }));
vi.mock('../../../gateway/apolloInternals/checkApolloVersions.js', async (importOriginal) => {
  const original =
    await importOriginal<
      typeof import('../../../gateway/apolloInternals/checkApolloVersions.js')
    >();
  return {
    ...original,
    installedApolloVersions: () => installed.override ?? original.installedApolloVersions(),
  };
});

const require = createRequire(import.meta.url);
const apolloExecution = () =>
  require('@apollo/gateway/dist/executeQueryPlan.js') as { executeQueryPlan: unknown };

afterEach(() => {
  installed.override = null;
});

describe('installApolloInternals', () => {
  it('refuses an Apollo version it was not tested against, and leaves Apollo untouched', () => {
    const before = apolloExecution().executeQueryPlan;
    expect(() =>
      installApolloInternals({ ...TESTED_APOLLO_VERSIONS, '@apollo/gateway': '2.15.0' }),
    ).toThrow('@apollo/gateway: tested 2.14.4, installed 2.15.0');
    expect(apolloExecution().executeQueryPlan).toBe(before);
  });

  it('installs the plan executor over the tested versions', () => {
    installApolloInternals({ ...TESTED_APOLLO_VERSIONS });
    const executeQueryPlan = apolloExecution().executeQueryPlan as Record<symbol, unknown>;
    expect(executeQueryPlan[Symbol.for('comity.planExecutor')]).toBe(true);
  });

  it('is run by the gateway at start-up: a mismatched install fails createGatewayServer', async () => {
    installed.override = { ...TESTED_APOLLO_VERSIONS, '@apollo/federation-internals': '2.16.1' };
    // Refused before the gateway touches its trust, Redis or the supergraph.
    await expect(
      createGatewayServer(gatewayConfig({ PORT: '0' }), {} as GatewayTrust),
    ).rejects.toThrow('@apollo/federation-internals: tested 2.14.4, installed 2.16.1');
  });
});
