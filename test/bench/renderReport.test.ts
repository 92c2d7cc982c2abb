import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { scenarios } from '../../bench/scenarios.js';
import {
  LATEST_RUN_END,
  LATEST_RUN_START,
  mergeReport,
  renderReport,
  writeReport,
} from '../../bench/writeReport.js';
import type { BenchReport, Measurement, SystemName } from '../../bench/report/BenchReport.js';

// The verdicts in BENCHMARKS.md are computed, not written: these tests feed renderReport
// figures whose ratios are known and read the rows it derives from them.

function measurement(
  system: SystemName,
  round: number,
  rps: number,
  p50: number,
  client: Measurement['client'] = 'autocannon',
): Measurement {
  return {
    system,
    scenario: 1,
    connections: 1,
    round,
    client,
    rps,
    p50,
    p99: p50 * 2,
    requests: rps * 2,
    failures: 0,
    cpu: 0.5,
    maxRssMiB: 200,
    peakRssMiB: 200,
  };
}

function policyRow(variant: string, round: number, rps: number, p50: number) {
  return {
    variant,
    connections: 1,
    round,
    rps,
    p50,
    p99: p50 * 2,
    requests: rps * 2,
    failures: 0,
    cpu: 0.8,
    maxRssMiB: 300,
    peakRssMiB: 300,
  };
}

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  // Three rounds. Comity ÷ stock per round: 1.2, 1.5, 1.4 (median 1.4); ÷ Hive: 2, 2.5, 1.75.
  const rounds: [number, number, number, number][] = [
    // comity, stock, hive, direct (RPS)
    [120, 100, 60, 200],
    [150, 100, 60, 210],
    [140, 100, 80, 190],
  ];
  const measurements = rounds.flatMap(([comity, stock, hive, direct], index) => [
    measurement('comity', index + 1, comity, 8),
    measurement('stock-apollo', index + 1, stock, 10),
    measurement('hive', index + 1, hive, 16),
    measurement('direct', index + 1, direct, 5 + index, 'replay'),
    measurement('comity', index + 1, comity, [6.5, 8.5, 9.5][index]!, 'replay'),
  ]);
  return {
    startedAt: new Date('2026-11-30T00:00:00Z'),
    finishedAt: new Date('2026-11-30T00:07:00Z'),
    quick: false,
    argv: [],
    scale: 10_000,
    seedSeconds: 20,
    registryCache: '',
    auditStore: 'postgresql',
    durationSec: 2,
    rounds: 3,
    connections: [1],
    scenarios: scenarios().filter((scenario) => scenario.id === 1),
    systems: (['direct', 'comity', 'stock-apollo', 'hive'] as const).map((name) => ({
      name,
      error: null,
    })),
    probes: { 1: {} },
    measurements,
    policy: {
      error: null,
      rows: [
        // Loss with policy + audit: 1 − median(300, 330, 270) / median(600, 600, 600) = 50 %.
        ...[300, 330, 270].map((rps, i) => policyRow('with policy + audit', i + 1, rps, 3)),
        ...[570, 600, 540].map((rps, i) => policyRow('policy only', i + 1, rps, 1.7)),
        ...[600, 600, 600].map((rps, i) => policyRow('without', i + 1, rps, 1.5)),
      ],
      commits: { count: 300, p50: 0.5, p90: 0.9, synchronousCommit: 'on' },
    },
    workers: { implemented: true, rows: [] },
    profile: null,
    subgraphProfile: null,
    loadAtStart: [0, 0, 0],
    rss: {},
    scaleCheck: null,
    phases: [
      { name: 'seeding', seconds: 21 },
      { name: 'interleaved rounds', seconds: 380 },
    ],
    ...overrides,
  };
}

/** The cells of the targets-table row whose first cell starts with `label`. */
function targetRow(markdown: string, label: string): string[] {
  const section = markdown.slice(markdown.indexOf('### Against the targets'));
  const line = section
    .split('\n')
    .find((candidate) => candidate.startsWith(`| ${label}`) || candidate.startsWith(label));
  if (!line) throw new Error(`no row ${label}`);
  return line
    .split('|')
    .map((cell) => cell.trim())
    .filter((cell, index, all) => !(cell === '' && (index === 0 || index === all.length - 1)));
}

