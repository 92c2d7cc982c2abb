import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import type { DevKeys } from '../../core/auth/devKeys.js';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { mintDevToken } from '../../gateway/auth/mintDevToken.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from '../../gateway/GatewayContext.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { MemberNewError, createMember } from '../../scripts/memberNew/createMember.js';
import { runConformance } from '../../scripts/conformance/runConformance.js';
import { configuredSubgraphs } from '../../schema/composeSupergraph.js';
import type { RunningFederation } from '../../scripts/startFederation.js';
import { postGraphQL } from '../support/graphqlClient.js';

// `npm run member:new` against a copy of the repository: the member it writes typechecks,
// passes the policy lint, composes, is seeded and started like the others, and answers
// through the unchanged gateway with its deny-all policy. Bad requests change nothing.
//
// Port offset 8 500 (ports 12 500–12 605): below the ephemeral range, and between the
// thousands the other suites use.
const PORT_OFFSET = 8_500;

/** A throwaway copy of what a member needs of the repository; node_modules is linked. */
function copyRepository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'comity-member-new-'));
  for (const entry of ['core', 'gateway', 'subgraphs', 'schema', 'scripts']) {
    cpSync(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  }
  for (const file of [
    'package.json',
    'tsconfig.json',
    '.prettierrc.json',
    'docker-compose.yml',
    'README.md',
  ]) {
    cpSync(path.join(REPO_ROOT, file), path.join(root, file));
  }
  mkdirSync(path.join(root, 'docs'));
  cpSync(
    path.join(REPO_ROOT, 'docs', 'policy-matrix.md'),
    path.join(root, 'docs', 'policy-matrix.md'),
  );
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  admitUncertified(root);
  return root;
}

/**
 * The copy's members without a conformance report are admitted there by override, so that
 * what this suite exercises is the new member's admission, not the state of the others'.
 */
function admitUncertified(root: string): void {
  const file = path.join(root, 'schema', 'subgraphs.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as {
    subgraphs: { name: string; member?: unknown; admission?: unknown }[];
  };
  for (const subgraph of config.subgraphs) {
    const report = path.join(root, 'schema', 'conformance', `${subgraph.name}.json`);
    if (subgraph.member && !subgraph.admission && !existsSync(report)) {
      subgraph.admission = { override: { reason: 'test copy: not the member under test' } };
    }
  }
  writeFileSync(
    file,
    `${JSON.stringify(config, null, 2)}
`,
  );
}

