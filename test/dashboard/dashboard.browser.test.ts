import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { navigationFor } from '../../dashboard/src/navigation.js';
import type { PageId } from '../../dashboard/src/navigation.js';
import { minimisedForm } from '../../dashboard/src/decisions/minimisedForm.js';
import { DEV_PERSONAS } from '../../gateway/auth/devPersonas.js';
import { matchingIdentities, matchingPartiesOf } from '../../subgraphs/kit/seed/matchingParties.js';
import { buildDashboard, dashboardIsStale } from '../../scripts/dashboard/buildDashboard.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { FederationFixture } from '../support/federationFixture.js';
import { systemChromium } from '../support/systemChromium.js';

// The dashboard in the system's Chromium against a real federation (one for the whole file,
// port offset 11 000), the app served by the gateway as `npm start` serves it.
const executablePath = systemChromium();
if (executablePath === null) {
  console.warn(
    '[dashboard] no system Chromium (apt-get install -y chromium): browser tests skipped',
  );
}

const EXAMPLE_WALLET = 'eth:0x3260cacc9faee9939805f85c757e66999b79b3d3';
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const SCREENSHOTS = process.env.COMITY_DASHBOARD_SCREENSHOTS === '1';
const persisted = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'), 'utf8'),
) as { operations: { name: string; body: string }[] };
const bodyOf = (name: string) =>
  persisted.operations.find((operation) => operation.name === name)!.body;

/** The personas the issue names: public, and five of the development sign-in's. */
const PERSONAS = [
  'public',
  'fr-investigator',
  'de-analyst',
  'sg-central-authority',
  'fr-auditor',
  'fr-judge',
] as const;
const roleOf = (persona: string) =>
  persona === 'public' ? 'PUBLIC' : DEV_PERSONAS.find((known) => known.id === persona)!.role;

