import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, memberCodes } from '../../core/federationConfig.js';
import {
  UsageError,
  choiceOption,
  integerOption,
  parseOptions,
} from '../../scripts/commandLine.js';

describe('parseOptions', () => {
  const options = {
    scale: { type: 'string' },
    quick: { type: 'boolean', default: false },
  } as const;

  it('returns the values, with help added', () => {
    expect(parseOptions(options, ['--scale', '5'])).toEqual({ scale: '5', quick: false });
    expect(parseOptions(options, ['-h']).help).toBe(true);
    expect(parseOptions(options, ['--help', '--quick'])).toMatchObject({ help: true, quick: true });
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--scale'], /'--scale <value>' argument missing/],
    [['stray'], /Unexpected argument 'stray'/],
    [['--quick=yes'], /does not take an argument/],
  ])('refuses %j with a UsageError naming it', (args, message) => {
    expect(() => parseOptions(options, args)).toThrow(UsageError);
    expect(() => parseOptions(options, args)).toThrow(message);
  });
});

describe('integerOption', () => {
  it('takes the fallback when absent and whole numbers in range', () => {
    expect(integerOption('rounds', undefined, 3, { min: 1 })).toBe(3);
    expect(integerOption('rounds', '7', 3, { min: 1 })).toBe(7);
    expect(integerOption('port-offset', '0', 700, { min: 0, max: 10 })).toBe(0);
    expect(integerOption('port-offset', '10', 700, { min: 0, max: 10 })).toBe(10);
  });

  it.each(['', 'x', '1.5', '-1', '1e3', '0x10', '11', '0', '99999999999999999999'])(
    'refuses %j, naming the option, the bounds and the value',
    (value) => {
      const attempt = () => integerOption('rounds', value, 3, { min: 1, max: 10 });
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(
        `--rounds must be a whole number, 1–10; got ${JSON.stringify(value)}`,
      );
    },
  );
});

describe('choiceOption', () => {
  it('lower-cases and checks against the choices', () => {
    expect(choiceOption('jurisdiction', 'FR', ['fr', 'de'])).toBe('fr');
    expect(() => choiceOption('jurisdiction', 'xx', ['fr', 'de'])).toThrow(
      '--jurisdiction must be one of fr, de; got "xx"',
    );
  });
});

describe('a command given a bad command line', () => {
  const run = async (script: string, args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(REPO_ROOT, script), ...args],
        { cwd: REPO_ROOT },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };

  it.each([
    [
      'scripts/auditVerify.ts',
      ['--jurisdiction', 'xx'],
      `audit:verify: --jurisdiction must be one of ${memberCodes().join(', ')}; got "xx"`,
    ],
    [
      'scripts/seed.ts',
      ['--scale', 'ten'],
      'seed: --scale must be a whole number, 1 or more; got "ten"',
    ],
    ['bench/run.ts', ['--rounds', '0'], 'bench: --rounds must be a whole number, 1–100; got "0"'],
    ['bench/run.ts', ['--bogus'], "bench: Unknown option '--bogus'"],
  ])('%s %j exits 2 with one line and the usage, no stack trace', async (script, args, message) => {
    const { code, stdout, stderr } = await run(script, args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(message);
    expect(stderr).toContain('usage: npm run');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the usage to stdout and exits 0 on --help', async () => {
    const { code, stdout, stderr } = await run('bench/run.ts', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run bench -- \[options\]/);
    expect(stdout).toContain('--scale-check N');
    expect(stderr).toBe('');
  });
});
