import type { ExchangeDisclosureRecord, WalletId } from '../../../core/records.js';
import type {
  DisclosureRegistry,
  Page,
  PageRequest,
  QueryCounter,
} from '../../kit/registry/types.js';
import { Ivms101Store } from './Ivms101Store.js';
import type { Ivms101DocumentMapping, Ivms101StoreOptions } from './Ivms101Store.js';
import { mapDisclosureDocument } from './mapDisclosureDocument.js';
import { DISCLOSURE_REGISTRY_NAME, IVMS101_BACKEND } from './registryNames.js';

export const DISCLOSURE_MAPPING: Ivms101DocumentMapping<ExchangeDisclosureRecord> = {
  registry: DISCLOSURE_REGISTRY_NAME,
  map: mapDisclosureDocument,
  id: (record) => record.id,
  listedAt: (record) => record.disclosedAt,
  // Found by either side of the transfer.
  walletIds: (record) => [
    ...record.originator.accountNumbers,
    ...record.beneficiary.accountNumbers,
  ],
  recordTypes: (record) => [
    'ExchangeDisclosure',
    ...[...record.originator.persons, ...record.beneficiary.persons].map((person) => person.kind),
  ],
};

/** Loads a folder of disclosure documents; throws ImportRejectedError if any is bad. */
export function loadDisclosureStore(
  directory: string,
  options?: Ivms101StoreOptions,
): Promise<Ivms101Store<ExchangeDisclosureRecord>> {
  return Ivms101Store.load(directory, DISCLOSURE_MAPPING, options);
}

/**
 * Singapore's travel-rule disclosures, served from an in-memory snapshot of the documents.
 * `replace` swaps in a new snapshot in one assignment: a request sees the old data or the
 * new, never a mix.
 */
export class Ivms101DisclosureRegistry implements DisclosureRegistry {
  readonly kind = 'EXCHANGE_DISCLOSURES';
  readonly name = DISCLOSURE_REGISTRY_NAME;
  readonly backend = IVMS101_BACKEND;
  #store: Ivms101Store<ExchangeDisclosureRecord> | null;
  readonly #countQuery: QueryCounter;

  constructor(store: Ivms101Store<ExchangeDisclosureRecord>, countQuery: QueryCounter) {
    this.#store = store;
    this.#countQuery = countQuery;
  }

  /** Requests run synchronously on the store they got, so the old one can close at once. */
  replace(store: Ivms101Store<ExchangeDisclosureRecord>): void {
    const previous = this.#store;
    this.#store = store;
    if (previous !== store) previous?.close();
  }

  async disclosuresByIds(ids: readonly string[]): Promise<(ExchangeDisclosureRecord | null)[]> {
    const store = this.#open('disclosuresByIds');
    return ids.map((id) => store.byId(id));
  }

  async disclosuresByWallets(
    walletIds: readonly WalletId[],
  ): Promise<ExchangeDisclosureRecord[][]> {
    const store = this.#open('disclosuresByWallets');
    return walletIds.map((walletId) => store.byWallet(walletId));
  }

  async listDisclosures(page: PageRequest): Promise<Page<ExchangeDisclosureRecord>> {
    return this.#open('listDisclosures').page(page);
  }

  async close(): Promise<void> {
    this.#store?.close();
    this.#store = null;
  }

  #open(method: string): Ivms101Store<ExchangeDisclosureRecord> {
    if (this.#store === null) throw new Error(`registry ${this.name} is closed`);
    this.#countQuery(this.name, method);
    return this.#store;
  }
}
