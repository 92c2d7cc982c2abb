import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The Apollo packages whose private code this folder reaches into. */
export type ApolloPackage =
  '@apollo/gateway' | '@apollo/federation-internals' | '@apollo/query-planner';

export type ApolloVersions = Record<ApolloPackage, string>;

/**
 * The exact versions the differential test (test/gateway/apolloInternals/executePlan.test.ts)
 * and this folder's other tests last passed against. Private code changes in any release,
 * so a different version is refused at start-up until the tests have run against it.
 */
export const TESTED_APOLLO_VERSIONS: ApolloVersions = {
  '@apollo/gateway': '2.14.4',
  '@apollo/federation-internals': '2.14.4',
  '@apollo/query-planner': '2.14.4',
};

/** The `version` of the package.json above `entry` (a file the package resolves to). */
function versionAbove(entry: string, name: string): string {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    let manifest: { name?: string; version?: string };
    try {
      manifest = JSON.parse(
        readFileSync(path.join(dir, 'package.json'), 'utf8'),
      ) as typeof manifest;
    } catch {
      continue;
    }
    if (manifest.name === name && manifest.version) return manifest.version;
  }
  throw new Error(`Cannot find the package.json of ${name} above ${entry}`);
}

/**
 * The versions that load in this process: @apollo/gateway as the gateway resolves it, the
 * other two as @apollo/gateway itself resolves them (a copy nested under it is the one in use).
 */
export function installedApolloVersions(): ApolloVersions {
  const gatewayEntry = require.resolve('@apollo/gateway');
  const fromGateway = createRequire(gatewayEntry);
  const resolved = (name: ApolloPackage) =>
    versionAbove(name === '@apollo/gateway' ? gatewayEntry : fromGateway.resolve(name), name);
  return {
    '@apollo/gateway': resolved('@apollo/gateway'),
    '@apollo/federation-internals': resolved('@apollo/federation-internals'),
    '@apollo/query-planner': resolved('@apollo/query-planner'),
  };
}

/**
 * Null when every installed version is the tested one; otherwise the start-up error's
 * message, naming each package's tested and installed versions and what to do.
 */
export function checkApolloVersions(
  installed: ApolloVersions,
  tested: ApolloVersions = TESTED_APOLLO_VERSIONS,
): string | null {
  const differing = (Object.keys(tested) as ApolloPackage[]).filter(
    (name) => installed[name] !== tested[name],
  );
  if (differing.length === 0) return null;
  const lines = differing.map(
    (name) => `  ${name}: tested ${tested[name]}, installed ${installed[name] ?? 'none'}`,
  );
  return [
    "Comity's gateway reaches into private code of Apollo packages whose installed version is not the tested one:",
    ...lines,
    'Run the differential test (npx vitest run test/gateway/apolloInternals/), fix what it finds in gateway/apolloInternals/,',
    'then set TESTED_APOLLO_VERSIONS in gateway/apolloInternals/checkApolloVersions.ts to the installed versions;',
    'or install the tested versions (npm install @apollo/gateway@<tested version> --save-exact).',
  ].join('\n');
}

/** Throws checkApolloVersions' message when an installed version is not the tested one. */
export function assertTestedApolloVersions(
  installed: ApolloVersions = installedApolloVersions(),
): void {
  const mismatch = checkApolloVersions(installed);
  if (mismatch) throw new Error(mismatch);
}
