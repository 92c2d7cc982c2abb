import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { FederationFixture } from '../support/federationFixture.js';

// The kit as a registry outside this repository gets it: packed with `npm pack`, installed
// from the tarball into an empty project, a member built there against its types, and that
// member serving Singapore's part of a running federation in place of the hub's own process.

const run = promisify(execFile);
const PORT_OFFSET = 5_000;
const PACKED_MEMBER_PORT = 4150 + PORT_OFFSET;
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let work: string;
let tarball: string;
let fixture: FederationFixture;
let packed: ChildProcess | null = null;
const packedLines: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'comity-packed-kit-'));
  const { stdout } = await run(
    'npm',
    ['pack', '-w', '@comity/kit', '--pack-destination', work, '--json'],
    {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const [packResult] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
  tarball = path.join(work, path.basename(packResult!.filename));
  buildMemberProject(path.join(work, 'member'), tarball);
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: path.join(work, 'member'),
    maxBuffer: 64 * 1024 * 1024,
  });
}, 300_000);

afterAll(async () => {
  packed?.kill('SIGTERM');
  await fixture?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed kit', () => {
  it('ships compiled code, its types and the schema it reads — no sources, no tests, no members', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toContain('package/dist/subgraphs/kit/index.js');
    expect(files).toContain('package/dist/subgraphs/kit/index.d.ts');
    expect(files).toContain('package/dist/schema/common/records.graphql');
    expect(files).toContain('package/dist/core/policy/policySpec.graphql');
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => /\/(test|gateway|scripts)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /dist\/subgraphs\/(?!kit\/)/.test(file))).toEqual([]);
  });

  it('builds a member outside the repository against its types alone', async () => {
    const member = path.join(work, 'member');
    // Strict type-check and compile: a missing export or type in the package fails here.
    await run(process.execPath, [TSC, '-p', path.join(member, 'tsconfig.json')], {
      cwd: member,
    }).catch((error: { stdout?: string }) => {
      throw new Error(`the member does not compile against the package:\n${error.stdout ?? ''}`);
    });
    expect(statSync(path.join(member, 'out', 'server.js')).isFile()).toBe(true);
    const sources = readdirSync(path.join(member, 'src'), { recursive: true }) as string[];
    const imports = sources
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        [...readFileSync(path.join(member, 'src', file), 'utf8').matchAll(/from '([^']+)'/g)].map(
          (match) => match[1]!,
        ),
      );
    // Nothing reaches back into this repository: the package or the member's own files.
    expect(imports.filter((spec) => spec.startsWith('../..'))).toEqual([]);
    expect(imports.some((spec) => spec.startsWith('@comity/kit'))).toBe(true);
  });

  it(
    'joins a running federation: the gateway reaches Singapore through the packed member',
    { timeout: 300_000 },
    async () => {
      const member = path.join(work, 'member');
      const dataDir = path.join(work, 'data', 'sg');
      fixture = await startFederationFixture({
        portOffset: PORT_OFFSET,
        maxRestarts: 0,
        env: { COMITY_SUBGRAPH_URL_SG: `http://127.0.0.1:${PACKED_MEMBER_PORT}/graphql` },
        // Singapore's seeded data, copied before the hub's own process opens it.
        beforeStart: (dataRoot) => cpSync(path.join(dataRoot, 'sg'), dataDir, { recursive: true }),
      });
      packed = spawn(process.execPath, [path.join(member, 'out', 'server.js')], {
        cwd: member,
        env: {
          ...process.env,
          PORT: String(PACKED_MEMBER_PORT),
          COMITY_DATA_DIR: dataDir,
          COMITY_KEYS_DIR: path.join(fixture.dataRoot, 'keys'),
          DATABASE_URL: '',
          AUDIT_DATABASE_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [packed.stdout!, packed.stderr!]) {
        readline.createInterface({ input: stream }).on('line', (line) => packedLines.push(line));
      }
      await untilHealthy(`http://127.0.0.1:${PACKED_MEMBER_PORT}/health`, packedLines);
      expect(packedLines).toContainEqual(expect.stringMatching(/^\[sg\] subgraph ready at /));

      const before = await operationsServed();
      const { status, body } = await fixture.ask(
        { role: 'FIU_OFFICER', purpose: 'AML_INTELLIGENCE', country: 'SG', caseRef: null },
        '{ sg { code watchlistEntries(first: 3) { nodes { id } } } }',
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.sg.code).toBe('SG');
      expect(body.data.sg.watchlistEntries.nodes).toHaveLength(3);
      // The answer came from the packed member, not from the hub's own Singapore process.
      expect(await operationsServed()).toBeGreaterThan(before);
    },
  );
});

/** The member project: Singapore's folder, its imports pointed at the installed package. */
function buildMemberProject(member: string, kitTarball: string): void {
  const source = path.join(REPO_ROOT, 'subgraphs', 'sg');
  const src = path.join(member, 'src');
  mkdirSync(src, { recursive: true });
  for (const file of ['index.ts', 'policy.ts', 'schema.graphql']) {
    cpSync(path.join(source, file), path.join(src, file));
  }
  cpSync(path.join(source, 'registry'), path.join(src, 'registry'), { recursive: true });
  for (const file of readdirSync(src, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const full = path.join(src, file);
    writeFileSync(full, toPackageImports(readFileSync(full, 'utf8')));
  }
  writeFileSync(
    path.join(src, 'server.ts'),
    [
      "import { runJurisdiction } from '@comity/kit';",
      "import { member } from './index.js';",
      '',
      'await runJurisdiction(member, { port: 4103 });',
      '',
    ].join('\n'),
  );
  // The schema file is read beside the compiled index.js.
  mkdirSync(path.join(member, 'out'), { recursive: true });
  cpSync(path.join(source, 'schema.graphql'), path.join(member, 'out', 'schema.graphql'));
  writeFileSync(
    path.join(member, 'package.json'),
    JSON.stringify(
      {
        name: 'packed-kit-member',
        private: true,
        type: 'module',
        dependencies: { '@comity/kit': `file:${kitTarball}` },
        devDependencies: { '@types/node': readDevDependency('@types/node') },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    path.join(member, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          types: ['node'],
          rootDir: 'src',
          outDir: 'out',
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
}

/** `../kit/x.js`, `../../kit/x.js` → `@comity/kit/x.js`; `../../core/x.js` → `@comity/kit/core/x.js`. */
function toPackageImports(text: string): string {
  return text
    .replace(/from '(?:\.\.\/)+kit\/([^']+)'/g, "from '@comity/kit/$1'")
    .replace(/from '(?:\.\.\/)+core\/([^']+)'/g, "from '@comity/kit/core/$1'");
}

function readDevDependency(name: string): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  return pkg.devDependencies[name]!;
}

async function operationsServed(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${PACKED_MEMBER_PORT}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('comity_subgraph_operations_total'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function untilHealthy(url: string, lines: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`packed member did not answer ${url}:\n${lines.join('\n')}`);
}