/** Every file of the gateway and its text. */
const gatewayFiles = (dir: string) =>
  readdirSync(path.join(dir, 'gateway'), { recursive: true })
    .map(String)
    .filter((file) => statSync(path.join(dir, 'gateway', file)).isFile())
    .sort()
    .map((file) => [file, readFileSync(path.join(dir, 'gateway', file), 'utf8')]);

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describe('member:new refuses bad requests and leaves the repository as it was', () => {
  let root: string;
  beforeAll(() => {
    root = copyRepository();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const attempt = (options: { code: string; name?: string; backend?: string }) =>
    createMember({ root, name: 'Testland', backend: 'sql', ...options, regenerate: false }).then(
      () => null,
      (error: unknown) => error as MemberNewError,
    );

  it.each([
    [{ code: 'usa' }, 'BAD_CODE', /ISO 3166-1 alpha-2/],
    [{ code: 'xx' }, 'BAD_CODE', /"xx"/],
    [{ code: 'nz', name: 'x' }, 'BAD_NAME', /--name/],
    [{ code: 'nz', backend: 'csv' }, 'UNKNOWN_BACKEND', /sql, ftm-jsonl, ivms101-json; got "csv"/],
    [{ code: 'fr' }, 'MEMBER_EXISTS', /FR is already in schema\/subgraphs.json/],
  ])('%j → %s', async (options, code, message) => {
    const before = [read(root, 'schema/subgraphs.json'), read(root, 'docker-compose.yml')];
    const error = await attempt(options);
    expect(error).toBeInstanceOf(MemberNewError);
    expect(error!.code).toBe(code);
    expect(error!.message).toMatch(message);
    expect([read(root, 'schema/subgraphs.json'), read(root, 'docker-compose.yml')]).toEqual(before);
  });

  it('undoes every change when a later step fails (here: composition)', async () => {
    const before = ['schema/subgraphs.json', 'docker-compose.yml', 'README.md'].map((file) =>
      read(root, file),
    );
    const compose = read(root, 'schema/compose.ts');
    writeFileSync(path.join(root, 'schema', 'compose.ts'), 'process.exit(1);\n');
    try {
      const error = await createMember({
        root,
        code: 'nz',
        name: 'New Zealand',
        backend: 'sql',
      }).then(
        () => null,
        (caught: unknown) => caught as MemberNewError,
      );
      expect(error?.code).toBe('GENERATION_FAILED');
      expect(error?.message).toMatch(/compose\.ts failed/);
    } finally {
      writeFileSync(path.join(root, 'schema', 'compose.ts'), compose);
    }
    expect(
      ['schema/subgraphs.json', 'docker-compose.yml', 'README.md'].map((file) => read(root, file)),
    ).toEqual(before);
    expect(existsSync(path.join(root, 'subgraphs', 'nz'))).toBe(false);
    expect(existsSync(path.join(root, 'test', 'subgraphs', 'nz'))).toBe(false);
  }, 60_000);
});

describe('a member written by member:new joins the federation with no gateway change', () => {
  let root: string;
  let keys: DevKeys;
  let port: number;
  let gatewayBefore: string[][] = [];
  let federation: RunningFederation | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    root = copyRepository();
    gatewayBefore = gatewayFiles(root);
    const created = await createMember({
      root,
      code: 'nz',
      name: 'New Zealand',
      backend: 'ftm-jsonl',
    });
    // The next port after the membership's highest.
    const ports = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'schema', 'subgraphs.json'), 'utf8'),
    ).subgraphs.map((subgraph: { url: string }) => Number(new URL(subgraph.url).port));
    expect(created.port).toBe(Math.max(...ports) + 1);
    port = created.port;
    // The copy's own launcher, so the processes run in the copy with its membership.
    const { seedFederation } = (await import(
      pathToFileURL(path.join(root, 'scripts', 'seedFederation.ts')).href
    )) as typeof import('../../scripts/seedFederation.js');
    const { startFederation } = (await import(
      pathToFileURL(path.join(root, 'scripts', 'startFederation.ts')).href
    )) as typeof import('../../scripts/startFederation.js');
    const dataRoot = path.join(root, '.data');
    const keysDir = path.join(dataRoot, 'keys');
    keys = await ensureDevKeys(keysDir);
    await seedFederation({
      dataRoot,
      scale: 50,
      databaseUrl: null,
      auditDatabaseUrl: null,
      keysDir,
      log: () => {},
    });
    federation = await startFederation({
      dataRoot,
      portOffset: PORT_OFFSET,
      env: { COMITY_KEYS_DIR: keysDir, DATABASE_URL: '', AUDIT_DATABASE_URL: '' },
      onLine: (_name, line) => logs.push(line),
      readyTimeoutMs: 90_000,
    });
  }, 300_000);

  afterAll(async () => {
    await federation?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const ask = async (
    role: Role,
    purpose: Purpose,
    query: string,
    variables?: Record<string, unknown>,
  ) => {
    const token = await mintDevToken(keys, {
      subject: `${role.toLowerCase()}@test`,
      roles: [role],
      country: 'NZ',
      agency: 'Test agency',
      ttl: '10m',
    });
    return postGraphQL(federation!.gatewayUrl, query, variables, {
      authorization: `Bearer ${token}`,
      [PURPOSE_HEADER]: purpose,
      [CASE_REF_HEADER]: 'CASE-2026-0001',
    });
  };

  it('typechecks with the repository settings, its own tests included', () => {
    writeFileSync(
      path.join(root, 'tsconfig.member.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['subgraphs/nz', 'test/subgraphs/nz'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.member.json',
        '--noEmit',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('is in the composed supergraph, and the gateway is the repository’s own', () => {
    expect(read(root, 'schema/supergraph.graphql')).toMatch(/nz: Jurisdiction/);
    expect(read(root, 'docker-compose.yml')).toContain(
      `COMITY_SUBGRAPH_URL_NZ: http://nz:${port}/graphql`,
    );
    expect(federation!.notStarted).toEqual([]);
    expect(gatewayFiles(root)).toEqual(gatewayBefore);
  });

  it('is listed by the directory and serves its transparency report to the public', async () => {
    const { body } = await ask(
      'PUBLIC',
      'STATISTICS',
      '{ members { code registries { name kind backend } } nz { transparency { jurisdiction } } }',
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.members).toContainEqual({
      code: 'NZ',
      registries: [{ name: 'nz-watchlist', kind: 'WATCHLIST', backend: 'ftm-jsonl' }],
    });
    expect(body.data.nz.transparency.jurisdiction).toBe('NZ');
  });

  it('passes every conformance check (npm run member:conformance)', async () => {
    const report = await runConformance({
      url: `${federation!.baseUrls.nz}/graphql`,
      code: 'nz',
      contextKey: keys.context.current.privateJwk,
      federation: await configuredSubgraphs(),
    });
    expect(report.checks.filter((check) => !check.pass)).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('denies its records to every role by default, with its own reason', async () => {
    const { body } = await ask(
      'JUDGE',
      'CRIMINAL_INVESTIGATION',
      'query ($id: WalletId!) { wallet(id: $id) { nz { hit watchlistEntries { id } } } }',
      { id: crossBorderWallets()[0] },
    );
    const errors = body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', jurisdiction: 'NZ' });
    }
    expect(body.data.wallet.nz).toEqual({ hit: null, watchlistEntries: null });
  });
});
