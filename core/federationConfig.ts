import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, for resolving the paths the composition config names: the nearest
 * folder holding package.json, so the same code finds it from the TypeScript sources and
 * from the compiled `dist/`.
 */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..');
  }
}

export interface RegistrySummary {
  kind: 'ASSET_REGISTRY' | 'WATCHLIST' | 'EXCHANGE_DISCLOSURES';
  name: string;
  backend: string;
}

export interface MemberConfig {
  /** ISO 3166-1 alpha-2, upper case; its lower case is the namespace field. */
  code: string;
  name: string;
  registries: RegistrySummary[];
}

export interface SubgraphConfig {
  /** Subgraph name: `directory` or the jurisdiction code in lower case. */
  name: string;
  /** Default URL for local runs; `COMITY_SUBGRAPH_URL_<NAME>` overrides it at the gateway. */
  url: string;
  /** The subgraph's own SDL file, relative to the repository root. */
  schema: string;
  member?: MemberConfig;
}

export interface FederationConfig {
  subgraphs: SubgraphConfig[];
}

/** Reads schema/subgraphs.json, the one list of subgraphs that composition and start use. */
export function federationConfig(): FederationConfig {
  const file = path.join(REPO_ROOT, 'schema', 'subgraphs.json');
  return JSON.parse(readFileSync(file, 'utf8')) as FederationConfig;
}

export function memberConfigs(): MemberConfig[] {
  return federationConfig().subgraphs.flatMap((subgraph) =>
    subgraph.member ? [subgraph.member] : [],
  );
}

/** `code` as a member's subgraph name (lower case); throws when no member has that code. */
export function memberCode(code: string): string {
  const members = memberCodes();
  const cc = code.toLowerCase();
  if (!members.includes(cc)) {
    throw new Error(
      `no member jurisdiction ${JSON.stringify(code)}: schema/subgraphs.json lists ${members.join(', ')}`,
    );
  }
  return cc;
}

/** The member jurisdictions' subgraph names (their codes in lower case): `fr`, `de`, … */
export function memberCodes(): string[] {
  return federationConfig().subgraphs.flatMap((subgraph) =>
    subgraph.member ? [subgraph.name] : [],
  );
}

const SUBGRAPH_URL_VARIABLE = /^COMITY_SUBGRAPH_URL_([A-Z0-9_]+)$/;

/** The environment variable that points the gateway at subgraph `name` elsewhere. */
export function subgraphUrlVariable(name: string): string {
  return `COMITY_SUBGRAPH_URL_${name.toUpperCase()}`;
}

/** `COMITY_SUBGRAPH_URL_<NAME>` variables as `{ [name]: url }`, the name in lower case. */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = SUBGRAPH_URL_VARIABLE.exec(key);
    if (match && value) urls[match[1]!.toLowerCase()] = value;
  }
  return urls;
}

/** `{ [name]: url }` as the `COMITY_SUBGRAPH_URL_<NAME>` variables that say it. */
export function subgraphUrlEnv(urls: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [subgraphUrlVariable(name), url]),
  );
}

/**
 * The script and arguments that serve subgraph `name` (run with `node --import tsx`): every
 * member runs the kit's entry with its code; the directory has its own.
 */
export function subgraphEntry(name: string): string[] {
  return memberCodes().includes(name)
    ? [path.join('subgraphs', 'main.ts'), name]
    : [path.join('subgraphs', name, 'index.ts')];
}

/** The port and data folder a subgraph of this repository uses when its environment names none. */
export function repositoryRuntimeDefaults(name: string): { port: number; dataRoot: string } {
  const subgraph = federationConfig().subgraphs.find((entry) => entry.name === name);
  if (!subgraph) throw new Error(`schema/subgraphs.json has no subgraph named "${name}"`);
  return { port: Number(new URL(subgraph.url).port), dataRoot: path.join(REPO_ROOT, '.data') };
}
