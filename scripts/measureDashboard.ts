import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startFederationFixture } from '../test/support/federationFixture.js';
import { systemChromium } from '../test/support/systemChromium.js';
import { commandLine, parseOptions } from './commandLine.js';
import { DASHBOARD_DIST, buildDashboard, dashboardIsStale } from './dashboard/buildDashboard.js';

// `npm run dashboard:measure`: the figures of BENCHMARKS.md "Dashboard" — the production
// bundle's gzip size, each page's time to show its data in Chromium against a local federation,
// and each dashboard operation's latency at the gateway beside the README example's.
commandLine(
  'dashboard:measure',
  'usage: npm run dashboard:measure\n  builds the dashboard if stale, starts a federation (port offset 10000), prints the figures',
  () => parseOptions({}, process.argv.slice(2)),
);
const RUNS = 7;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (dashboardIsStale()) await buildDashboard();
const assets = readdirSync(path.join(DASHBOARD_DIST, 'assets'));
console.log('Bundle (dashboard/dist/assets):');
for (const asset of assets) {
  const bytes = readFileSync(path.join(DASHBOARD_DIST, 'assets', asset));
  console.log(
    `  ${asset.replace(/-[\w-]{8}\./, '.')}: ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB`,
  );
}

const executablePath = systemChromium();
if (executablePath === null) throw new Error('no system Chromium: apt-get install -y chromium');
const fixture = await startFederationFixture({ portOffset: 10_000 });
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const origin = fixture.federation.baseUrls.gateway!;
  const pages: [string, string, string][] = [
    ['public', 'transparency', 'Transparency'],
    ['fr-investigator', 'recoveries', 'Recoveries'],
    ['fr-investigator', 'requests', 'Requests board'],
    ['de-analyst', 'lookup', 'Cross-border lookup (one wallet)'],
    ['fr-auditor', 'audit', "Auditor's desk"],
    ['fr-judge', 'judge', "Judge's desk"],
  ];
  console.log(`\nTime to show data (median of ${RUNS}, warm browser cache, ms):`);
  for (const [persona, route, label] of pages) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/#/sign-in`);
    await page.locator(`[data-persona="${persona}"]`).click();
    await page.waitForURL(/#\/transparency$/);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto(`${origin}/#/sign-in`);
      const started = Date.now();
      await page.goto(`${origin}/#/${route}`);
      await page.reload();
      if (route === 'lookup') {
        await page.getByLabel(/^Wallet/).fill('eth:0x3260cacc9faee9939805f85c757e66999b79b3d3');
        await page.getByRole('button', { name: 'Ask every member' }).click();
        await page.locator('.member-answer').first().waitFor();
      } else {
        await page.locator('h1').waitFor();
        await page.getByText('Asking the members…').first().waitFor({ state: 'detached' });
      }
      times.push(Date.now() - started);
    }
    console.log(`  ${label.padEnd(34)} ${median(times)}`);
    await context.close();
  }

  const manifest = JSON.parse(readFileSync('gateway/persisted-operations.json', 'utf8')) as {
    operations: { name: string; id: string; body: string; public?: boolean }[];
  };
  const analyst = { role: 'ANALYST', country: 'DE', agency: 'BKA' } as const;
  /** A case pseudonym Germany gives the analyst for the README wallet's listed person. */
  const pseudonymForAnalyst = async (): Promise<string> => {
    const body = manifest.operations.find((operation) => operation.name === 'WalletLookup')!;
    const answer = await fixture.ask(analyst, body.body, {
      id: 'eth:0x3260cacc9faee9939805f85c757e66999b79b3d3',
    });
    const found = /"(psn_[a-z2-7]{26})"/.exec(JSON.stringify(answer.body.data?.wallet?.de ?? {}));
    if (!found) throw new Error('Germany gave the analyst no pseudonym for the README wallet');
    return found[1]!;
  };
  const asks: [string, Parameters<typeof fixture.ask>[0], Record<string, unknown>][] = [
    ['CrossBorder', { role: 'INVESTIGATOR' }, { order: 'FR-FO-0000001' }],
    ['TransparencyStatistics', { role: 'PUBLIC', purpose: 'STATISTICS', caseRef: null }, {}],
    ['CrossBorderStatistics', { role: 'PUBLIC', purpose: 'STATISTICS', caseRef: null }, {}],
    ['RecoveryOrders', { role: 'INVESTIGATOR' }, {}],
    ['RequestBoard', { role: 'CENTRAL_AUTHORITY', country: 'DE' }, { direction: 'INCOMING' }],
    [
      'WalletLookup',
      { role: 'INVESTIGATOR' },
      { id: 'eth:0x3260cacc9faee9939805f85c757e66999b79b3d3' },
    ],
    ['AuditEvents', { role: 'AUDITOR', purpose: 'OVERSIGHT_AUDIT' }, { fr: true }],
    // Verified at most once per TTL: the median is the cached answer.
    ['AuditChain', { role: 'AUDITOR', purpose: 'OVERSIGHT_AUDIT' }, {}],
    ['PseudonymLookup', analyst, { pseudonym: await pseudonymForAnalyst() }],
    ['EmergencyReviews', { role: 'JUDGE', purpose: 'OVERSIGHT_AUDIT' }, { fr: true }],
  ];
  console.log(
    `\nGateway latency by persisted hash (median of ${RUNS * 3} sequential requests, ms):`,
  );
  for (const [name, asking, variables] of asks) {
    const id = manifest.operations.find((operation) => operation.name === name)!.id;
    const headers = await fixture.headers(asking);
    const times: number[] = [];
    for (let run = 0; run < RUNS * 3; run += 1) {
      const started = performance.now();
      const response = await fetch(fixture.federation.gatewayUrl, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          variables,
          extensions: { persistedQuery: { version: 1, sha256Hash: id } },
        }),
      });
      await response.text();
      times.push(performance.now() - started);
    }
    console.log(`  ${name.padEnd(24)} ${median(times).toFixed(1)}`);
  }
} finally {
  await browser.close();
  await fixture.stop();
}
