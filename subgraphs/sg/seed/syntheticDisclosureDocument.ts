import type { Rng } from '../../kit/seed/createRng.js';
import {
  CROSS_BORDER_WALLET_COUNT,
  crossBorderWallets,
  reusesPoolWallet,
} from '../../kit/seed/crossBorderWallets.js';
import { syntheticAmount } from '../../kit/seed/syntheticAmount.js';
import { syntheticDate } from '../../kit/seed/syntheticDate.js';
import { syntheticOrganization } from '../../kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../kit/seed/syntheticPerson.js';
import { syntheticWallet } from '../../kit/seed/syntheticWallet.js';
import { toAccountNumber, syntheticTransfer } from './syntheticTransfer.js';
import { toIvms101LegalPerson, toIvms101NaturalPerson } from './toIvms101Person.js';
import { vaspDirectory } from './vaspDirectory.js';

/** Where the customers of the exchanges in these transfers come from. */
const CUSTOMER_COUNTRIES = ['SG', 'SG', 'SG', 'SG', 'CN', 'GB', 'US', 'FR', 'DE', 'MY', 'IN', 'ID'];
const FROM = '2020-01-01T00:00:00Z';
const TO = '2026-06-30T23:59:59Z';

export const disclosureId = (index: number): string => `SG-TR-${String(index).padStart(7, '0')}`;

function customer(rng: Rng): Record<string, unknown> {
  const country = rng.pick(CUSTOMER_COUNTRIES);
  return rng.chance(0.85)
    ? toIvms101NaturalPerson(rng, syntheticPerson(rng, country))
    : toIvms101LegalPerson(rng, syntheticOrganization(rng, country));
}

/**
 * Travel-rule disclosure number `index` (1-based), drawn from its own fork of `rng` so
 * every document is the same whatever else is generated. Records 1..CROSS_BORDER_WALLET_COUNT
 * carry the shared cross-border wallet of the same rank (beneficiary side when odd,
 * originator side when even); after that about 5% reuse a random cross-border wallet.
 */
export function syntheticDisclosureDocument(rng: Rng, index: number): Record<string, unknown> {
  const pool = crossBorderWallets();
  let anchor: string;
  let anchorIsBeneficiary: boolean;
  if (index <= CROSS_BORDER_WALLET_COUNT) {
    anchor = pool[index - 1]!;
    anchorIsBeneficiary = index % 2 === 1;
  } else {
    anchor = reusesPoolWallet(rng, index, 0.05) ? rng.pick(pool) : syntheticWallet(rng);
    anchorIsBeneficiary = rng.chance(0.5);
  }
  const transfer = syntheticTransfer(rng, anchor);
  const [originatorWallet, beneficiaryWallet] = anchorIsBeneficiary
    ? [transfer.counterpartWalletId, anchor]
    : [anchor, transfer.counterpartWalletId];

  // Singapore receives disclosures where one side is an exchange it licenses.
  const { singapore, foreign } = vaspDirectory();
  const singaporeVasp = rng.pick(singapore);
  const otherVasp = rng.chance(0.3) ? rng.pick(singapore) : rng.pick(foreign);
  const [originatingVasp, beneficiaryVasp] = rng.chance(0.5)
    ? [singaporeVasp, otherVasp]
    : [otherVasp, singaporeVasp];

  const occurredAt = syntheticDate(rng, FROM, TO);
  // FATF Recommendation 16: the originator's VASP sends the data before or with the transfer.
  const disclosedAt = new Date(Date.parse(occurredAt) - rng.int(0, 900) * 1000).toISOString();
  const lastUpdated = rng.chance(0.1)
    ? new Date(Date.parse(disclosedAt) + rng.int(1, 30) * 86_400_000).toISOString()
    : disclosedAt;

  return {
    id: disclosureId(index),
    disclosedAt,
    transaction: {
      txHash: transfer.txHash,
      asset: transfer.asset,
      amount: syntheticAmount(rng, transfer.asset),
      occurredAt,
    },
    provenance: {
      handlingCode: rng.pick(['H2', 'H2', 'H2', 'H1', 'H0', 'H3']),
      sourceReliability: rng.pick(['A', 'B', 'B', 'B', 'C']),
      informationAccuracy: rng.pick([1, 2, 2, 2, 3]),
      lastUpdated,
    },
    ivms101: {
      originator: {
        originatorPersons: [customer(rng)],
        accountNumber: [toAccountNumber(rng, originatorWallet)],
      },
      beneficiary: {
        beneficiaryPersons: [customer(rng)],
        accountNumber: [toAccountNumber(rng, beneficiaryWallet)],
      },
      originatingVASP: { originatingVASP: originatingVasp.person },
      beneficiaryVASP: { beneficiaryVASP: beneficiaryVasp.person },
    },
  };
}
