import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import {
  REPO_ROOT,
  federationConfig,
  memberConfigs,
  subgraphUrlVariable,
} from '../../core/federationConfig.js';
import { gatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import { gatewayConfig } from '../../gateway/gatewayConfig.js';
import { createLogger } from '../../gateway/logging/createLogger.js';
import { createGatewayServer } from '../../gateway/server.js';
import type { GatewayServer } from '../../gateway/server.js';
import { createServer as createDirectoryServer } from '../../subgraphs/directory/server.js';
import { policy as frenchPolicy } from '../../subgraphs/fr/policy.js';
import { jurisdictionAuditKey } from '../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openJurisdictionAuditLog } from '../../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import { createSubgraphServer } from '../../subgraphs/kit/createSubgraphServer.js';
import type { SubgraphServer } from '../../subgraphs/kit/createSubgraphServer.js';
import { MEMBER_KEYS_PATH } from '../../subgraphs/kit/keys/MemberKeys.js';
import { memberKeysRoutes } from '../../subgraphs/kit/keys/memberKeysRoutes.js';
import { createSubgraphMetrics } from '../../subgraphs/kit/metrics/createSubgraphMetrics.js';
import { MEMBER_KEYS_QUERY } from '../../scripts/keys/memberKeysQuery.js';
import { storedEvidencePackage } from '../subgraphs/kit/evidence/storedEvidencePackage.js';

// Keys exchanged, not copied (docs/keys.md): FR and DE serve their keys documents from
// subgraph servers of the kit, SG publishes none; the real directory fetches them and the
// real gateway (production mode) relays them to an anonymous caller; the verify commands and
// keys:pseudonym run as processes against that gateway. In this process, on ports the system
// picks (no fixed port).
const DAY_MS = 86_400_000;
const unpublishedCodes = () =>
  memberConfigs()
    .map((member) => member.code)
    .filter((code) => code !== 'FR' && code !== 'DE');
let root: string;
/** The hub's keys (context signing) and FR's keys: what FR publishes. */
let keysDir: string;
/** DE's own folder: a new member whose keys live with it alone. */
let deKeysDir: string;
const servers: { stop(): Promise<void> }[] = [];
let gateway: GatewayServer;
let gatewayUrl: string;

const run = async (script: string, args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      [path.join(REPO_ROOT, 'scripts', script), ...args],
      { env: { ...process.env, AUDIT_DATABASE_URL: '', ...env }, cwd: REPO_ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** A subgraph of the kit whose GraphQL refuses everyone and which serves `routes`. */
async function keysServer(routes: Awaited<ReturnType<typeof memberKeysRoutes>>): Promise<string> {
  const server: SubgraphServer = await createSubgraphServer({
    name: 'keys-test',
    typeDefs: parse('type Query { ok: Boolean }'),
    resolvers: {},
    metrics: createSubgraphMetrics('keys-test'),
    routes,
    authenticate: async () => {
      throw Object.assign(new Error('no token'), { code: 'UNAUTHENTICATED', reason: 'NO_TOKEN' });
    },
    context: async () => ({}),
  });
  servers.push(server);
  return (await server.listen(0)).replace(/\/graphql$/, '');
}

/** An FR evidence package on the log in `dataRoot`, signed with FR's key in `keys`, exported. */
async function exportedPackage(dataRoot: string, keys: string, out: string): Promise<string> {
  const env = {
    ...process.env,
    COMITY_DATA_ROOT: dataRoot,
    COMITY_KEYS_DIR: keys,
    AUDIT_DATABASE_URL: '',
  };
  const log = await openJurisdictionAuditLog(
    'fr',
    frenchPolicy.auditRetentionDays,
    { checkpointIntervalMs: 0 },
    env,
  );
  try {
    await storedEvidencePackage(log, 'req-fr-1', new Date(Date.now() - DAY_MS).toISOString(), 30);
  } finally {
    await log.close();
  }
  const exported = await run(
    'evidenceExport.ts',
    ['--jurisdiction', 'fr', '--request', 'req-fr-1', '--out', out],
    { COMITY_DATA_ROOT: dataRoot, COMITY_KEYS_DIR: keys },
  );
  expect(exported).toMatchObject({ code: 0, stderr: '' });
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'comity-member-keys-it-'));
  keysDir = path.join(root, 'keys');
  deKeysDir = path.join(root, 'keys-de');
  await ensureDevKeys(keysDir);
  const fr = await keysServer(
    await memberKeysRoutes('FR', await jurisdictionAuditKey('fr', keysDir), {
      COMITY_KEYS_DIR: keysDir,
    }),
  );
  const de = await keysServer(
    await memberKeysRoutes('DE', await jurisdictionAuditKey('de', deKeysDir), {
      COMITY_KEYS_DIR: deKeysDir,
    }),
  );
  // The directory verifies the gateway's context tokens with the hub's keys, and finds each
  // member's keys where its environment says.
  process.env.COMITY_KEYS_DIR = keysDir;
  process.env.COMITY_MEMBER_KEYS_URL_FR = `${fr}${MEMBER_KEYS_PATH}`;
  process.env.COMITY_MEMBER_KEYS_URL_DE = `${de}${MEMBER_KEYS_PATH}`;
  // Every other member publishes nothing (SG, and any member the membership adds).
  for (const cc of unpublishedCodes()) {
    process.env[`COMITY_MEMBER_KEYS_URL_${cc}`] = `${fr}/nothing-published-here`;
  }
  const directory = await createDirectoryServer();
  servers.push(directory);
  const directoryUrl = await directory.listen(0);
  const subgraphEnv: Record<string, string> = {};
  for (const subgraph of federationConfig().subgraphs) {
    subgraphEnv[subgraphUrlVariable(subgraph.name)] = directoryUrl;
  }
  gateway = await createGatewayServer(
    gatewayConfig({ PORT: '0', NODE_ENV: 'production', ...subgraphEnv }),
    await gatewayTrust({ COMITY_KEYS_DIR: keysDir }),
    { logger: createLogger({ level: 'silent' }) },
  );
  gatewayUrl = await gateway.listen();
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  for (const server of servers.reverse()) await server.stop();
  delete process.env.COMITY_MEMBER_KEYS_URL_FR;
  delete process.env.COMITY_MEMBER_KEYS_URL_DE;
  for (const cc of unpublishedCodes()) delete process.env[`COMITY_MEMBER_KEYS_URL_${cc}`];
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the members’ published keys, through the directory', () => {
  it('a member serves its keys document without a context token; its GraphQL still wants one', async () => {
    const url = process.env.COMITY_MEMBER_KEYS_URL_FR!;
    const document = await fetch(url);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({ member: 'FR', format: 'comity-member-keys/1' });
    const graphql = await fetch(url.replace(MEMBER_KEYS_PATH, '/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(graphql.status).toBe(401);
  });

  it('the public reads every member’s keys without a token: public halves, and why a member has none', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: MEMBER_KEYS_QUERY }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text);
    const byCode = Object.fromEntries(
      body.data.members.map((member: any) => [member.code, member.keys]),
    );
    const frAudit = await jurisdictionAuditKey('fr', keysDir);
    expect(byCode.FR.auditCheckpoint).toMatchObject({
      kid: frAudit.kid,
      alg: 'EdDSA',
      jwk: { kty: 'OKP', crv: 'Ed25519', x: frAudit.publicJwk.x, kid: frAudit.kid },
    });
    expect(byCode.FR.contextTrust.keys.map((key: any) => key.kid)).toEqual(
      (await ensureDevKeys(keysDir)).context.publicJwks.map((key) => key.kid),
    );
    expect(byCode.DE.secretExchange.jwk).toMatchObject({ kty: 'OKP', crv: 'X25519' });
    expect(byCode.SG).toBeNull();
    const codes = body.data.members.map((member: any) => member.code);
    expect(body.errors).toEqual(
      unpublishedCodes().map((cc) =>
        expect.objectContaining({
          path: ['members', codes.indexOf(cc), 'keys'],
          message: `${cc} publishes no keys (KEYS_NOT_PUBLISHED)`,
          extensions: expect.objectContaining({ code: 'NOT_FOUND', reason: 'KEYS_NOT_PUBLISHED' }),
        }),
      ),
    );
    // No private member, and not where a member lives.
    expect(text).not.toMatch(/"d"\s*:/);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(frAudit.privateJwk.d as string);
  });

  it('a query that is not the published one stays closed to the public', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ members { code keys { auditCheckpoint { kid } } } }' }),
    });
    const body = await response.json();
    expect(body.errors?.[0]?.extensions?.reason).toBe('PUBLIC_OPERATIONS_ONLY');
  });
});