describe('renderReport', () => {
  it('takes each ratio as the median of the per-round ratios, with its range, and judges it against the goal', () => {
    const markdown = renderReport(report());
    // Met by the median, but round 1 (1.20×) missed the goal: the verdict says so.
    expect(targetRow(markdown, 'Comity RPS ÷ stock Apollo, scenario 1, 1 conn')).toEqual([
      'Comity RPS ÷ stock Apollo, scenario 1, 1 conn',
      '1.40× (rounds 1.20–1.50×)',
      '≥ 1.3×',
      'met (rounds on both sides)',
    ]);
    // Hive: per round 2.00, 2.50, 1.75; the median of the rounds is 2.00 (the ratio of the
    // medians, 140 / 60 = 2.33, would be a different figure).
    expect(targetRow(markdown, 'Comity RPS ÷ Hive, scenario 1, 1 conn').slice(1)).toEqual([
      '2.00× (rounds 1.75–2.50×)',
      '≥ 1.5×',
      'met',
    ]);
  });

  it('gives a ratio under its goal as not met', () => {
    const slow = report();
    slow.measurements = slow.measurements.map((m) =>
      m.system === 'comity' && m.client === 'autocannon' ? { ...m, rps: 110 } : m,
    );
    expect(targetRow(renderReport(slow), 'Comity RPS ÷ stock Apollo, scenario 1, 1 conn')).toEqual([
      'Comity RPS ÷ stock Apollo, scenario 1, 1 conn',
      '1.10× (rounds 1.10–1.10×)',
      '≥ 1.3×',
      '**not met**',
    ]);
  });

  it('measures the overhead per round, through the same client at one connection', () => {
    // Comity through the undici client: 6.5, 8.5, 9.5 ms; the direct path: 5, 6, 7 ms; per
    // round 1.5, 2.5, 2.5 ms (the difference of the medians would be the same 2.5 here).
    expect(
      targetRow(
        renderReport(report()),
        'Gateway overhead over the direct path, p50 at 1 conn, scenario 1',
      ),
    ).toEqual([
      'Gateway overhead over the direct path, p50 at 1 conn, scenario 1',
      '2.50 ms (rounds 1.50–2.50 ms; medians 8.50 and 6.00 ms)',
      '≤ 2 ms',
      '**not met** (rounds on both sides)',
    ]);
  });

  it('reports the policy and audit loss, and the floor one synchronous commit sets on its own', () => {
    const markdown = renderReport(report());
    // Per round: 1 − 300/600, 1 − 330/600, 1 − 270/600.
    expect(targetRow(markdown, 'Policy + audit inside FR, RPS loss at 1 conn').slice(1)).toEqual([
      '50 % (rounds 45 % to 55 %)',
      '≤ 10 %',
      '**not met**',
    ]);
    expect(targetRow(markdown, 'of which policy alone (no audit), RPS loss at 1 conn')[1]).toBe(
      '5 % (rounds 0 % to 10 %)',
    );
    // 0.5 ms of commit against a 1.5 ms request: 0.5 / 2.0 = 25 % at the very least.
    expect(
      targetRow(markdown, '… the least the durable audit write alone can cost at 1 conn'),
    ).toEqual([
      '… the least the durable audit write alone can cost at 1 conn (one commit, 0.50 ms, per 1.50 ms request)',
      '25 %',
      '(the floor)',
      '',
    ]);
    expect(markdown).toContain('took p50 0.50 ms and p90 0.90 ms over 300 commits');
  });

  it('says how long each part of the run took', () => {
    expect(renderReport(report())).toContain(
      '- Time: seeding 21 s, interleaved rounds 380 s; 420 s in all, report included.',
    );
  });

  it('leaves the floor out when the audit logs were not on a server (PGlite)', () => {
    const embedded = report({ auditStore: 'pglite' });
    embedded.policy = { ...embedded.policy, commits: null };
    const markdown = renderReport(embedded);
    expect(markdown).not.toContain('the least the durable audit write alone can cost');
    expect(targetRow(markdown, 'Policy + audit inside FR, RPS loss at 1 conn')[1]).toBe(
      '50 % (rounds 45 % to 55 %)',
    );
  });

  it('compares 2 gateway workers with 1 by the median of per-round ratios, CPU and memory summed', () => {
    const worker = (workers: number, round: number, rps: number, cpu: number, rss: number) => ({
      workers,
      scenario: 2,
      connections: 32,
      round,
      rps,
      p50: 1000 / rps,
      p99: 3000 / rps,
      requests: rps * 2,
      failures: 0,
      cpu,
      maxRssMiB: rss,
      peakRssMiB: rss,
    });
    // Per round 2 ÷ 1: 0.9, 1.2, 1.05 (median 1.05); the ratio of medians would be 110/100.
    const rows = [
      worker(1, 1, 100, 0.8, 300),
      worker(2, 1, 90, 1.1, 560),
      worker(1, 2, 90, 0.8, 310),
      worker(2, 2, 108, 1.2, 580),
      worker(1, 3, 100, 0.9, 305),
      worker(2, 3, 105, 1.3, 570),
    ];
    const markdown = renderReport(report({ workers: { implemented: true, rows } }));
    expect(targetRow(markdown, 'GATEWAY_WORKERS 2 vs 1')).toEqual([
      'GATEWAY_WORKERS 2 vs 1',
      'RPS with 2 ÷ with 1, scenario 2, 32 conn: 1.05× (rounds 0.90–1.20×); all below',
      'report',
      'reported',
    ]);
    const section = markdown.slice(markdown.indexOf('### Gateway workers'));
    const tableRows = section
      .split('\n')
      .filter((line) => /^\| [12] /.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    // Workers, scenario, conns, median RPS, …, median CPU, largest summed RSS.
    expect(tableRows.map((cells) => [cells[1], cells[4], cells[7], cells[8]])).toEqual([
      ['1', '100', '80 %', '310'],
      ['2', '105', '120 %', '580'],
    ]);
    expect(section).toContain(
      'RPS with 2 workers ÷ with 1, per round: scenario 2 at 32 conn 1.05× (rounds 0.90–1.20×).',
    );
  });

  it('judges the scale check by per-round ratios, and not at all when the two answers differ', () => {
    const row = (round: number, p50: number) => ({
      round,
      rps: 1000 / p50,
      p50,
      p99: p50 * 2,
      requests: 100,
      failures: 0,
    });
    const scaleCheck = {
      scale: 1_000_000,
      seedSeconds: null,
      seededBefore: true,
      error: null,
      // Per round 11/10, 13/10, 12/10, 12/10: median 1.2, round 2 above the goal.
      rows: [row(1, 11), row(2, 13), row(3, 12), row(4, 12)],
      baselineRows: [row(1, 10), row(2, 10), row(3, 10), row(4, 10)],
      answers: { large: '200, 4.5 kB, no errors', baseline: '200, 4.5 kB, no errors', same: true },
      rss: { de: 4000 },
      baselineP50: 10,
    };
    const label = 'Scenario 1 p50 at 1,000,000 ÷ at 10,000 records';
    expect(targetRow(renderReport(report({ scaleCheck })), label).slice(1)).toEqual([
      '1.20× (rounds 1.10–1.30×) (medians 12.00 ms and 10.00 ms)',
      '≤ 1.2× (at 1,000,000)',
      'met (rounds on both sides)',
    ]);
    const differing = { ...scaleCheck, answers: { ...scaleCheck.answers, same: false } };
    expect(targetRow(renderReport(report({ scaleCheck: differing })), label)[3]).toBe(
      'n/a: the two federations answered differently',
    );
    const erring = { ...scaleCheck, answers: { ...scaleCheck.answers, clean: false } };
    expect(targetRow(renderReport(report({ scaleCheck: erring })), label)[3]).toBe(
      'n/a: a federation answered with errors',
    );
  });
});

describe('writeReport', () => {
  const HAND_WRITTEN_HEAD = '# Benchmarks\n\nWhy these systems, and how to read the tables.\n';
  const HAND_WRITTEN_FINDINGS =
    '## Findings\n\n- **A lever** (2026-11-30): 1.2× on scenario 2, rounds 1.1–1.3×.\n';
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  const tempFile = (content: string | null) => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'comity-report-'));
    const file = path.join(dir, 'BENCHMARKS.md');
    if (content !== null) writeFileSync(file, content);
    return file;
  };

  it('renders the measurements as one "Latest run" section, with no heading above it', () => {
    const markdown = renderReport(report());
    expect(markdown.startsWith('## Latest run\n')).toBe(true);
    expect(markdown.split('\n').filter((line) => /^#{1,2} /.test(line))).toEqual(['## Latest run']);
  });

  it('rewrites only what lies between the markers, keeping the hand-written parts byte for byte', async () => {
    const before =
      `${HAND_WRITTEN_HEAD}\n${LATEST_RUN_START}\n\n## Latest run\n\nan older run\n\n` +
      `${LATEST_RUN_END}\n\n${HAND_WRITTEN_FINDINGS}`;
    const file = tempFile(before);
    await writeReport(file, report());
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(`${HAND_WRITTEN_HEAD}\n${LATEST_RUN_START}\n\n## Latest run\n`)).toBe(
      true,
    );
    expect(after.endsWith(`${LATEST_RUN_END}\n\n${HAND_WRITTEN_FINDINGS}`)).toBe(true);
    expect(after).not.toContain('an older run');
    expect(after).toContain('| Comity RPS ÷ stock Apollo, scenario 1, 1 conn');
    // A second run replaces its own section again, and still nothing else.
    await writeReport(file, report({ seedSeconds: 99 }));
    const again = readFileSync(file, 'utf8');
    expect(again.startsWith(HAND_WRITTEN_HEAD)).toBe(true);
    expect(again.endsWith(HAND_WRITTEN_FINDINGS)).toBe(true);
    expect(again).toContain('in 99 s');
    expect(again.split(LATEST_RUN_START)).toHaveLength(2);
  });

  it('starts a new file with a title and the marked section', async () => {
    const file = tempFile(null);
    await writeReport(file, report());
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith(`# Benchmarks\n\n${LATEST_RUN_START}\n\n## Latest run\n`)).toBe(true);
    expect(written.endsWith(`${LATEST_RUN_END}\n`)).toBe(true);
  });

  it('deletes nothing from a file without markers: the marked section goes at its end', () => {
    const notes = '# Benchmarks\n\nNotes kept by hand.\n';
    expect(mergeReport(notes, '## Latest run\n\nfigures\n')).toBe(
      `${notes}\n${LATEST_RUN_START}\n\n## Latest run\n\nfigures\n\n${LATEST_RUN_END}\n`,
    );
  });

  it('takes only whole lines as markers, so prose quoting one is left alone', () => {
    const existing =
      `# Benchmarks\n\nThe harness writes after \`${LATEST_RUN_START}\`.\n\n` +
      `${LATEST_RUN_START}\nold\n${LATEST_RUN_END}\n\n## Findings\n`;
    expect(mergeReport(existing, 'new')).toBe(
      `# Benchmarks\n\nThe harness writes after \`${LATEST_RUN_START}\`.\n\n` +
        `${LATEST_RUN_START}\n\nnew\n\n${LATEST_RUN_END}\n\n## Findings\n`,
    );
  });

  it("keeps the repository's hand-written findings when npm run bench rewrites BENCHMARKS.md", () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), 'utf8');
    const lines = committed.split('\n');
    const start = lines.indexOf(LATEST_RUN_START);
    const end = lines.indexOf(LATEST_RUN_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const merged = mergeReport(committed, renderReport(report()));
    expect(merged.startsWith(lines.slice(0, start + 1).join('\n'))).toBe(true);
    expect(merged.endsWith(lines.slice(end).join('\n'))).toBe(true);
    expect(lines.slice(end).join('\n')).toContain('## Findings');
  });
});
