import { WalletIdError, WalletIdReason } from './WalletIdError.js';

/**
 * CAIP-10 account id (https://github.com/ChainAgnostic/CAIPs/blob/main/CAIPs/caip-10.md):
 *   account_id:      chain_id + ":" + account_address
 *   chain_id:        [-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}   (CAIP-2)
 *   account_address: [-.%a-zA-Z0-9]{1,128}
 */
export const CAIP2_NAMESPACE_PATTERN = /^[-a-z0-9]{3,8}$/;
export const CAIP2_REFERENCE_PATTERN = /^[-_a-zA-Z0-9]{1,32}$/;
export const CAIP10_ADDRESS_PATTERN = /^[-.%a-zA-Z0-9]{1,128}$/;
const CAIP10_PATTERN = /^([-a-z0-9]{3,8}):([-_a-zA-Z0-9]{1,32}):([-.%a-zA-Z0-9]{1,128})$/;

export interface Caip10AccountId {
  namespace: string;
  reference: string;
  address: string;
}

/** Splits a CAIP-10 id into its parts; syntax only, the chain is not looked up. */
export function parseCaip10(id: string): Caip10AccountId {
  const match = CAIP10_PATTERN.exec(id);
  if (!match) throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  const [, namespace, reference, address] = match as unknown as [string, string, string, string];
  return { namespace, reference, address };
}

/** Joins parts into a CAIP-10 id, refusing parts the syntax does not allow. */
export function formatCaip10({ namespace, reference, address }: Caip10AccountId): string {
  if (
    !CAIP2_NAMESPACE_PATTERN.test(namespace) ||
    !CAIP2_REFERENCE_PATTERN.test(reference) ||
    !CAIP10_ADDRESS_PATTERN.test(address)
  ) {
    throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  }
  return `${namespace}:${reference}:${address}`;
}
