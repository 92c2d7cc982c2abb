import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  TESTED_APOLLO_VERSIONS,
  assertTestedApolloVersions,
  checkApolloVersions,
  installedApolloVersions,
} from '../../../gateway/apolloInternals/checkApolloVersions.js';

const require = createRequire(import.meta.url);

describe('checkApolloVersions', () => {
  it('passes the tested versions', () => {
    expect(checkApolloVersions({ ...TESTED_APOLLO_VERSIONS })).toBeNull();
  });

  it('names the package, the tested and the installed version, and what to do', () => {
    const message = checkApolloVersions(
      { ...TESTED_APOLLO_VERSIONS, '@apollo/gateway': '2.15.0' },
      { ...TESTED_APOLLO_VERSIONS, '@apollo/gateway': '2.14.4' },
    );
    expect(message).toContain('@apollo/gateway: tested 2.14.4, installed 2.15.0');
    expect(message).toContain('test/gateway/apolloInternals/');
    expect(message).toContain('TESTED_APOLLO_VERSIONS');
    // Only the package that differs.
    expect(message).not.toContain('@apollo/query-planner');
  });

  it('lists every package that differs', () => {
    const message = checkApolloVersions(
      {
        '@apollo/gateway': '2.14.4',
        '@apollo/federation-internals': '2.14.5',
        '@apollo/query-planner': '2.13.0',
      },
      {
        '@apollo/gateway': '2.14.4',
        '@apollo/federation-internals': '2.14.4',
        '@apollo/query-planner': '2.14.4',
      },
    );
    expect(message).toContain('@apollo/federation-internals: tested 2.14.4, installed 2.14.5');
    expect(message).toContain('@apollo/query-planner: tested 2.14.4, installed 2.13.0');
    expect(message).not.toContain('@apollo/gateway:');
  });
});

describe('assertTestedApolloVersions', () => {
  it('throws the message for a mismatch, and nothing for the tested versions', () => {
    expect(() =>
      assertTestedApolloVersions({ ...TESTED_APOLLO_VERSIONS, '@apollo/query-planner': '3.0.0' }),
    ).toThrow(`@apollo/query-planner: tested 2.14.4, installed 3.0.0`);
    expect(() => assertTestedApolloVersions({ ...TESTED_APOLLO_VERSIONS })).not.toThrow();
  });
});

describe('installedApolloVersions', () => {
  it('reads what node_modules holds', () => {
    const manifest = (name: string) =>
      (
        JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
          version: string;
        }
      ).version;
    expect(installedApolloVersions()).toEqual({
      '@apollo/gateway': manifest('@apollo/gateway'),
      '@apollo/federation-internals': manifest('@apollo/federation-internals'),
      '@apollo/query-planner': manifest('@apollo/query-planner'),
    });
  });

  // Fails when Apollo is upgraded: run this folder's tests (the differential one above all)
  // against the new versions, then record them in TESTED_APOLLO_VERSIONS.
  it('finds the tested versions installed', () => {
    expect(installedApolloVersions()).toEqual(TESTED_APOLLO_VERSIONS);
  });
});
