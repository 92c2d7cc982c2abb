import { describe, expect, it } from 'vitest';
import { derivePseudonymKey, pseudonym } from '../../../../core/policy/pseudonym.js';
import type { PersonRecord, WatchlistEntryRecord } from '../../../../core/records.js';
import { findRequestSubject } from '../../../../subgraphs/kit/requests/findRequestSubject.js';
import type {
  JurisdictionRegistries,
  WatchlistRegistry,
} from '../../../../subgraphs/kit/registry/types.js';

const SECRET = new Uint8Array(32).fill(7);
const WALLET = 'eip155:1:0x3260caCc9faEE9939805F85c757E66999B79b3d3';

function person(n: number): PersonRecord {
  return {
    kind: 'Person',
    id: `person-${n}`,
    name: `Person Number${n}`,
    firstName: 'Person',
    lastName: `Number${n}`,
    birthDate: '1979-03-0' + ((n % 9) + 1),
    nationality: 'DE',
    idNumber: `ID${n}`,
  };
}

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
    subject: person(n),
    walletIds: n === 1_234 ? [WALLET] : [],
  };
}

/** A watchlist of 1,500 entries served in pages, as a member's registry serves them. */
const ENTRIES = Array.from({ length: 1_500 }, (_, index) => entry(index + 1));
const watchlist = {
  kind: 'WATCHLIST',
  name: 'test',
  backend: 'memory',
  close: async () => {},
  entriesByIds: async (ids: readonly string[]) =>
    ids.map((id) => ENTRIES.find((e) => e.id === id) ?? null),
  entriesByWallets: async (wallets: readonly string[]) =>
    wallets.map((wallet) => ENTRIES.filter((e) => e.walletIds.includes(wallet))),
  listEntries: async ({ first, after }: { first: number; after: string | null }) => {
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

describe('findRequestSubject', () => {
  const caseKey = derivePseudonymKey(SECRET, 'FR-PNF-2026-0042');

  it('finds the person behind a pseudonym the case was given, past the first page', async () => {
    const given = pseudonym('Person Number1234', caseKey);
    expect(
      await findRequestSubject(registries, { pseudonym: given, wallet: null }, caseKey),
    ).toEqual({
      name: 'Person Number1234',
      firstName: 'Person',
      lastName: 'Number1234',
      birthDate: person(1_234).birthDate,
      nationality: 'DE',
      idNumber: 'ID1234',
    });
  });

  it('finds nobody for a pseudonym of another case: pseudonyms do not cross cases', async () => {
    const otherCase = derivePseudonymKey(SECRET, 'FR-OTHER-1');
    const given = pseudonym('Person Number1234', otherCase);
    expect(
      await findRequestSubject(registries, { pseudonym: given, wallet: null }, caseKey),
    ).toBeNull();
  });

  it('finds the holder of a wallet by the registry’s wallet lookup', async () => {
    const found = await findRequestSubject(
      registries,
      { pseudonym: null, wallet: WALLET },
      caseKey,
    );
    expect(found?.name).toBe('Person Number1234');
    const none = await findRequestSubject(
      registries,
      { pseudonym: null, wallet: 'eip155:1:0x0000000000000000000000000000000000000001' },
      caseKey,
    );
    expect(none).toBeNull();
  });
});
