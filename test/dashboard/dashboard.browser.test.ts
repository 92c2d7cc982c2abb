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
import {
  MATCHING_MEMBERS,
  matchingIdentities,
  matchingPartiesOf,
} from '../../subgraphs/kit/seed/matchingParties.js';
import { buildDashboard, dashboardIsStale } from '../../scripts/dashboard/buildDashboard.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';
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

  it("shows the German analyst each member's decision: hit / no-hit and denials, never a name withheld from analysts", async () => {
    const namesFor = async (asking: Asking) => {
      const { body } = await fixture.ask(asking, bodyOf('WalletLookup'), { id: EXAMPLE_WALLET });
      const found: string[] = [];
      JSON.stringify(body.data, (key, value) => {
        if (key === 'name' && typeof value === 'string' && minimisedForm(value) === null)
          found.push(value);
        return value;
      });
      return found;
    };
    // A public list (the SDN list) shows its names to everyone; the others' are withheld.
    const releasedToAnalysts = new Set(await namesFor({ role: 'ANALYST', country: 'DE' }));
    const names = (await namesFor({ role: 'INVESTIGATOR', country: 'FR' })).filter(
      (name) => !releasedToAnalysts.has(name),
    );
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
        MATCHING_MEMBERS.every((member) =>
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

  it('looks a case pseudonym up across members: each member that holds the party answers hit, under its own policy', async () => {
    const analyst = {
      role: 'ANALYST',
      country: 'DE',
      agency: 'BKA',
      purpose: 'CRIMINAL_INVESTIGATION',
      caseRef: 'DE-BKA-2026-0017',
    } as const;
    // A pseudonym Germany gives the analyst's case for the example wallet's records.
    const wallet = await fixture.ask(analyst, bodyOf('WalletLookup'), { id: EXAMPLE_WALLET });
    const given = new Set<string>();
    JSON.stringify(wallet.body.data.wallet.de, (key, value) => {
      // Germany pseudonymises a listed person's id and names for analysts.
      if (
        ['id', 'name', 'firstName', 'lastName'].includes(key) &&
        typeof value === 'string' &&
        minimisedForm(value) === 'PSEUDONYM'
      )
        given.add(value);
      return value;
    });
    expect(given.size).toBeGreaterThan(0);
    const target = [...given][0]!;
    const answer = await fixture.ask(analyst, bodyOf('PseudonymLookup'), { pseudonym: target });
    expect(answer.body.data.de.pseudonymRecords).toMatchObject({ pseudonym: target, hit: true });
    // Without the case it was given in, a pseudonym means nothing: every member says so.
    const caseless = await fixture.ask({ ...analyst, caseRef: null }, bodyOf('PseudonymLookup'), {
      pseudonym: target,
    });
    expect(caseless.body.data?.de?.pseudonymRecords ?? null).toBeNull();
    expect(
      (caseless.body.errors as { extensions: { reason?: string } }[]).map(
        (error) => error.extensions.reason,
      ),
    ).toContain('CASE_REF_REQUIRED');
    const names: string[] = [];
    const investigator = await fixture.ask(
      { role: 'INVESTIGATOR', country: 'FR' },
      bodyOf('WalletLookup'),
      { id: EXAMPLE_WALLET },
    );
    JSON.stringify(investigator.body.data, (key, value) => {
      if (key === 'name' && typeof value === 'string' && minimisedForm(value) === null)
        names.push(value);
      return value;
    });

    const { page, consoleErrors } = await openAs('de-analyst');
    await show(page, 'lookup');
    await page.getByLabel(/^Pseudonym/).fill(target);
    await page.getByRole('button', { name: 'Look up the pseudonym' }).click();
    await page.locator('.pseudonym-answer').first().waitFor();
    const germany = await page.locator('.pseudonym-answer[data-member="de"]').innerText();
    expect(germany).toMatch(/Hit \/ no-hit:\s*hit/);
    const text = await page.locator('main').innerText();
    for (const name of names) expect(text).not.toContain(name);
    expect(await seriousViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await screenshot(page, 'lookup-pseudonym-de-analyst');
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
    await page.locator('.chart svg').first().waitFor();
    expect(await page.locator('.chart svg .suppressed-marker text').count()).toBeGreaterThan(0);
    // Every bar drawn is a published count above zero; a month of suppressed cells only is a
    // hatched "<5" band, never a bar; no tooltip names a suppressed cell as a number.
    const barTitles = await page.locator('.chart svg .count-bar title').allTextContents();
    const bandTitles = await page.locator('.chart svg .suppressed-band title').allTextContents();
    expect(barTitles.length + bandTitles.length).toBeGreaterThan(0);
    for (const title of barTitles) {
      expect(title).toMatch(/: [1-9][\d,]*( and \d+ suppressed cells? \(<5 each\))?$/);
    }
    for (const title of bandTitles) expect(title).toMatch(/: \d+ suppressed cells? \(<5 each\)$/);
    // Taken here, after the other tests made requests the report counts.
    await screenshot(page, 'transparency-public');
    await page.context().close();
  });

  it("shows each member's restitution figures on the Recoveries page as published, small cells as <5", async () => {
    const report = await fixture.ask(
      { role: 'PUBLIC', purpose: 'STATISTICS', caseRef: null },
      bodyOf('RestitutionStatistics'),
    );
    expect(report.body.errors).toBeUndefined();
    type Published = {
      transparency: {
        restitution: {
          recoveryRates: { asset: string; confiscated: string; payments: string }[];
          dispositions: { asset: string; kind: string; count: string }[];
        } | null;
      } | null;
    };
    const answers = Object.values(report.body.data as Record<string, Published>).flatMap(
      (member) => (member.transparency?.restitution ? [member.transparency.restitution] : []),
    );
    const published = answers.flatMap((answer) => answer.dispositions);
    // The seed pays one claim per member holding assets and records a sale: small cells.
    expect(published.map((cell) => cell.kind)).toEqual(
      expect.arrayContaining(['RETURNED_TO_VICTIM', 'SOLD']),
    );

    const { page, consoleErrors } = await openAs('fr-investigator');
    await show(page, 'recoveries');
    const section = page.locator('section[aria-labelledby="restitution-heading"]');
    await section.locator('tbody tr').first().waitFor();
    const rows = section.locator('table').nth(2).locator('tbody tr');
    expect(await rows.count()).toBe(published.length);
    const paid = section.locator('tr[data-disposition="RETURNED_TO_VICTIM"]').first();
    await expect(paid.innerText()).resolves.toContain('Paid to victims');
    await expect(paid.locator('td.number').first().innerText()).resolves.toMatch(/^<5/);
    await expect(paid.locator('td.number').nth(1).innerText()).resolves.toMatch(/^withheld/);
    // One rate row per member and asset published, with the member's confiscated amount.
    const rateRows = section.locator('table').first().locator('tbody tr');
    expect(await rateRows.count()).toBe(
      answers.reduce((sum, answer) => sum + answer.recoveryRates.length, 0),
    );
    // Every count column: "<5" or a number of at least 5, never a small number.
    const counts = [
      ...(await section
        .locator('table')
        .nth(0)
        .locator('tbody tr td:nth-of-type(4)')
        .allTextContents()),
      ...(await section
        .locator('table')
        .nth(1)
        .locator('tbody tr td:nth-of-type(1)')
        .allTextContents()),
      ...(await section
        .locator('table')
        .nth(2)
        .locator('tbody tr td:nth-of-type(4)')
        .allTextContents()),
    ].map((text) => text.replace(/\s+/g, ' ').trim());
    expect(counts.length).toBeGreaterThan(0);
    for (const cell of counts) {
      expect(cell).toMatch(/^(<5 \(suppressed\)|[\d,]+)$/);
      if (/^\d/.test(cell)) expect(Number(cell.replace(/,/g, ''))).toBeGreaterThanOrEqual(5);
    }
    expect(await section.locator('.suppressed').count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
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

  it("shows the auditor each member's chain verification: its own verified with the latest signed checkpoint, the others' denials", async () => {
    const auditor = {
      role: 'AUDITOR',
      country: 'FR',
      agency: 'CNIL',
      purpose: 'OVERSIGHT_AUDIT',
      caseRef: 'FR-CNIL-AUDIT-2026',
    } as const;
    type Chain = {
      verified: boolean;
      headSeq: number;
      latestCheckpoint: { firstSeq: number; sequence: number; keyId: string | null } | null;
    };
    // France signs a checkpoint every minute when events were appended, and an auditor's
    // verification is reused for a while: wait until the one France serves names a checkpoint.
    let chain: Chain | null = null;
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const answer = await fixture.ask(auditor, bodyOf('AuditChain'));
      chain = answer.body.data.fr.auditChain as Chain;
      if (chain.latestCheckpoint !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(chain).toMatchObject({ verified: true, latestCheckpoint: expect.anything() });
    const checkpoint = chain!.latestCheckpoint!;

    const { page, consoleErrors } = await openAs('fr-auditor');
    await show(page, 'audit');
    const france = page.locator('.audit-chain[data-member="fr"]');
    await france.waitFor();
    const shown = (await france.innerText()).replace(/\s+/g, ' ');
    expect(shown).toContain('verified');
    expect(shown).not.toContain('BROKEN');
    expect(shown).toContain(`events ${checkpoint.firstSeq}–${checkpoint.sequence}, signed`);
    expect(shown).toContain(`with key ${checkpoint.keyId}`);
    for (const member of ['de', 'sg']) {
      const answer = await page.locator(`.audit-chain[data-member="${member}"]`).innerText();
      expect(answer).toContain('denied: FOREIGN_OVERSIGHT');
      expect(answer).not.toContain('verified');
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await screenshot(page, 'audit-fr-auditor');
    await page.context().close();
  }, 180_000);

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
    // Focus moves to the heading once the page's chunk has arrived and it is on screen.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
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
