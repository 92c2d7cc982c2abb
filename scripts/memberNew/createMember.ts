import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { isCountryCode } from '../../core/policy/countries.js';

// The scaffold behind `npm run member:new` (docs/members.md): a member folder rendered from
// the templates beside this file, its tests, and the membership, compose and gateway entries.

/** The storage kinds the scaffold writes an adapter for, as the members use them today. */
export const BACKEND_KINDS = ['sql', 'ftm-jsonl', 'ivms101-json'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** Which template folders make up each kind's member (later folders win). */
const TEMPLATE_SETS: Readonly<Record<BackendKind, readonly string[]>> = {
  sql: ['common', 'sql'],
  'ftm-jsonl': ['common', 'memory', 'ftm-jsonl'],
  'ivms101-json': ['common', 'memory', 'ivms101-json'],
};

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .,()’-]{0,78}[\p{L}\p{M}.)]$/u;

/** A request the scaffold refuses; `code` is stable for scripts and tests. */
export class MemberNewError extends Error {
  override name = 'MemberNewError';
  constructor(
    readonly code:
      | 'BAD_CODE'
      | 'BAD_NAME'
      | 'UNKNOWN_BACKEND'
      | 'MEMBER_EXISTS'
      | 'BAD_ROOT'
      | 'GENERATION_FAILED',
    message: string,
  ) {
    super(message);
  }
}

export interface CreateMemberOptions {
  /** The repository to write into (its package.json, schema/subgraphs.json, subgraphs/). */
  root: string;
  /** ISO 3166-1 alpha-2, any case. */
  code: string;
  name: string;
  backend: string;
  /** Regenerate the supergraph and the policy matrix afterwards (default true). */
  regenerate?: boolean;
  log?: (line: string) => void;
}

export interface CreatedMember {
  code: string;
  port: number;
  /** Paths written or changed, relative to the root. */
  files: string[];
}

interface SubgraphsFile {
  subgraphs: { name: string; url: string }[];
}

/** Checks the request against the root; returns what the member will be. */
async function plan(options: CreateMemberOptions) {
  const cc = options.code.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(cc) || !isCountryCode(cc.toUpperCase())) {
    throw new MemberNewError(
      'BAD_CODE',
      `--code must be an ISO 3166-1 alpha-2 country code (two letters, e.g. us); got ${JSON.stringify(options.code)}`,
    );
  }
  const name = options.name.trim();
  if (!NAME.test(name)) {
    throw new MemberNewError(
      'BAD_NAME',
      `--name must be the country's name, 2 to 80 letters, spaces and . , ( ) ’ -; got ${JSON.stringify(options.name)}`,
    );
  }
  if (!(BACKEND_KINDS as readonly string[]).includes(options.backend)) {
    throw new MemberNewError(
      'UNKNOWN_BACKEND',
      `--backend must be one of ${BACKEND_KINDS.join(', ')}; got ${JSON.stringify(options.backend)}`,
    );
  }
  const root = path.resolve(options.root);
  const membershipFile = path.join(root, 'schema', 'subgraphs.json');
  const composeFile = path.join(root, 'docker-compose.yml');
  for (const required of [membershipFile, composeFile, path.join(root, 'subgraphs', 'kit')]) {
    if (!existsSync(required)) {
      throw new MemberNewError(
        'BAD_ROOT',
        `${root} is not a Comity repository: ${path.relative(root, required)} is missing`,
      );
    }
  }
  const membershipText = await readFile(membershipFile, 'utf8');
  const membership = JSON.parse(membershipText) as SubgraphsFile;
  if (membership.subgraphs.some((subgraph) => subgraph.name === cc)) {
    throw new MemberNewError(
      'MEMBER_EXISTS',
      `member ${cc.toUpperCase()} is already in schema/subgraphs.json`,
    );
  }
  for (const folder of [path.join('subgraphs', cc), path.join('test', 'subgraphs', cc)]) {
    if (existsSync(path.join(root, folder))) {
      throw new MemberNewError(
        'MEMBER_EXISTS',
        `${folder} already exists; remove it or choose another code`,
      );
    }
  }
  const port =
    Math.max(...membership.subgraphs.map((subgraph) => Number(new URL(subgraph.url).port))) + 1;
  return {
    root,
    cc,
    CC: cc.toUpperCase(),
    name,
    backend: options.backend as BackendKind,
    port,
    membershipFile,
    membershipText,
    composeFile,
    composeText: await readFile(composeFile, 'utf8'),
  };
}

