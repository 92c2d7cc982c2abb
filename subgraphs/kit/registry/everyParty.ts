import type { Ivms101PartyRecord, PartyRecord } from '../../../core/records.js';
import { MAX_PAGE_SIZE } from '../jurisdictionResolvers.js';
import type { JurisdictionRegistries, Page, PageRequest, RegistryKind } from './types.js';

/** One party a member's records name, and where: the registry, the record, its wallets. */
export interface NamedParty {
  party: PartyRecord | Ivms101PartyRecord;
  registry: RegistryKind;
  recordId: string;
  /** The record's wallets: an order's or listing's, or the disclosure side's accounts. */
  walletIds: readonly string[];
}

async function* everyPage<T>(list: (page: PageRequest) => Promise<Page<T>>): AsyncGenerator<T> {
  let after: string | null = null;
  do {
    const page: Page<T> = await list({ first: MAX_PAGE_SIZE, after });
    yield* page.records;
    after = page.nextCursor;
  } while (after !== null);
}

/**
 * Every party the member's registries name, read page by page from its own storage: order
 * subjects, watchlist subjects, disclosure originators and beneficiaries.
 */
export async function* everyParty(registries: JurisdictionRegistries): AsyncGenerator<NamedParty> {
  const { assets, watchlist, disclosures } = registries;
  if (assets) {
    for await (const order of everyPage((page) => assets.listFreezingOrders(page))) {
      if (order.affectedParty) {
        yield {
          party: order.affectedParty,
          registry: 'ASSET_REGISTRY',
          recordId: order.id,
          walletIds: order.walletIds,
        };
      }
    }
    for await (const order of everyPage((page) => assets.listConfiscationOrders(page))) {
      if (order.affectedParty) {
        yield {
          party: order.affectedParty,
          registry: 'ASSET_REGISTRY',
          recordId: order.id,
          walletIds: order.walletIds,
        };
      }
    }
  }
  if (watchlist) {
    for await (const entry of everyPage((page) => watchlist.listEntries(page))) {
      yield {
        party: entry.subject,
        registry: 'WATCHLIST',
        recordId: entry.id,
        walletIds: entry.walletIds,
      };
    }
  }
  if (disclosures) {
    for await (const disclosure of everyPage((page) => disclosures.listDisclosures(page))) {
      for (const side of [disclosure.originator, disclosure.beneficiary]) {
        for (const person of side.persons) {
          yield {
            party: person,
            registry: 'EXCHANGE_DISCLOSURES',
            recordId: disclosure.id,
            walletIds: side.accountNumbers,
          };
        }
      }
    }
  }
}
