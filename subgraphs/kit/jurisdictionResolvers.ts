import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import type { WalletReference } from './commonResolvers.js';
import { resolveWalletReference } from './resolveWalletReference.js';
import { CASE_PSEUDONYM, recordsOfPseudonym } from './registry/recordsOfPseudonym.js';
import type { PseudonymRecordsFound } from './registry/recordsOfPseudonym.js';
import type { JurisdictionRegistries, Page, PageRequest } from './registry/types.js';
import type { SubgraphContext } from './SubgraphContext.js';

/** Largest page a list field serves. */
export const MAX_PAGE_SIZE = 500;

interface PageArgs {
  first: number;
  after?: string | null;
}

/** What `Wallet.<cc>` resolves to: the wallet, seen from one jurisdiction. */
interface WalletRecordsSource {
  walletId: string;
}

/** What `Jurisdiction.pseudonymRecords` resolves to; the scan runs once, for the first field asked. */
interface PseudonymRecordsSource {
  pseudonym: string;
  caseKey: Uint8Array;
  found: Promise<PseudonymRecordsFound> | null;
}

function foundFor(
  source: PseudonymRecordsSource,
  registries: JurisdictionRegistries,
): Promise<PseudonymRecordsFound> {
  source.found ??= recordsOfPseudonym(registries, source.pseudonym, source.caseKey);
  return source.found;
}

function pageRequest(args: PageArgs): PageRequest {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'OUT_OF_RANGE' },
    });
  }
  return { first: args.first, after: args.after ?? null };
}

const EMPTY_PAGE: Page<never> = { records: [], nextCursor: null, totalCount: 0 };

function connection<T extends { id: string }>(page: Page<T>, context: SubgraphContext) {
  context.releases.touch(page.records.map((record) => record.id));
  return { nodes: page.records, totalCount: page.totalCount, nextCursor: page.nextCursor };
}

/** Records what a lookup touched, for the audit log, and passes the result on. */
/** A list of what the member holds under the pseudonym, its records marked as touched. */
function pseudonymRecords(kind: keyof PseudonymRecordsFound, registries: JurisdictionRegistries) {
  return (source: PseudonymRecordsSource, _: unknown, context: SubgraphContext) =>
    touched(
      context,
      foundFor(source, registries).then((found) => found[kind]),
    );
}

async function touched<T extends { id: string } | null | { id: string }[]>(
  context: SubgraphContext,
  pending: Promise<T>,
): Promise<T> {
  const result = await pending;
  const records: ({ id: string } | null)[] = Array.isArray(result) ? result : [result];
  context.releases.touch(records.flatMap((record) => (record ? [record.id] : [])));
  return result;
}

/**
 * The resolvers of one jurisdiction's namespace (`Query.<cc>`), of its view of a wallet
 * (`Wallet.<cc>`) and of a case pseudonym (`pseudonymRecords`). Every jurisdiction uses these unchanged; what differs is its registries.
 */
export function jurisdictionResolvers(code: string, registries: JurisdictionRegistries) {
  const field = code.toLowerCase();
  const { assets, watchlist, disclosures } = registries;
  const held = [assets, watchlist, disclosures].flatMap((registry) =>
    registry ? [{ kind: registry.kind, name: registry.name, backend: registry.backend }] : [],
  );
  return {
    Query: {
      [field]: () => ({ code }),
    },
    Wallet: {
      __resolveReference: resolveWalletReference,
      [field]: (
        wallet: WalletReference,
        _: unknown,
        context: SubgraphContext,
      ): WalletRecordsSource => {
        context.releases.touch([wallet.id]);
        return { walletId: wallet.id };
      },
    },
    Jurisdiction: {
      registries: () => held,
      freezingOrder: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        touched(context, context.loaders.freezingOrderById.load(args.id)),
      freezingOrders: async (_: unknown, args: PageArgs, context: SubgraphContext) =>
        connection(
          assets ? await assets.listFreezingOrders(pageRequest(args)) : EMPTY_PAGE,
          context,
        ),
      confiscationOrder: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        touched(context, context.loaders.confiscationOrderById.load(args.id)),
      confiscationOrders: async (_: unknown, args: PageArgs, context: SubgraphContext) =>
        connection(
          assets ? await assets.listConfiscationOrders(pageRequest(args)) : EMPTY_PAGE,
          context,
        ),
      watchlistEntry: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        touched(context, context.loaders.watchlistEntryById.load(args.id)),
      watchlistEntries: async (_: unknown, args: PageArgs, context: SubgraphContext) =>
        connection(
          watchlist ? await watchlist.listEntries(pageRequest(args)) : EMPTY_PAGE,
          context,
        ),
      pseudonymRecords: (
        _: unknown,
        args: { pseudonym: string },
        context: SubgraphContext,
      ): PseudonymRecordsSource => {
        if (!CASE_PSEUDONYM.test(args.pseudonym)) {
          throw new GraphQLError('Argument "pseudonym" must be a case pseudonym (psn_…)', {
            extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'BAD_FORMAT' },
          });
        }
        // A pseudonym means something only within the case it was given in.
        if (context.pseudonymKey === null) {
          throw new GraphQLError('A pseudonym lookup needs the case it was given in', {
            extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'CASE_REF_REQUIRED' },
          });
        }
        context.releases.touch([args.pseudonym]);
        return { pseudonym: args.pseudonym, caseKey: context.pseudonymKey, found: null };
      },
      exchangeDisclosure: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        touched(context, context.loaders.disclosureById.load(args.id)),
      exchangeDisclosures: async (_: unknown, args: PageArgs, context: SubgraphContext) =>
        connection(
          disclosures ? await disclosures.listDisclosures(pageRequest(args)) : EMPTY_PAGE,
          context,
        ),
    },
    PseudonymRecords: {
      jurisdiction: () => code,
      hit: async (source: PseudonymRecordsSource) => {
        const found = await foundFor(source, registries);
        return Object.values(found).some((records) => records.length > 0);
      },
      freezingOrders: pseudonymRecords('freezingOrders', registries),
      confiscationOrders: pseudonymRecords('confiscationOrders', registries),
      watchlistEntries: pseudonymRecords('watchlistEntries', registries),
      exchangeDisclosures: pseudonymRecords('exchangeDisclosures', registries),
    },
    WalletRecords: {
      jurisdiction: () => code,
      // Hit / no-hit reads the same loaders as the lists, so asking both costs no extra query.
      hit: async (source: WalletRecordsSource, _: unknown, context: SubgraphContext) => {
        const { loaders } = context;
        const found = await Promise.all([
          loaders.freezingOrdersByWallet.load(source.walletId),
          loaders.confiscationOrdersByWallet.load(source.walletId),
          loaders.watchlistEntriesByWallet.load(source.walletId),
          loaders.disclosuresByWallet.load(source.walletId),
        ]);
        return found.some((records) => records.length > 0);
      },
      freezingOrders: (source: WalletRecordsSource, _: unknown, context: SubgraphContext) =>
        touched(context, context.loaders.freezingOrdersByWallet.load(source.walletId)),
      confiscationOrders: (source: WalletRecordsSource, _: unknown, context: SubgraphContext) =>
        touched(context, context.loaders.confiscationOrdersByWallet.load(source.walletId)),
      watchlistEntries: (source: WalletRecordsSource, _: unknown, context: SubgraphContext) =>
        touched(context, context.loaders.watchlistEntriesByWallet.load(source.walletId)),
      exchangeDisclosures: (source: WalletRecordsSource, _: unknown, context: SubgraphContext) =>
        touched(context, context.loaders.disclosuresByWallet.load(source.walletId)),
    },
  };
}
