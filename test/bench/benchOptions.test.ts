import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT_OFFSET, parseBenchOptions } from '../../bench/benchOptions.js';
import { scenarios } from '../../bench/scenarios.js';
import { UsageError } from '../../scripts/commandLine.js';

describe('parseBenchOptions', () => {
  it('gives the documented defaults', () => {
    expect(parseBenchOptions([])).toEqual({
      help: false,
      quick: false,
      scenarios: null,
      durationSec: 2,
      rounds: 3,
      connections: [1, 32],
      scale: 10_000,
      scaleCheck: null,
      scaleCheckTimeoutSec: 1_800,
      scaleData: null,
      portOffset: DEFAULT_PORT_OFFSET,
      out: null,
      json: null,
      profile: true,
      registryCache: true,
      auditStore: 'postgres',
    });
  });

  it('makes --quick a smaller run unless told otherwise', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({
      scale: 2_000,
      rounds: 1,
      connections: [1, 8],
    });
    expect(parseBenchOptions(['--quick', '--rounds', '2', '--connections', '4'])).toMatchObject({
      rounds: 2,
      connections: [4],
    });
  });

  it('reads every option', () => {
    const tmp = os.tmpdir();
    const options = parseBenchOptions([
      '--scenarios=2,1',
      '--duration=5',
      '--connections=1,8,64',
      '--scale=500',
      '--scale-check=200000',
      `--scale-data=${tmp}`,
      '--scale-check-timeout=60',
      '--port-offset=0',
      '--out=report.md',
      '--json=run.json',
      '--no-profile',
      '--no-registry-cache',
      '--audit-store=pglite',
    ]);
    expect(options).toMatchObject({
      scenarios: [2, 1],
      durationSec: 5,
      connections: [1, 8, 64],
      scale: 500,
      scaleCheck: 200_000,
      scaleData: path.resolve(tmp),
      scaleCheckTimeoutSec: 60,
      portOffset: 0,
      out: path.resolve('report.md'),
      json: path.resolve('run.json'),
      profile: false,
      registryCache: false,
      auditStore: 'pglite',
    });
  });

  it('takes a million records for a bare --scale-check=', () => {
    expect(parseBenchOptions(['--scale-check=']).scaleCheck).toBe(1_000_000);
  });

  it.each([
    [['--duration', 'abc'], '--duration must be a whole number, 1–600; got "abc"'],
    [['--duration', '0'], '--duration must be a whole number, 1–600; got "0"'],
    [['--rounds', '2.5'], '--rounds must be a whole number, 1–100; got "2.5"'],
    [
      ['--scenarios', '1,99'],
      `--scenarios must be a whole number, 1–${scenarios().length}; got "99"`,
    ],
    [['--scenarios', '1,1'], '--scenarios names a value twice: "1,1"'],
    [['--connections', '1,,32'], '--connections must be a whole number, 1–1024; got ""'],
    [['--scale', '-5'], "Option '--scale' argument is ambiguous"],
    [['--port-offset', '70000'], '--port-offset must be a whole number, 0–61000; got "70000"'],
    [['--audit-store', 'mysql'], '--audit-store must be postgres or pglite; got "mysql"'],
    [['--scale-check', '1000', '--scale-data', '/no/such/dir'], '/no/such/dir is not a directory'],
    [
      ['--scale-data', os.tmpdir()],
      '--scale-data is the data of the scale check: give --scale-check too',
    ],
    [['--profile'], "Unknown option '--profile'"],
  ])('refuses %j before anything starts', (args, message) => {
    expect(() => parseBenchOptions(args)).toThrow(UsageError);
    expect(() => parseBenchOptions(args)).toThrow(message);
  });
});
