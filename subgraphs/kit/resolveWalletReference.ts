import { normalizeWalletId } from '../../core/identifiers/index.js';
import { walletIdInputError } from './normalizeWalletIdArguments.js';

/**
 * `Wallet.__resolveReference` for every subgraph. Representations arrive as `_Any`, past the
 * argument layer, so a wallet id is normalised here too before any lookup.
 */
export function resolveWalletReference(reference: { id: unknown }): { id: string } {
  try {
    return { id: normalizeWalletId(reference.id) };
  } catch (error) {
    throw walletIdInputError('representation id', error);
  }
}
