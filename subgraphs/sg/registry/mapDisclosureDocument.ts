import type {
  ExchangeDisclosureRecord,
  Ivms101PartyRecord,
  Ivms101VaspRecord,
} from '../../../core/records.js';
import {
  FieldError,
  requireDate,
  requireDecimal,
  requireString,
  requireWalletId,
} from '../../kit/registry/checkField.js';
import { readIvms101Person } from './readIvms101Person.js';
import { readProvenance } from './readProvenance.js';
import { DISCLOSURE_REGISTRY_NAME } from './registryNames.js';
import { requireNonEmptyArray, requireObject } from './requireObject.js';

/**
 * One travel-rule disclosure as an exchange delivers it: one JSON document per transfer.
 * IVMS101 describes the parties only, so a small envelope around the payload carries the
 * rest:
 *
 * ```json
 * {
 *   "id": "SG-TR-0000001",                       // the registry's record id
 *   "disclosedAt": "2024-05-02T08:15:00Z",       // when the VASP filed it (ISO 8601)
 *   "transaction": {                             // the on-chain transfer disclosed
 *     "txHash": "0x…", "asset": "ETH", "amount": "1.25", "occurredAt": "2024-05-01T22:03:11Z"
 *   },
 *   "provenance": {                              // docs/architecture.md §3 handling and grading
 *     "handlingCode": "H2", "sourceReliability": "B", "informationAccuracy": 2,
 *     "lastUpdated": "2024-05-02T08:15:00Z"
 *   },
 *   "ivms101": {                                 // the IVMS101 payload, verbatim
 *     "originator": { "originatorPersons": [Person…], "accountNumber": ["…"] },
 *     "beneficiary": { "beneficiaryPersons": [Person…], "accountNumber": ["…"] },
 *     "originatingVASP": { "originatingVASP": { "legalPerson": {…} } },
 *     "beneficiaryVASP": { "beneficiaryVASP": { "legalPerson": {…} } }
 *   }
 * }
 * ```
 *
 * Account numbers are wallet addresses that name their chain themselves — CAIP-10
 * (`eip155:1:0x…`) or a chain alias (`eth:0x…`, `btc:bc1q…`) — normalised to CAIP-10. The
 * envelope does not state a chain: an address without one is rejected rather than guessed
 * from the asset (USDT alone lives on several chains). The transaction's originator and
 * beneficiary wallets are the first account number of each side: IVMS101 defines
 * `accountNumber` as the account used to process the transfer.
 */
export function mapDisclosureDocument(document: unknown): ExchangeDisclosureRecord {
  const root = requireObject(document, 'document');
  const id = requireString(root.id, 'id');
  const provenance = readProvenance(root.provenance, DISCLOSURE_REGISTRY_NAME, id);
  const disclosedAt = requireDate(root.disclosedAt, 'disclosedAt');
  const transaction = requireObject(root.transaction, 'transaction');
  const payload = requireObject(root.ivms101, 'ivms101');

  const originator = requireObject(payload.originator, 'ivms101.originator');
  const beneficiary = requireObject(payload.beneficiary, 'ivms101.beneficiary');
  const originatorPersons = persons(
    originator.originatorPersons,
    'ivms101.originator.originatorPersons',
  );
  const beneficiaryPersons = persons(
    beneficiary.beneficiaryPersons,
    'ivms101.beneficiary.beneficiaryPersons',
  );
  const originatorAccounts = accounts(originator.accountNumber, 'ivms101.originator.accountNumber');
  const beneficiaryAccounts = accounts(
    beneficiary.accountNumber,
    'ivms101.beneficiary.accountNumber',
  );

  return {
    id,
    provenance,
    disclosedAt,
    originator: { persons: originatorPersons, accountNumbers: originatorAccounts },
    beneficiary: { persons: beneficiaryPersons, accountNumbers: beneficiaryAccounts },
    originatingVasp: vasp(payload.originatingVASP, 'originatingVASP'),
    beneficiaryVasp: vasp(payload.beneficiaryVASP, 'beneficiaryVASP'),
    transaction: {
      txHash: requireString(transaction.txHash, 'transaction.txHash'),
      asset: requireString(transaction.asset, 'transaction.asset'),
      amount: requireDecimal(transaction.amount, 'transaction.amount'),
      occurredAt: requireDate(transaction.occurredAt, 'transaction.occurredAt'),
      originatorWalletId: originatorAccounts[0]!,
      beneficiaryWalletId: beneficiaryAccounts[0]!,
    },
  };
}

function persons(value: unknown, field: string): Ivms101PartyRecord[] {
  return requireNonEmptyArray(value, field).map(
    (person, index) => readIvms101Person(person, `${field}[${index}]`).party,
  );
}

function accounts(value: unknown, field: string): string[] {
  const walletIds = requireNonEmptyArray(value, field).map((account, index) =>
    requireWalletId(account, `${field}[${index}]`),
  );
  return [...new Set(walletIds)];
}

/** `originatingVASP: { originatingVASP: Person }`: a VASP is always a legal person. */
function vasp(value: unknown, entity: 'originatingVASP' | 'beneficiaryVASP'): Ivms101VaspRecord {
  const field = `ivms101.${entity}.${entity}`;
  const wrapper = requireObject(value, `ivms101.${entity}`);
  const person = requireObject(wrapper[entity], field);
  if (person.legalPerson === undefined) {
    throw new FieldError(`missing field "${field}.legalPerson" (a VASP is a legal person)`);
  }
  const { party, homeCountry } = readIvms101Person(person, field);
  return {
    name: party.primaryIdentifier,
    lei: party.nationalIdentifierType === 'LEIX' ? party.nationalIdentifier : null,
    country: homeCountry ?? party.country,
  };
}