type Plan = Awaited<ReturnType<typeof plan>>;

function render(text: string, member: Plan): string {
  const values: Record<string, string> = {
    cc: member.cc,
    CC: member.CC,
    Cc: member.CC[0] + member.cc[1]!,
    name: member.name,
    backend: member.backend,
  };
  return text.replace(/\{\{(cc|CC|Cc|name|backend)\}\}/g, (_, key: string) => values[key]!);
}

/** Every template file of the kind, rendered into `target` under its own relative path. */
async function renderTemplates(member: Plan, target: string): Promise<string[]> {
  const written = new Map<string, string>();
  for (const set of TEMPLATE_SETS[member.backend]) {
    const base = path.join(TEMPLATES, set);
    for (const entry of await readdir(base, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.tmpl')) continue;
      const source = path.join(entry.parentPath, entry.name);
      const relative = path
        .relative(base, source)
        .replace(/\.tmpl$/, '')
        .split(path.sep)
        .map((part) => (part === '__cc__' ? member.cc : part))
        .join(path.sep);
      written.set(relative, render(await readFile(source, 'utf8'), member));
    }
  }
  // Formatted with the repository's settings: the files start out as `npm run format` leaves them.
  const config = await resolveConfig(path.join(member.root, 'package.json'));
  for (const [relative, text] of written) {
    const file = path.join(target, relative);
    await mkdir(path.dirname(file), { recursive: true });
    const formatted = /\.(ts|graphql)$/.test(relative)
      ? await format(text, { ...config, filepath: path.join(member.root, relative) })
      : text;
    await writeFile(file, formatted);
  }
  return [...written.keys()].sort();
}

/** schema/subgraphs.json with the member's entry appended, the rest of the text untouched. */
function withMembership(member: Plan): string {
  const registry = `{ "kind": "WATCHLIST", "name": "${member.cc}-watchlist", "backend": "${member.backend}" }`;
  const entry = [
    '    {',
    `      "name": "${member.cc}",`,
    `      "url": "http://127.0.0.1:${member.port}/graphql",`,
    `      "schema": "subgraphs/${member.cc}/schema.graphql",`,
    // Composition admits a member on a passing conformance report (schema/admission.ts); a
    // new member has none until it runs, so it joins on a reason that says what is owed.
    '      "admission": {',
    '        "override": {',
    `          "reason": "written by npm run member:new, not yet certified: start it and run npm run member:conformance -- --url http://127.0.0.1:${member.port}/graphql --code ${member.cc}, then remove this override"`,
    '        }',
    '      },',
    '      "member": {',
    `        "code": "${member.CC}",`,
    `        "name": ${JSON.stringify(member.name)},`,
    `        "registries": [${registry}]`,
    '      }',
    '    }',
  ].join('\n');
  const end = /\n(\s*)\]\s*\n\}\s*$/.exec(member.membershipText);
  if (!end)
    throw new MemberNewError(
      'BAD_ROOT',
      'schema/subgraphs.json does not end with its subgraphs list',
    );
  const text = `${member.membershipText.slice(0, end.index)},\n${entry}${member.membershipText.slice(end.index)}`;
  const parsed = JSON.parse(text) as SubgraphsFile;
  if (parsed.subgraphs.at(-1)?.name !== member.cc) {
    throw new MemberNewError(
      'BAD_ROOT',
      'schema/subgraphs.json: the new entry did not land in its subgraphs list',
    );
  }
  return text;
}

/** docker-compose.yml with the member's service, its URL in the shared list, and the gateway's dependency on it. */
function withComposeService(member: Plan): string {
  const text = withComposeUrl(member);
  const gatewayAt = text.indexOf('\n  gateway:\n');
  if (gatewayAt < 0)
    throw new MemberNewError('BAD_ROOT', 'docker-compose.yml has no gateway service');
  const service = [
    `  ${member.cc}:`,
    '    <<: *comity',
    `    command: ["npx", "tsx", "subgraphs/main.ts", "${member.cc}"]`,
    '    environment:',
    '      <<: *comity-env',
    '      NODE_ENV: production',
    `      PORT: "${member.port}"`,
    `      COMITY_DATA_DIR: /app/.data/${member.cc}`,
    '    depends_on:',
    '      postgres:',
    '        condition: service_healthy',
    '      seed:',
    '        condition: service_completed_successfully',
    '    healthcheck: *node-health',
    '',
    '',
  ].join('\n');
  const before = text.slice(0, gatewayAt + 1);
  let gateway = text.slice(gatewayAt + 1);
  const healthy = [...gateway.matchAll(/^ {6}[a-z0-9-]+:\n {8}condition: service_healthy$/gm)].at(
    -1,
  );
  if (!healthy)
    throw new MemberNewError('BAD_ROOT', 'the gateway service depends on no healthy service');
  const healthyEnd = healthy.index + healthy[0].length;
  gateway = `${gateway.slice(0, healthyEnd)}\n      ${member.cc}:\n        condition: service_healthy${gateway.slice(healthyEnd)}`;
  return `${before}${service}${gateway}`;
}

