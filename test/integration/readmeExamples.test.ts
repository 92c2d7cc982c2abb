import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { mintDevToken } from '../../gateway/auth/mintDevToken.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from '../../gateway/GatewayContext.js';
import {
  EXAMPLE_CALLER,
  EXAMPLE_QUERY,
  EXAMPLE_VARIABLES,
  exampleCurl,
} from '../../scripts/exampleQuery.js';
import { DEFAULT_SEED_SCALE } from '../../scripts/seedFederation.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { FederationFixture } from '../support/federationFixture.js';
import { postGraphQL } from '../support/graphqlClient.js';
import type { GraphQLResponse } from '../support/graphqlClient.js';

// The README's examples are the real output of what they show: each query runs through a
// real federation seeded as `npm start` seeds it, as the caller the README names (its token
// command, its purpose and case headers), and its answer must equal the README's JSON.

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

interface Block {
  lang: string;
  text: string;
  start: number;
  end: number;
}

/** The fenced code blocks of a Markdown text, in order. */
function codeBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1]!,
    text: match[2]!,
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The text of the README section under `## heading`, up to the next one. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no section "${heading}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** One README example: the prose naming its caller, its query, and the answer shown. */
interface Example {
  title: string;
  /** The prose before the query and between it and the answer, which names the caller. */
  prose: string;
  query: string;
  shown: GraphQLResponse;
}

/** Each GraphQL block of the section followed by a JSON block is one example. */
function examples(heading: string): Example[] {
  const text = section(heading);
  const blocks = codeBlocks(text);
  const found: Example[] = [];
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    if (block.lang !== 'graphql' || next?.lang !== 'json') return;
    const previousEnd = index === 0 ? 0 : blocks[index - 1]!.end;
    found.push({
      title: `example ${found.length + 1} of "${heading}"`,
      prose: text.slice(previousEnd, block.start) + text.slice(block.end, next.start),
      query: block.text,
      shown: JSON.parse(next.text) as GraphQLResponse,
    });
  });
  return found;
}

const CROSS_BORDER = examples('A cross-border query');
const REQUEST_WALKTHROUGH = examples('A cross-border request');

let fixture: FederationFixture;

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 17_000, scale: DEFAULT_SEED_SCALE });
}, 300_000);

afterAll(async () => {
  await fixture?.stop();
});

const run = promisify(execFile);

/**
 * The caller's token as the README obtains it: by running the `npm run -s token -- …`
 * command it shows (against the fixture's keys), or as `npm start` mints the one it prints
 * (scripts/start.ts: subject `demo-investigator`, the example caller's claims).
 */
async function tokenFor(prose: string): Promise<string> {
  const command = /`npm run -s token -- ([^`]+)`/.exec(prose);
  if (command) {
    const args = command[1]!.trim().split(/\s+/);
    const { stdout } = await run(
      'npm',
      ['run', '-s', 'token', '--', ...args, '--keys-dir', fixture.keys.dir],
      { cwd: REPO_ROOT },
    );
    return stdout.trim();
  }
  expect(prose).toContain('the token `npm start`');
  return mintDevToken(fixture.keys, {
    subject: 'demo-investigator',
    roles: [EXAMPLE_CALLER.role],
    country: EXAMPLE_CALLER.country,
    agency: EXAMPLE_CALLER.agency,
    ttl: '8h',
  });
}

/** The request headers the prose names: purpose and, if it gives one, the case reference. */
function headersFrom(prose: string): Record<string, string> {
  const purpose = /`x-comity-purpose: ([A-Z_]+)`/.exec(prose);
  if (!purpose) throw new Error(`the example names no purpose header: ${prose}`);
  const caseRef = /`x-comity-case-ref: ([^`]+)`/.exec(prose);
  return {
    [PURPOSE_HEADER]: purpose[1]!,
    ...(caseRef ? { [CASE_REF_HEADER]: caseRef[1]! } : {}),
  };
}

/**
 * What may differ between two honest runs, and only that. Pseudonyms are keyed by the
 * federation secret, which development generates per machine (and the fixture per run): each
 * becomes `psn_<n>` by order of first appearance, so that which values share a pseudonym is
 * still compared. Errors of fetches to different subgraphs join the response in the order
 * those fetches complete, so they are compared sorted by path.
 */
function normalise(response: GraphQLResponse): unknown {
  const pseudonyms = new Map<string, string>();
  const text = JSON.stringify(response).replace(/psn_[a-z2-7]{26}/g, (value) => {
    if (!pseudonyms.has(value)) pseudonyms.set(value, `psn_${pseudonyms.size + 1}`);
    return pseudonyms.get(value)!;
  });
  const parsed = JSON.parse(text) as GraphQLResponse;
  if (parsed.errors) {
    parsed.errors = [...parsed.errors].sort((a, b) =>
      JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)),
    );
  }
  return parsed;
}

