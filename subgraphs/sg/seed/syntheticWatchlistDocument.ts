import type { Rng } from '../../kit/seed/createRng.js';
import {
  CROSS_BORDER_WALLET_COUNT,
  crossBorderWallets,
  reusesPoolWallet,
} from '../../kit/seed/crossBorderWallets.js';
import { syntheticDate } from '../../kit/seed/syntheticDate.js';
import { syntheticOrganization } from '../../kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../kit/seed/syntheticPerson.js';
import { syntheticWallet } from '../../kit/seed/syntheticWallet.js';
import { toAccountNumber } from './syntheticTransfer.js';
import { toIvms101LegalPerson, toIvms101NaturalPerson } from './toIvms101Person.js';

const SUBJECT_COUNTRIES = ['SG', 'SG', 'CN', 'MY', 'GB', 'US', 'RU', 'FR', 'DE', 'ID'];
const PROGRAMS: readonly { program: string; provisions: readonly string[] }[] = [
  {
    program: 'MAS Notice PSN02 suspicious wallet list',
    provisions: [
      'MAS Notice PSN02 para 13 (ongoing monitoring)',
      'MAS Notice PSN02 para 14 (suspicious transactions reporting)',
    ],
  },
  {
    program: 'MAS Notice PSN02 suspicious wallet list',
    provisions: ['MAS Notice PSN02 para 7 (customer due diligence)'],
  },
  {
    program: 'CDSA suspicious transaction reports, wallets of interest',
    provisions: [
      'Corruption, Drug Trafficking and Other Serious Crimes (Confiscation of Benefits) Act 1992, s. 45',
    ],
  },
  {
    program: 'Terrorism (Suppression of Financing) Act wallets of interest',
    provisions: ['Terrorism (Suppression of Financing) Act 2002, s. 8'],
  },
];
const REASONS = [
  'Collection wallet of an investment (pig-butchering) scam reported by several exchanges',
  'Received proceeds of phishing attacks on exchange customers',
  'Ransomware payment address named in a partner FIU alert',
  'Funds routed through a mixing service shortly after deposit',
  'Unlicensed payment service moving customer funds through personal wallets',
  'Rapid pass-through of funds structured below reporting thresholds',
];

export const watchlistEntryId = (index: number): string =>
  `SG-WL-${String(index).padStart(7, '0')}`;

/**
 * Wallet-of-interest report number `index` (1-based), from its own fork of `rng`. Entries
 * 1..CROSS_BORDER_WALLET_COUNT list the shared cross-border wallet of the same rank first;
 * after that about 5% list a random cross-border wallet.
 */
export function syntheticWatchlistDocument(rng: Rng, index: number): Record<string, unknown> {
  const pool = crossBorderWallets();
  const first =
    index <= CROSS_BORDER_WALLET_COUNT
      ? pool[index - 1]!
      : reusesPoolWallet(rng, index, 0.05)
        ? rng.pick(pool)
        : syntheticWallet(rng);
  const wallets = new Set([first]);
  for (let extra = rng.int(0, 2); extra > 0; extra--) wallets.add(syntheticWallet(rng));

  const country = rng.pick(SUBJECT_COUNTRIES);
  const subject = rng.chance(0.75)
    ? toIvms101NaturalPerson(rng, syntheticPerson(rng, country))
    : toIvms101LegalPerson(rng, syntheticOrganization(rng, country));
  const listingDate = syntheticDate(rng, '2020-01-01T00:00:00Z', '2026-06-30T23:59:59Z').slice(
    0,
    10,
  );
  const { program, provisions } = rng.pick(PROGRAMS);
  const endDate = rng.chance(0.1)
    ? syntheticDate(rng, `${listingDate}T00:00:00Z`, '2026-12-31T23:59:59Z').slice(0, 10)
    : null;

  return {
    id: watchlistEntryId(index),
    listing: {
      authority: 'Monetary Authority of Singapore',
      program,
      provisions,
      reason: rng.pick(REASONS),
      listingDate,
      startDate: listingDate,
      endDate,
      sourceUrl: null,
    },
    provenance: {
      handlingCode: rng.pick(['H1', 'H1', 'H2', 'H0']),
      sourceReliability: rng.pick(['A', 'B', 'B', 'C']),
      informationAccuracy: rng.pick([1, 2, 2, 3]),
      lastUpdated: endDate === null ? `${listingDate}T00:00:00.000Z` : `${endDate}T00:00:00.000Z`,
    },
    ivms101: {
      subject,
      accountNumber: [...wallets].map((wallet) => toAccountNumber(rng, wallet)),
    },
  };
}
