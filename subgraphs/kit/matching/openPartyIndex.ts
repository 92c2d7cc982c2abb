import { everyParty } from '../registry/everyParty.js';
import type { JurisdictionRegistries } from '../registry/types.js';
import { PartyIndex } from './PartyIndex.js';

/** How often the data version is read again, ms: the staleness bound after an import. */
export const DEFAULT_PARTY_INDEX_POLL_MS = 1_000;

export interface PartyIndexOptions {
  /**
   * A token that changes with the registries' data (a SQL member's data version). Without
   * one, the record counts and newest ids of every list stand in: in-memory backends answer
   * them without I/O.
   */
  dataVersion?: () => Promise<string>;
  pollMs?: number;
  now?: () => number;
  /** Told how long each build took and how many parties it holds. */
  onBuilt?: (built: { parties: number; ms: number }) => void;
}

export interface PartyIndexHandle {
  /** The index of the current data, rebuilt first if the data changed. */
  current(): Promise<PartyIndex>;
}

/** The record counts and newest ids of every registry: changes when any list changes. */
async function listSignature(registries: JurisdictionRegistries): Promise<string> {
  const page = { first: 1, after: null };
  const { assets, watchlist, disclosures } = registries;
  const pages = await Promise.all([
    assets?.listFreezingOrders(page),
    assets?.listConfiscationOrders(page),
    watchlist?.listEntries(page),
    disclosures?.listDisclosures(page),
  ]);
  return pages
    .map((listed) => `${listed?.totalCount ?? '-'}:${listed?.records[0]?.id ?? ''}`)
    .join('|');
}

/**
 * A member's party index, built from its own storage at start and again whenever its data
 * version changes (read at most every `pollMs`). A build reads every registry page by page;
 * requests during a rebuild wait for it, and a failed build is retried on the next request.
 */
export function openPartyIndex(
  registries: JurisdictionRegistries,
  options: PartyIndexOptions = {},
): PartyIndexHandle {
  const pollMs = options.pollMs ?? DEFAULT_PARTY_INDEX_POLL_MS;
  const now = options.now ?? Date.now;
  const version = options.dataVersion ?? (() => listSignature(registries));
  let loaded: { version: string; index: PartyIndex } | null = null;
  let checkedAt = 0;
  let checking: Promise<PartyIndex> | null = null;

  const build = async (): Promise<PartyIndex> => {
    const startedAt = now();
    const current = await version();
    if (loaded === null || loaded.version !== current) {
      const index = new PartyIndex();
      for await (const named of everyParty(registries)) index.add(named);
      loaded = { version: current, index };
      options.onBuilt?.({ parties: index.size, ms: now() - startedAt });
    }
    checkedAt = startedAt;
    return loaded.index;
  };
  const run = () => {
    const running = build().finally(() => {
      if (checking === running) checking = null;
    });
    checking = running;
    return running;
  };
  // Built at start, in the background: the member serves its other fields meanwhile.
  run().catch(() => undefined);
  return {
    current: async () =>
      loaded !== null && now() - checkedAt < pollMs ? loaded.index : (checking ?? run()),
  };
}