describe('verifying with fetched keys', () => {
  let published: string;
  let foreign: string;
  const frDataRoot = () => path.join(root, 'data-fr');
  const otherDataRoot = () => path.join(root, 'data-other');
  // The verifier's own keys folder holds nothing: whatever verifies, it fetched.
  const empty = () => ({ COMITY_KEYS_DIR: path.join(root, 'nothing') });

  beforeAll(async () => {
    published = await exportedPackage(frDataRoot(), keysDir, path.join(root, 'fr.zip'));
    // Signed by an FR key the member does not publish (another keys folder).
    foreign = await exportedPackage(
      otherDataRoot(),
      path.join(root, 'keys-other'),
      path.join(root, 'foreign.zip'),
    );
  }, 120_000);

  it('evidence:verify --keys-from verifies a package with the key FR publishes', async () => {
    const offline = await run('evidenceVerify.ts', [published], empty());
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^FAILED UNKNOWN_KEY: no published key of FR to verify with\n/);
    const verified = await run(
      'evidenceVerify.ts',
      [published, '--keys-from', gatewayUrl],
      empty(),
    );
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^VERIFIED\n/);
    expect(verified.stdout).toContain(`keys fetched through the directory of ${gatewayUrl}`);
  }, 60_000);

  it('a package signed by a key FR does not publish fails, naming both keys', async () => {
    const frKid = (await jurisdictionAuditKey('fr', keysDir)).kid;
    const otherKid = (await jurisdictionAuditKey('fr', path.join(root, 'keys-other'))).kid;
    const failed = await run('evidenceVerify.ts', [foreign, '--keys-from', gatewayUrl], empty());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /^FAILED UNKNOWN_KEY: the audit proof is signed with a key that is not FR's published one\n/,
    );
    expect(failed.stderr).toContain(
      `  KEY_NOT_PUBLISHED: the package is signed with key ${otherKid}, but FR publishes ${frKid}\n`,
    );
  }, 60_000);

  it('audit:verify --keys-from checks the checkpoints with the published key', async () => {
    const frKid = (await jurisdictionAuditKey('fr', keysDir)).kid;
    const verified = await run(
      'auditVerify.ts',
      ['--jurisdiction', 'fr', '--keys-from', gatewayUrl],
      { COMITY_DATA_ROOT: frDataRoot(), COMITY_KEYS_DIR: keysDir },
    );
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(
      `checkpoint key ${frKid}, as FR publishes it at ${gatewayUrl}`,
    );
    expect(verified.stdout).toMatch(/\nok: \d+ events, \d+ checkpoints\n$/);

    const otherKeys = path.join(root, 'keys-other');
    const otherKid = (await jurisdictionAuditKey('fr', otherKeys)).kid;
    const mismatch = await run(
      'auditVerify.ts',
      ['--jurisdiction', 'fr', '--keys-from', gatewayUrl],
      { COMITY_DATA_ROOT: otherDataRoot(), COMITY_KEYS_DIR: otherKeys },
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toBe(
      `FR audit log not verified: KEY_NOT_PUBLISHED: its checkpoints are signed with key ${otherKid}, but FR publishes ${frKid}\n`,
    );

    const unpublished = await run(
      'auditVerify.ts',
      ['--jurisdiction', 'sg', '--keys-from', gatewayUrl],
      { COMITY_DATA_ROOT: path.join(root, 'data-sg'), COMITY_KEYS_DIR: keysDir },
    );
    expect(unpublished.code).toBe(1);
    expect(unpublished.stderr).toBe(
      'SG audit log not verified: KEYS_NOT_PUBLISHED: the directory has no usable keys of SG (KEYS_NOT_PUBLISHED)\n',
    );
  }, 90_000);

  it('audit:export --verify --keys-from checks a proof’s checkpoint with the published key', async () => {
    const frKid = (await jurisdictionAuditKey('fr', keysDir)).kid;
    const otherKeys = path.join(root, 'keys-other');
    const otherKid = (await jurisdictionAuditKey('fr', otherKeys)).kid;
    const proofs: string[] = [];
    for (const [dataRoot, keys] of [
      [frDataRoot(), keysDir],
      [otherDataRoot(), otherKeys],
    ] as const) {
      const out = path.join(dataRoot, 'proof.json');
      const exported = await run(
        'auditExport.ts',
        ['--jurisdiction', 'fr', '--seq', '1', '--out', out],
        { COMITY_DATA_ROOT: dataRoot, COMITY_KEYS_DIR: keys },
      );
      expect(exported).toMatchObject({ code: 0, stderr: '' });
      proofs.push(out);
    }
    const verified = await run(
      'auditExport.ts',
      ['--verify', proofs[0]!, '--keys-from', gatewayUrl],
      empty(),
    );
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(
      /^ok: event 1 is leaf 0 of the FR checkpoint of \d+ events issued \S+\n$/,
    );
    const foreignProof = await run(
      'auditExport.ts',
      ['--verify', proofs[1]!, '--keys-from', gatewayUrl],
      empty(),
    );
    expect(foreignProof.code).toBe(1);
    expect(foreignProof.stderr).toBe(
      `proof does not verify: KEY_NOT_PUBLISHED: signed with key ${otherKid}, but FR publishes ${frKid}\n`,
    );
  }, 90_000);
});

