import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, memberCodes } from '../../core/federationConfig.js';
import { findMemberLists } from './findMemberLists.js';

// Every list of "the members" derives from schema/subgraphs.json (core/federationConfig.ts),
// so a member joins without an edit elsewhere. A list written out is allowed only where it
// means particular countries; ALLOWED says where and why, with how many such lists there are.

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.data', '.keys', 'coverage']);
const SKIPPED_PATHS = new Set([
  'bench/results',
  // Generated from the membership; their own tests check they are current.
  'dashboard/src/gql',
  'gateway/persisted-operations.json',
  'schema/supergraph.graphql',
  'package-lock.json',
]);
const SOURCE = /\.(ts|tsx|js|mjs|cjs|graphql|json|ya?ml)$/;

interface Allowed {
  count: number;
  reason: string;
  /** Lists another piece of work still has to derive: fewer than `count` is fine. */
  pending?: true;
}

const ALLOWED: Record<string, Allowed> = {
  'docker-compose.yml': {
    count: 2,
    reason: 'one service, URL and dependency per member: YAML cannot derive them',
  },
  'scripts/exampleQuery.ts': {
    count: 1,
    reason: "the README's cross-border example: a French order followed into DE and SG",
  },
  'bench/scenarios.ts': {
    count: 3,
    reason: 'scenarios 1–3 are fixed workloads over particular registries, compared run to run',
  },
  'bench/run.ts': {
    count: 1,
    reason: "scenario 1's wallet: a German entry's wallet with hits in France and Singapore",
  },
  'subgraphs/kit/seed/matchingParties.ts': {
    count: 1,
    reason:
      'MATCHING_MEMBERS: the members whose seeds carry the overlap set; the kit reads no membership',
  },
  'test/support/seededRecords.ts': {
    count: 2,
    reason: "reads France's, Germany's and Singapore's records, each through its own registry code",
  },
  'test/integration/policy.test.ts': {
    count: 6,
    reason: "states France's, Germany's and Singapore's own policies",
  },
  'test/integration/countryPolicy.test.ts': {
    count: 2,
    reason: 'country rules of particular members',
  },
  'test/integration/federation.test.ts': {
    count: 2,
    reason: 'batching over particular backends (SQL, FollowTheMoney, IVMS101)',
  },
  'test/integration/matching.test.ts': {
    count: 1,
    reason: "each member's own release of a match (features, pseudonyms, withheld scores)",
  },
  'test/gateway/apolloInternals/executePlan.test.ts': {
    count: 2,
    reason: 'query shapes over particular subgraphs, compared with stock Apollo',
  },
  'test/subgraphs/kit/seed/seedClaims.test.ts': {
    count: 1,
    reason: 'a member outside the EU listed before one inside it, on purpose',
  },
  'test/gateway/apolloInternals/presignLaterFetches.test.ts': {
    count: 1,
    reason: 'a hand-built query plan over named subgraphs',
  },
};

function sourceFiles(dir = ''): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (SKIPPED_PATHS.has(file)) return [];
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(file);
    return entry.isFile() && (SOURCE.test(entry.name) || dir === '.ci') ? [file] : [];
  });
}

describe('lists of the members', () => {
  it('are read from the membership, except where they mean particular countries', () => {
    const codes = memberCodes();
    const problems: string[] = [];
    const files = sourceFiles();
    for (const file of files) {
      const found = findMemberLists(readFileSync(path.join(REPO_ROOT, file), 'utf8'), codes);
      const allowed = ALLOWED[file];
      const ok = allowed?.pending
        ? found.length <= allowed.count
        : found.length === (allowed?.count ?? 0);
      if (ok) continue;
      problems.push(
        allowed && found.length < allowed.count
          ? `${file}: ALLOWED counts ${allowed.count} lists, ${found.length} left: lower its count`
          : `${file}: ${found.length} list(s) of the members written out (allowed ${allowed?.count ?? 0}):\n` +
              found
                .map((finding) => `  line ${finding.line}, ${finding.kind}: ${finding.text}`)
                .join('\n'),
      );
    }
    for (const file of Object.keys(ALLOWED)) {
      if (!files.includes(file)) problems.push(`${file}: in ALLOWED but not in the tree`);
    }
    expect(problems).toEqual([]);
  });
});

describe('findMemberLists', () => {
  const codes = ['aa', 'bb', 'cc'];
  const kinds = (text: string) => findMemberLists(text, codes).map((finding) => finding.kind);

  it('finds an array, a union and arguments naming the members, in either case', () => {
    expect(kinds("const M = ['aa', 'bb', 'cc'];")).toEqual(['literal list']);
    expect(kinds('type M = "AA" | "BB" | "CC";')).toEqual(['literal list']);
    expect(kinds("f('cc', 'aa', 'bb', 'directory')")).toEqual(['literal list']);
    expect(kinds("const M = [\n  'aa',\n  'bb',\n  'cc',\n] as const;")).toEqual(['literal list']);
  });

  it('lets a list of countries pass, and a list of fewer members', () => {
    expect(kinds("const EU = ['AA', 'BB', 'CC', 'XX'];")).toEqual([]);
    expect(kinds("const SOME = ['aa', 'bb'];")).toEqual([]);
  });

  it('finds the members selected side by side in GraphQL, with arguments and directives', () => {
    expect(
      kinds('{ wallet { aa { hit } bb(first: 1) { hit } cc @include(if: $cc) { hit } } }'),
    ).toEqual(['selections']);
    expect(kinds('{ aa { hit } bb { hit } }')).toEqual([]);
    expect(kinds('data.aa { } $bb { } Wallet.cc {')).toEqual([]);
  });

  it('finds objects keyed by the members, not tables keyed by countries', () => {
    expect(kinds('expect(x).toEqual({ aa: 1, bb: 2, cc: 3 });')).toEqual(['object keys']);
    expect(kinds('{ "aa": 1, "bb": 2, "cc": 3 }')).toEqual(['object keys']);
    expect(kinds('const FORMS = { AA: 1, BB: 2, CC: 3 };')).toEqual([]);
  });

  it('names the line of each finding', () => {
    const found = findMemberLists("// header\n\nconst M = ['aa', 'bb', 'cc'];", codes);
    expect(found).toEqual([{ kind: 'literal list', line: 3, text: "'aa', 'bb', 'cc'" }]);
  });
});
