import { describe, expect, it } from 'vitest';
import { derivePseudonymKey, pseudonym } from '../../../../core/policy/pseudonym.js';
import type { PersonRecord, WatchlistEntryRecord } from '../../../../core/records.js';
import { jurisdictionResolvers } from '../../../../subgraphs/kit/jurisdictionResolvers.js';
import { ReleaseLedger } from '../../../../subgraphs/kit/policy/ReleaseLedger.js';
import { recordsOfPseudonym } from '../../../../subgraphs/kit/registry/recordsOfPseudonym.js';
import type {
  JurisdictionRegistries,
  WatchlistRegistry,
} from '../../../../subgraphs/kit/registry/types.js';
import type { SubgraphContext } from '../../../../subgraphs/kit/SubgraphContext.js';

const SECRET = new Uint8Array(32).fill(9);
const CASE = derivePseudonymKey(SECRET, 'FR-PNF-2026-0042');

function person(n: number): PersonRecord {
  return {
    kind: 'Person',
    id: `person-${n}`,
    name: `Person Number${n}`,
    firstName: 'Person',
    lastName: `Number${n}`,
    birthDate: '1980-01-01',
    nationality: 'DE',
    idNumber: `ID${n}`,
  };
}

/** Entry n lists person n, except entry 555, which lists person 7 again (past the first page). */
function entry(n: number): WatchlistEntryRecord {
  return {
    id: `entry-${n}`,
    provenance: {
      jurisdiction: 'DE',
      registry: 'test',
      sourceRecordId: `entry-${n}`,
      lastUpdated: '2026-01-01',
      handlingCode: 'H0',
      sourceReliability: 'A',
      informationAccuracy: 1,
    },
    authority: 'Test',
    program: 'TEST',
    provisions: [],
    reason: 'test',
    listingDate: '2026-01-01',
    startDate: null,
    endDate: null,
    sourceUrl: null,
    subject: person(n === 555 ? 7 : n),
    walletIds: [],
  };
}

const ENTRIES = Array.from({ length: 600 }, (_, index) => entry(index + 1));
/** Pages of the watchlist read so far. */
let pagesRead = 0;
const watchlist = {
  kind: 'WATCHLIST',
  name: 'test',
  backend: 'memory',
  close: async () => {},
  entriesByIds: async (ids: readonly string[]) =>
    ids.map((id) => ENTRIES.find((e) => e.id === id) ?? null),
  listEntries: async ({ first, after }: { first: number; after: string | null }) => {
    pagesRead += 1;
    const start = after === null ? 0 : Number(after);
    const records = ENTRIES.slice(start, start + first);
    const end = start + records.length;
    return {
      records,
      totalCount: ENTRIES.length,
      nextCursor: end < ENTRIES.length ? String(end) : null,
    };
  },
} as unknown as WatchlistRegistry;
const registries: JurisdictionRegistries = { assets: null, watchlist, disclosures: null };

describe('recordsOfPseudonym', () => {
  it.each([
    ['the name', 'Person Number7'],
    ['the name written another way', '  PERSON   number7 '],
    ['the identity number', 'ID7'],
  ])('finds every record naming the party behind a pseudonym of %s', async (_, value) => {
    const found = await recordsOfPseudonym(registries, pseudonym(value, CASE), CASE);
    expect(found.watchlistEntries.map((record) => record.id).sort()).toEqual([
      'entry-555',
      'entry-7',
    ]);
    expect(found.freezingOrders).toEqual([]);
  });

  it('finds nothing for the same value pseudonymised under another case', async () => {
    const other = derivePseudonymKey(SECRET, 'FR-OTHER-1');
    const found = await recordsOfPseudonym(registries, pseudonym('Person Number7', other), CASE);
    expect(found.watchlistEntries).toEqual([]);
  });
});

describe('Jurisdiction.pseudonymRecords', () => {
  const resolvers = jurisdictionResolvers('DE', registries);
  const contextFor = (pseudonymKey: Uint8Array | null) =>
    ({ pseudonymKey, releases: new ReleaseLedger() }) as unknown as SubgraphContext;

  it('answers hit / no-hit and the records, scanning once per lookup', async () => {
    const context = contextFor(CASE);
    const before = pagesRead;
    const source = resolvers.Jurisdiction.pseudonymRecords(
      null,
      { pseudonym: pseudonym('Person Number42', CASE) },
      context,
    );
    expect(await resolvers.PseudonymRecords.hit(source)).toBe(true);
    const entries = await resolvers.PseudonymRecords.watchlistEntries(source, {}, context);
    expect(entries.map((record) => record.id)).toEqual(['entry-42']);
    expect(await resolvers.PseudonymRecords.exchangeDisclosures(source, {}, context)).toEqual([]);
    // 600 entries at 500 a page: one scan for the three fields.
    expect(pagesRead - before).toBe(2);

    const miss = resolvers.Jurisdiction.pseudonymRecords(
      null,
      { pseudonym: pseudonym('Nobody Here', CASE) },
      context,
    );
    expect(await resolvers.PseudonymRecords.hit(miss)).toBe(false);
  });

  it('refuses a value that is not a case pseudonym, and a lookup without a case', () => {
    const refusal = (pseudonymKey: Uint8Array | null, value: string) => {
      try {
        resolvers.Jurisdiction.pseudonymRecords(
          null,
          { pseudonym: value },
          contextFor(pseudonymKey),
        );
        return null;
      } catch (error) {
        return (error as { extensions?: Record<string, unknown> }).extensions;
      }
    };
    expect(refusal(CASE, 'Person Number7')).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'BAD_FORMAT',
    });
    expect(refusal(CASE, 'psn_tooshort')).toEqual({ code: 'BAD_USER_INPUT', reason: 'BAD_FORMAT' });
    expect(refusal(null, pseudonym('Person Number7', CASE))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'CASE_REF_REQUIRED',
    });
  });
});
