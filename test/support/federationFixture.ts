import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import type { DevKeys } from '../../core/auth/devKeys.js';
import { mintDevToken } from '../../gateway/auth/mintDevToken.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from '../../gateway/GatewayContext.js';
import { REPO_ROOT, federationConfig } from '../../core/federationConfig.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';
import { seedDataRoot } from './seedTemplate.js';
import { startFederation } from '../../scripts/startFederation.js';
import type { RunningFederation } from '../../scripts/startFederation.js';
import { postGraphQL } from './graphqlClient.js';
import type { GraphQLResponse } from './graphqlClient.js';

export interface Asking {
  role: Role;
  purpose?: Purpose | string | null;
  caseRef?: string | null;
  country?: string;
  /** Default `Test agency`. */
  agency?: string;
}

export interface FederationFixture {
  federation: RunningFederation;
  keys: DevKeys;
  dataRoot: string;
  supergraphFile: string;
  /** Everything the processes printed, in order. */
  logs: string[];
  token(asking: Asking): Promise<string>;
  /** Headers a caller sends: bearer token, purpose and case reference. */
  headers(asking: Asking): Promise<Record<string, string>>;
  /** Sends one operation through the gateway as the given caller. */
  ask<T = any>(
    asking: Asking,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLResponse<T> }>;
  stop(): Promise<void>;
}

/**
 * The real federation for a test file: seeded data, development keys and a supergraph copy in
 * a temporary folder, every process started on ports offset from the defaults.
 */
export async function startFederationFixture(options: {
  portOffset: number;
  scale?: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Restarts of a crashed subgraph; default the launcher's. */
  maxRestarts?: number;
  /** Runs after seeding, before the processes start (to break a jurisdiction's data). */
  beforeStart?: (dataRoot: string) => void;
}): Promise<FederationFixture> {
  refuseEphemeralPorts(options.portOffset);
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'comity-it-'));
  const keysDir = path.join(dataRoot, 'keys');
  const supergraphFile = path.join(dataRoot, 'supergraph.graphql');
  copyFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), supergraphFile);
  await seedDataRoot(dataRoot, options.scale ?? 300);
  const keys = await ensureDevKeys(keysDir);
  options.beforeStart?.(dataRoot);
  const logs: string[] = [];
  let federation: RunningFederation;
  try {
    federation = await startFederation({
      dataRoot,
      portOffset: options.portOffset,
      env: {
        COMITY_SUPERGRAPH: supergraphFile,
        COMITY_KEYS_DIR: keysDir,
        DATABASE_URL: '',
        AUDIT_DATABASE_URL: '',
        ...options.env,
      },
      maxRestarts: options.maxRestarts,
      onLine: (_name, line) => logs.push(line),
      readyTimeoutMs: 90_000,
    });
  } catch (error) {
    rmSync(dataRoot, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${logs.join('\n')}`);
  }
  const token = (asking: Asking) =>
    mintDevToken(keys, {
      subject: `${asking.role.toLowerCase()}@test`,
      roles: [asking.role],
      country: asking.country ?? 'FR',
      agency: asking.agency ?? 'Test agency',
      ttl: '10m',
    });
  const headers = async (asking: Asking) => {
    const result: Record<string, string> = { authorization: `Bearer ${await token(asking)}` };
    const purpose = asking.purpose === undefined ? 'CRIMINAL_INVESTIGATION' : asking.purpose;
    if (purpose !== null) result[PURPOSE_HEADER] = purpose;
    const caseRef = asking.caseRef === undefined ? 'CASE-2026-0001' : asking.caseRef;
    if (caseRef !== null) result[CASE_REF_HEADER] = caseRef;
    return result;
  };
  return {
    federation,
    keys,
    dataRoot,
    supergraphFile,
    logs,
    token,
    headers,
    ask: async (asking, query, variables) =>
      postGraphQL(federation.gatewayUrl, query, variables, await headers(asking)),
    stop: async () => {
      await federation.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/** Highest default port the launcher adds an offset to (the membership's last subgraph). */
const highestDefaultPort = () =>
  Math.max(...federationConfig().subgraphs.map((subgraph) => Number(new URL(subgraph.url).port)));

/**
 * Fixed test ports must sit below the kernel's ephemeral range: there, any outgoing connection
 * of the suite (to Redis, PostgreSQL, another fixture) may already hold the port, and the
 * subgraph dies with EADDRINUSE — which happened in CI with offset 30 000 (port 34 102).
 */
function refuseEphemeralPorts(portOffset: number): void {
  let firstEphemeral = 32_768;
  try {
    firstEphemeral = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
  } catch {
    // Not Linux: keep the common default.
  }
  const highest = highestDefaultPort() + portOffset;
  if (highest >= firstEphemeral) {
    throw new Error(
      `portOffset ${portOffset} puts port ${highest} in the ephemeral range (from ${firstEphemeral}); choose a smaller offset`,
    );
  }
}
