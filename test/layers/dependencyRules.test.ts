import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import type { ICruiseOptions, IViolation } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';

const require = createRequire(import.meta.url);
const config = require(path.join(REPO_ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: NonNullable<ICruiseOptions['ruleSet']>['forbidden'];
  options: ICruiseOptions;
};

async function cruiseSummary(baseDir: string, folders: string[]) {
  const result = await cruise(folders, {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    tsConfig: undefined,
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result object');
  return result.output.summary;
}

async function violations(baseDir: string, folders: string[]): Promise<IViolation[]> {
  return (await cruiseSummary(baseDir, folders)).violations;
}

describe('the layering rules (.dependency-cruiser.cjs)', () => {
  it('hold for the repository', async () => {
    const summary = await cruiseSummary(REPO_ROOT, [
      'core',
      'gateway',
      'subgraphs',
      'schema',
      'scripts',
      'bench',
    ]);
    // Every source file was read, so an empty list means no forbidden import, not no input.
    expect(summary.totalCruised).toBeGreaterThan(200);
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  describe('fail on each forbidden import', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'comity-layers-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (file: string, content: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    };
    write('core/leaf.ts', 'export const leaf = 1;\n');
    write('gateway/server.ts', 'export const gateway = 1;\n');
    write('subgraphs/kit/server.ts', 'export const kit = 1;\n');
    write('subgraphs/fr/policy.ts', 'export const fr = 1;\n');
    write('schema/compose.ts', 'export const compose = 1;\n');

    const cases: [rule: string, from: string, importPath: string][] = [
      ['core-stands-alone', 'core/up.ts', '../gateway/server.js'],
      ['gateway-not-subgraphs', 'gateway/kitUser.ts', '../subgraphs/kit/server.js'],
      ['subgraphs-not-gateway', 'subgraphs/kit/gatewayUser.ts', '../../gateway/server.js'],
      ['kit-not-members', 'subgraphs/kit/memberUser.ts', '../fr/policy.js'],
      ['member-imports-kit-and-core', 'subgraphs/de/neighbour.ts', '../fr/policy.js'],
      ['runtime-not-tooling', 'subgraphs/kit/toolingUser.ts', '../../schema/compose.js'],
    ];
    for (const [rule, from, importPath] of cases) {
      it(rule, async () => {
        write(from, `import { x } from '${importPath}';\nexport const y = x;\n`);
        try {
          const found = await violations(root, ['core', 'gateway', 'subgraphs', 'schema']);
          expect(found.map((v) => [v.rule.name, v.from])).toContainEqual([rule, from]);
        } finally {
          rmSync(path.join(root, from));
        }
      });
    }

    it('let a member import the kit, the core and its own files', async () => {
      write(
        'subgraphs/de/ok.ts',
        "import '../kit/server.js';\nimport '../../core/leaf.js';\nimport './own.js';\n",
      );
      write('subgraphs/de/own.ts', 'export {};\n');
      expect(await violations(root, ['core', 'gateway', 'subgraphs', 'schema'])).toEqual([]);
    });
  });
});