describe('keys:pseudonym: the shared secret to a new member, never in clear', () => {
  it('seals with DE’s key fetched through the directory; DE alone opens it', async () => {
    const secret = randomBytes(32).toString('base64');
    const envelope = path.join(root, 'de.jwe');
    const sealed = await run(
      'keysPseudonym.ts',
      ['seal', '--member', 'de', '--for', gatewayUrl, '--out', envelope],
      { COMITY_KEYS_DIR: keysDir, COMITY_PSEUDONYM_SECRET: secret },
    );
    expect(sealed).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(envelope, 'utf8')).not.toContain(secret);

    // Opened with the wrong member's key folder: refused before any decryption.
    const wrong = await run(
      'keysPseudonym.ts',
      ['open', '--member', 'de', '--in', envelope, '--out', path.join(root, 'wrong')],
      { COMITY_KEYS_DIR: keysDir },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^keys:pseudonym: WRONG_RECIPIENT: sealed to key exchange-de-/);

    const opened = await run('keysPseudonym.ts', ['open', '--member', 'de', '--in', envelope], {
      COMITY_KEYS_DIR: deKeysDir,
    });
    expect(opened).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(path.join(deKeysDir, 'pseudonym-secret'), 'utf8')).toBe(secret);
    // Opening again is harmless; a different secret is never overwritten.
    const again = await run('keysPseudonym.ts', ['open', '--member', 'de', '--in', envelope], {
      COMITY_KEYS_DIR: deKeysDir,
    });
    expect(again.stdout).toMatch(/already holds this secret/);

    const unpublished = await run(
      'keysPseudonym.ts',
      ['seal', '--member', 'sg', '--for', gatewayUrl, '--out', path.join(root, 'sg.jwe')],
      { COMITY_KEYS_DIR: keysDir, COMITY_PSEUDONYM_SECRET: secret },
    );
    expect(unpublished.code).toBe(1);
    expect(unpublished.stderr).toMatch(/^keys:pseudonym: KEYS_NOT_PUBLISHED: /);
  }, 90_000);
});
