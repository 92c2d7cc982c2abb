import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

// `npm ci` on the oldest Node the project declares must install without an engine warning:
// a package that wants a newer Node belongs where only the tool that needs it installs it.
describe('the locked install', () => {
  const oldest = semver.minVersion(manifest.engines.node)!;

  it('declares a Node version', () => {
    expect(oldest).not.toBeNull();
  });

  it(`holds no package that refuses Node ${manifest.engines.node}`, () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, entry]) => {
      const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return wanted && !semver.satisfies(oldest, wanted) ? [`${where} wants node ${wanted}`] : [];
    });
    expect(refusing).toEqual([]);
  });
});