/** The compose file with the member's URL added to the list the gateway and the directory share. */
function withComposeUrl(member: Plan): string {
  const text = member.composeText;
  const urls = [...text.matchAll(/^ {2}COMITY_SUBGRAPH_URL_[A-Z0-9_]+: .*$/gm)].at(-1);
  if (!urls)
    throw new MemberNewError(
      'BAD_ROOT',
      'docker-compose.yml lists no COMITY_SUBGRAPH_URL_ variable',
    );
  const end = urls.index + urls[0].length;
  return `${text.slice(0, end)}\n  COMITY_SUBGRAPH_URL_${member.CC}: http://${member.cc}:${member.port}/graphql${text.slice(end)}`;
}

function runScript(root: string, script: string, args: string[] = []): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .trim()
      .split('\n')
      .slice(-15)
      .join('\n');
    throw new MemberNewError('GENERATION_FAILED', `${script} failed:\n${output}`);
  }
}

/**
 * Writes a new member into `root`: its folder and tests are rendered into a staging folder
 * first, and the membership and compose files are changed only once everything rendered.
 * If anything fails afterwards (composition refusing the schema, the policy lint of the
 * matrix) every change is undone, so a failed run leaves the repository as it was.
 */
export async function createMember(options: CreateMemberOptions): Promise<CreatedMember> {
  const log = options.log ?? (() => {});
  const member = await plan(options);
  const { root, cc } = member;
  const membershipText = withMembership(member);
  const composeText = withComposeService(member);
  const generated = [
    path.join(root, 'schema', 'supergraph.graphql'),
    path.join(root, 'docs', 'policy-matrix.md'),
    path.join(root, 'README.md'),
  ];
  const originals = new Map<string, string>();
  for (const file of generated)
    if (existsSync(file)) originals.set(file, await readFile(file, 'utf8'));

  const staging = await mkdtemp(path.join(root, `.member-new-${cc}-`));
  const moved: string[] = [];
  try {
    const files = await renderTemplates(member, staging);
    for (const folder of [path.join('subgraphs', cc), path.join('test', 'subgraphs', cc)]) {
      await mkdir(path.dirname(path.join(root, folder)), { recursive: true });
      await rename(path.join(staging, folder), path.join(root, folder));
      moved.push(path.join(root, folder));
    }
    await replaceFile(member.membershipFile, membershipText);
    await replaceFile(member.composeFile, composeText);
    log(
      `wrote ${files.length} files for ${member.CC} and its entries in schema/subgraphs.json and docker-compose.yml`,
    );
    if (options.regenerate ?? true) {
      log(
        'checking the policy (npm run check), regenerating the supergraph (npm run compose) and the policy matrix (npm run policy:matrix)',
      );
      runScript(root, path.join('scripts', 'check.ts'));
      runScript(root, path.join('schema', 'compose.ts'));
      runScript(root, path.join('scripts', 'policyMatrix.ts'));
    }
    return {
      code: member.CC,
      port: member.port,
      files: [...files, 'schema/subgraphs.json', 'docker-compose.yml'],
    };
  } catch (error) {
    for (const folder of moved) await rm(folder, { recursive: true, force: true });
    await replaceFile(member.membershipFile, member.membershipText);
    await replaceFile(member.composeFile, member.composeText);
    for (const [file, text] of originals) await replaceFile(file, text);
    if (error instanceof MemberNewError) throw error;
    throw new MemberNewError('GENERATION_FAILED', (error as Error).message);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Writes beside the file and renames over it, so a reader never sees half a file. */
async function replaceFile(file: string, text: string): Promise<void> {
  const staging = `${file}.member-new.tmp`;
  await writeFile(staging, text);
  await rename(staging, file);
}
