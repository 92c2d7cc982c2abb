import type {
  ExchangeDisclosureRecord,
  HoldingRecord,
  PartyRecord,
  TransactionRecord,
  WalletId,
} from '../../core/records.js';
import { commonScalars } from '../../core/commonScalars.js';

/** A Wallet entity reference: the gateway resolves its per-country fields elsewhere. */
export interface WalletReference {
  id: WalletId;
}

const walletRef = (id: WalletId): WalletReference => ({ id });
const walletRefs = (record: { walletIds: WalletId[] }): WalletReference[] =>
  record.walletIds.map(walletRef);

/**
 * Resolvers for the shared types of schema/common/. Records are served as the
 * adapters return them (core/records.ts); only references and renamed fields need code.
 */
export const commonResolvers = {
  ...commonScalars,
  Party: {
    __resolveType: (party: PartyRecord) => party.kind,
  },
  FreezingOrder: { wallets: walletRefs },
  ConfiscationOrder: { wallets: walletRefs },
  WatchlistEntry: { wallets: walletRefs },
  Holding: {
    wallet: (holding: HoldingRecord) => walletRef(holding.walletId),
  },
  Ivms101Originator: {
    originatorPersons: (side: ExchangeDisclosureRecord['originator']) => side.persons,
    accountNumbers: (side: ExchangeDisclosureRecord['originator']) =>
      side.accountNumbers.map(walletRef),
  },
  Ivms101Beneficiary: {
    beneficiaryPersons: (side: ExchangeDisclosureRecord['beneficiary']) => side.persons,
    accountNumbers: (side: ExchangeDisclosureRecord['beneficiary']) =>
      side.accountNumbers.map(walletRef),
  },
  Transaction: {
    originatorWallet: (tx: TransactionRecord) => walletRef(tx.originatorWalletId),
    beneficiaryWallet: (tx: TransactionRecord) => walletRef(tx.beneficiaryWalletId),
  },
};