describe.skipIf(executablePath === null)('the dashboard in a real browser', () => {
  let fixture: FederationFixture;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    if (dashboardIsStale()) await buildDashboard();
    [fixture, browser] = await Promise.all([
      startFederationFixture({ portOffset: 11_000 }),
      chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] }),
    ]);
    origin = fixture.federation.baseUrls.gateway!;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  /** A fresh page signed in as `persona` through the sign-in page; console errors collected. */
  async function openAs(persona: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${origin}/#/sign-in`);
    await page.locator(`[data-persona="${persona}"]`).click();
    await page.waitForURL(/#\/transparency$/);
    return { page, consoleErrors };
  }

  async function show(page: Page, route: string): Promise<void> {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#/${route}`);
    await page.locator('h1').first().waitFor();
    await page
      .getByText('Asking the members…')
      .first()
      .waitFor({ state: 'detached', timeout: 20_000 });
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    // Evaluated through the DevTools protocol: the page's CSP rightly refuses injected scripts.
    await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(() =>
      (
        window as unknown as {
          axe: { run: (context: Document, options: object) => Promise<unknown> };
        }
      ).axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      }),
    )) as { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(path.join(REPO_ROOT, 'docs', 'dashboard'), { recursive: true });
    await page.screenshot({
      path: path.join(REPO_ROOT, 'docs', 'dashboard', `${name}.png`),
      fullPage: false,
    });
  }

  it.each(PERSONAS)(
    'every page of the %s navigation loads with no console error and no serious axe violation',
    async (persona) => {
      const { page, consoleErrors } = await openAs(persona);
      const pages = navigationFor(roleOf(persona)).filter(
        (id): id is Exclude<PageId, 'sign-in'> => id !== 'sign-in',
      );
      expect(pages.length).toBeGreaterThan(0);
      const violations: string[] = [];
      for (const id of pages) {
        await show(page, id);
        if (id === 'lookup') {
          await page.getByLabel(/^Wallet/).fill(EXAMPLE_WALLET);
          await page.getByRole('button', { name: 'Ask every member' }).click();
          await page.locator('.member-answer').first().waitFor();
        }
        await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
        violations.push(
          ...(await seriousViolations(page)).map((violation) => `${id}: ${violation}`),
        );
        if (
          (persona === 'public' && id !== 'transparency') ||
          (persona === 'fr-investigator' && id === 'lookup') ||
          (persona === 'fr-auditor' && id === 'audit') ||
          (persona === 'fr-judge' && id === 'judge') ||
          (persona === 'fr-investigator' && id === 'requests') ||
          (persona === 'fr-investigator' && id === 'recoveries')
        ) {
          await screenshot(page, `${id}-${persona}`);
        }
      }
      expect(consoleErrors).toEqual([]);
      expect(violations).toEqual([]);
      await page.context().close();
    },
  );

  it("shows the German analyst each member's decision: hit / no-hit and denials, never a name", async () => {
    const released = await fixture.ask(
      { role: 'INVESTIGATOR', country: 'FR' },
      bodyOf('WalletLookup'),
      { id: EXAMPLE_WALLET },
    );
    const names: string[] = [];
    JSON.stringify(released.body.data, (key, value) => {
      if (key === 'name' && typeof value === 'string' && minimisedForm(value) === null)
        names.push(value);
      return value;
    });
    expect(names.length).toBeGreaterThan(0);

    const { page } = await openAs('de-analyst');
    await show(page, 'lookup');
    await page.getByLabel(/^Wallet/).fill(EXAMPLE_WALLET);
    await page.getByRole('button', { name: 'Ask every member' }).click();
    await page.locator('.member-answer').first().waitFor();
    const text = await page.locator('main').innerText();
    for (const name of names) expect(text).not.toContain(name);
    expect(text).toMatch(/Hit \/ no-hit:\s*hit/);
    expect(text).toContain('denied: ROLE_NOT_ALLOWED');
    await screenshot(page, 'lookup-de-analyst');
    await page.context().close();
  });

  it("shows the German analyst each member's match for a person: hit / no-hit and pseudonyms, never a name", async () => {
    // A person every member's seed holds, each spelling the name its own way.
    const identity = matchingIdentities().find(
      (candidate) =>
        candidate.reference.kind === 'Person' &&
        ['FR', 'DE', 'SG'].every((member) =>
          matchingPartiesOf(member).some((party) => party.identity === candidate.identity),
        ),
    )!;
    const reference = identity.reference as {
      name: string;
      birthDate: string;
      nationality: string;
    };
    const released = await fixture.ask(
      { role: 'INVESTIGATOR', country: 'FR' },
      bodyOf('PartyLookup'),
      {
        query: {
          schema: 'PERSON',
          names: [reference.name],
          birthDate: reference.birthDate,
          nationality: reference.nationality,
        },
      },
    );
    const names: string[] = [];
    JSON.stringify(released.body.data, (key, value) => {
      if (key === 'name' && typeof value === 'string' && minimisedForm(value) === null)
        names.push(value);
      return value;
    });
    expect(names.length).toBeGreaterThan(0);

    const { page, consoleErrors } = await openAs('de-analyst');
    await show(page, 'lookup');
    await page.getByLabel(/^Name/).fill(reference.name);
    await page.getByLabel(/^Birth date/).fill(reference.birthDate);
    await page.getByLabel(/^Nationality/).fill(reference.nationality);
    await page.getByRole('button', { name: 'Search every member' }).click();
    await page.locator('.party-answer').first().waitFor();
    const answers = page.locator('.party-answer');
    const text = await page.locator('main').innerText();
    for (const name of names) expect(text).not.toContain(name);
    for (const member of ['fr', 'de']) {
      const answer = await answers.and(page.locator(`[data-member="${member}"]`)).innerText();
      expect(answer).toMatch(/Hit \/ no-hit:\s*hit/);
      expect(answer).toMatch(/psn_/);
    }
    expect(text).toMatch(/denied: [A-Z_]+/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await screenshot(page, 'lookup-party-de-analyst');
    await page.context().close();
  });

  it('never shows a suppressed cell as a number, in the tables or the chart', async () => {
    const report = await fixture.ask(
      { role: 'PUBLIC', purpose: 'STATISTICS', caseRef: null },
      bodyOf('TransparencyStatistics'),
    );
    const published = JSON.stringify(report.body.data);
    expect(published).toContain('"<5"');

    const { page } = await openAs('public');
    await show(page, 'transparency');
    await page.locator('details summary').first().click();
    const counts = (await page.locator('td.number').allTextContents()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(counts.length).toBeGreaterThan(0);
    for (const cell of counts) {
      expect(cell, 'a count cell').toMatch(
        /^(<5 \(suppressed\)|<5|withheld.*|\d[\d,.]*( %)?|[\d.]+)$/,
      );
      if (/^\d/.test(cell) && !cell.includes('%') && !cell.includes('.')) {
        expect(Number(cell.replace(/,/g, '')), `published count ${cell}`).toBeGreaterThanOrEqual(5);
      }
    }
    expect(await page.locator('td.number .suppressed').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart svg .suppressed-marker text').count()).toBeGreaterThan(0);
    // Taken here, after the other tests made requests the report counts.
    await screenshot(page, 'transparency-public');
    await page.context().close();
  });

  it('carries a freezing request from filing to execution through the pages, and the executing member records it', async () => {
    const prosecutor = await openAs('fr-prosecutor');
    await show(prosecutor.page, 'requests');
    await prosecutor.page.getByLabel('Executing member').selectOption('de');
    await prosecutor.page.getByLabel('Wallet').fill(EXAMPLE_WALLET);
    await prosecutor.page.getByRole('button', { name: 'File the request' }).click();
    const filed = await prosecutor.page.getByText(/^Filed req-/).textContent();
    const id = /Filed (\S+) with/.exec(filed ?? '')![1]!;
    await prosecutor.page.context().close();

    for (const [persona, action, state] of [
      ['de-central-authority', 'acknowledge', 'ACKNOWLEDGED'],
      ['de-judge', 'recognise', 'UNDER_REVIEW'],
      ['de-asset-recovery-officer', 'execute', 'EXECUTED'],
    ] as const) {
      const { page, consoleErrors } = await openAs(persona);
      await show(page, `requests/de/${id}`);
      await page
        .getByRole('group', { name: 'Allowed steps' })
        .getByRole('button', { name: action, exact: true })
        .click();
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: `now ${state}` })
          .textContent(),
      ).resolves.toContain(state);
      if (action === 'execute') await screenshot(page, 'request-de-asset-recovery-officer');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }

    const stored = await fixture.ask(
      { role: 'ASSET_RECOVERY_OFFICER', country: 'DE', agency: 'BKA', purpose: 'FREEZE_EXECUTION' },
      `query ($id: ID!) { de { request(id: $id) { status recognisedOrderId history { action } } } }`,
      { id },
    );
    expect(stored.body.data.de.request).toMatchObject({
      status: 'EXECUTED',
      recognisedOrderId: `rfo-${id}`,
      history: [
        { action: 'FILE' },
        { action: 'ACKNOWLEDGE' },
        { action: 'RECOGNISE' },
        { action: 'EXECUTE' },
      ],
    });
  });

  it("lets the German judge decide an emergency release from the judge's desk, and Germany records it", async () => {
    // A real emergency release: a German investigator asks Germany under EMERGENCY, which opens
    // the review item in the release event's transaction.
    const investigator = {
      role: 'INVESTIGATOR',
      country: 'DE',
      agency: 'BKA',
      purpose: 'EMERGENCY',
      caseRef: 'DE-BKA-2026-0099',
    } as const;
    const emergency = await fixture.ask(
      investigator,
      `query ($id: WalletId!) { wallet(id: $id) { de { hit freezingOrders { id affectedParty { name } } } } }`,
      { id: EXAMPLE_WALLET },
    );
    expect(emergency.body.errors ?? []).toEqual([]);
    expect(emergency.body.data.wallet.de.hit).toBe(true);
    const reviewsAtGermany = async (queue: 'PENDING' | 'DECIDED') =>
      (
        await fixture.ask(
          { role: 'JUDGE', country: 'DE', agency: 'AG-Frankfurt', purpose: 'OVERSIGHT_AUDIT' },
          `query { de { emergencyReviews(queue: ${queue}) { nodes { id actor caseRef status decidedBy } } } }`,
        )
      ).body.data.de.emergencyReviews.nodes as {
        id: string;
        caseRef: string | null;
        status: string;
        decidedBy: string | null;
      }[];
    const opened = (await reviewsAtGermany('PENDING')).filter(
      (review) => review.caseRef === investigator.caseRef,
    );
    expect(opened).toHaveLength(1);
    const reviewId = opened[0]!.id;

    const { page, consoleErrors } = await openAs('de-judge');
    await show(page, 'judge');
    await page.getByLabel('Note for the decision').fill('Imminent danger documented.');
    await page.getByRole('button', { name: `Reject review ${reviewId}`, exact: true }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Review ${reviewId}:` })
        .textContent(),
    ).resolves.toContain('REJECTED');
    await screenshot(page, 'judge-de-judge');
    expect(consoleErrors).toEqual([]);
    await page.context().close();

    const decided = (await reviewsAtGermany('DECIDED')).find((review) => review.id === reviewId);
    expect(decided).toMatchObject({ status: 'REJECTED' });
    expect(decided!.decidedBy).toBeTruthy();
    expect((await reviewsAtGermany('PENDING')).map((review) => review.id)).not.toContain(reviewId);
  });

  it('works from the keyboard alone: skip link, navigation, sign-in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/#/transparency`);
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // Through the navigation to "Sign in", then Enter.
    for (let step = 0; step < 10; step += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Sign in') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/sign-in$/);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    for (let step = 0; step < 10; step += 1) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(() => document.activeElement?.getAttribute('data-persona'))) ===
        'fr-investigator'
      )
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/transparency$/);
    await expect(page.getByRole('navigation', { name: 'Pages' }).innerText()).resolves.toContain(
      'Requests',
    );
    await screenshot(page, 'sign-in');
    await context.close();
  });
});