async function answer(example: Example, overrides: Record<string, string | null> = {}) {
  const variables = /with `(\{[^`]*\})`/.exec(example.prose);
  const headers: Record<string, string> = {
    authorization: `Bearer ${await tokenFor(example.prose)}`,
    ...headersFrom(example.prose),
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return postGraphQL(
    fixture.federation.gatewayUrl,
    example.query,
    variables ? (JSON.parse(variables[1]!) as Record<string, unknown>) : undefined,
    headers,
  );
}

describe('README examples', () => {
  it('shows two examples of a cross-border query, the first being the one npm start prints', () => {
    expect(CROSS_BORDER).toHaveLength(2);
    expect(CROSS_BORDER[0]!.query.trim()).toBe(EXAMPLE_QUERY);
    const variables = /with `(\{[^`]*\})`/.exec(CROSS_BORDER[0]!.prose)?.[1];
    expect(JSON.parse(variables ?? 'null')).toEqual(EXAMPLE_VARIABLES);
  });

  it.each(CROSS_BORDER)('$title: the answer shown is the real answer', async (example) => {
    const { status, body } = await answer(example);
    expect(status).toBe(200);
    expect(normalise(body)).toEqual(normalise(example.shown));
  });

  it('the German analyst without a case reference: each name withheld, as the README says', async () => {
    const example = CROSS_BORDER[1]!;
    expect(section('A cross-border query').includes('`CASE_REF_REQUIRED`')).toBe(true);
    const { status, body } = await answer(example, { [CASE_REF_HEADER]: null });
    expect(status).toBe(200);
    const entries = body.data.wallet.de.watchlistEntries as { subject: { name: unknown } }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.subject).toEqual({ name: null });
    const withheld = (body.errors ?? []).filter(
      (error) => error.extensions?.reason === 'CASE_REF_REQUIRED',
    );
    expect(withheld.map((error) => error.path)).toEqual(
      entries.map((_, index) => ['wallet', 'de', 'watchlistEntries', index, 'subject', 'name']),
    );
    for (const error of withheld) {
      expect(error.extensions).toEqual({
        code: 'FORBIDDEN',
        jurisdiction: 'DE',
        reason: 'CASE_REF_REQUIRED',
        field: 'Person.name',
      });
    }
  });

  it("the start banner's curl is the one npm start prints, with the README's elisions", async () => {
    const banner = codeBlocks(section('The two commands')).find((block) =>
      block.text.includes('Comity is running.'),
    );
    expect(banner).toBeDefined();
    const shown = banner!.text.split('\n');
    const curlStart = shown.findIndex((line) => line.startsWith('curl -s'));
    const token = await tokenFor('the token `npm start` prints');
    const printed = exampleCurl('http://127.0.0.1:4000/graphql', token).split('\n');
    expect(shown.slice(curlStart, curlStart + printed.length)).toEqual(
      printed.map((line) =>
        line
          // The README shows the start of a token (its header), which varies after it.
          .replace(token, `${token.slice(0, 20)}…`)
          // and the query's body elided; the query itself is the README's example above.
          .replace(/("query":"query CrossBorder\(\$order: ID!\) \{).*(\}","variables")/, '$1 … $2'),
      ),
    );
  });
});

describe('README walkthrough of a cross-border request', () => {
  // Runs after the queries above (vitest keeps a file's order): its mutations change Germany's
  // records, and each step reads the id and version the one before returned.
  it('files, acknowledges, recognises and executes, each answer the real one', async () => {
    expect(REQUEST_WALKTHROUGH.length).toBe(5);
    let caller = '';
    for (const example of REQUEST_WALKTHROUGH) {
      // An example without a token command of its own is sent as the one before it.
      if (/`npm run -s token -- /.test(example.prose)) caller = example.prose;
      const { status, body } = await answer({ ...example, prose: `${caller}\n${example.prose}` });
      expect(status).toBe(200);
      expect(normalise(body), example.title).toEqual(normalise(example.shown));
    }
  });
});

describe("README walkthrough of victims' claims", () => {
  const CLAIMS_WALKTHROUGH = examples("Victims' claims");

  // Runs last: it verifies a seeded claim in Germany. Each example after the first is sent as
  // the caller the one before named (its own variables first, so they are the ones read).
  it('shows the claims and the allocation, verifies a claim, and the division it changes', async () => {
    expect(CLAIMS_WALKTHROUGH.length).toBe(3);
    let caller = '';
    for (const example of CLAIMS_WALKTHROUGH) {
      if (/`npm run -s token -- /.test(example.prose)) caller = example.prose;
      const { status, body } = await answer({ ...example, prose: `${example.prose}\n${caller}` });
      expect(status).toBe(200);
      expect(normalise(body), example.title).toEqual(normalise(example.shown));
    }
  });
});

describe('README search for a person across borders', () => {
  const MATCHING = examples('Finding a person across borders');

  // Matching reads the members' own parties, which the walkthroughs above do not change.
  it('finds the person in every member, the answer the real one', async () => {
    expect(MATCHING).toHaveLength(1);
    const { status, body } = await answer(MATCHING[0]!);
    expect(status).toBe(200);
    expect(normalise(body)).toEqual(normalise(MATCHING[0]!.shown));
  });
});
