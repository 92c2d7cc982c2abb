import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Rng } from '../../kit/seed/createRng.js';
import { matchingPartiesOf } from '../../kit/seed/matchingParties.js';
import { toAccountNumber } from './syntheticTransfer.js';
import { syntheticWatchlistDocument } from './syntheticWatchlistDocument.js';
import { toIvms101LegalPerson, toIvms101NaturalPerson } from './toIvms101Person.js';

/** A report number past every pool wallet, so a matching document reuses none. */
const POOL_FREE_INDEX = 1_000_000_000;

/**
 * Writes Singapore's share of the parties other members hold too, and of their look-alikes,
 * as wallet-of-interest documents in `<watchlist>/matching/`, listed in 2019 (before every
 * seeded report), so the seeded documents and their order stay as they were.
 */
export async function writeMatchingWatchlistDocuments(directory: string, rng: Rng): Promise<void> {
  const folder = path.join(directory, 'matching');
  await mkdir(folder, { recursive: true });
  matchingPartiesOf('SG').forEach((seeded, i) => {
    const number = String(i + 1).padStart(6, '0');
    const documentRng = rng.fork(number);
    const document = syntheticWatchlistDocument(documentRng, POOL_FREE_INDEX) as {
      listing: Record<string, unknown>;
      provenance: Record<string, unknown>;
    };
    const listingDate = `2019-${String((i % 12) + 1).padStart(2, '0')}-15`;
    const id = `SG-WL-M${number}`;
    writeFileSync(
      path.join(folder, `${id}.json`),
      JSON.stringify({
        ...document,
        id,
        listing: { ...document.listing, listingDate, startDate: listingDate, endDate: null },
        provenance: { ...document.provenance, lastUpdated: `${listingDate}T00:00:00.000Z` },
        ivms101: {
          subject:
            seeded.party.kind === 'Person'
              ? toIvms101NaturalPerson(documentRng, seeded.party)
              : toIvms101LegalPerson(documentRng, seeded.party),
          accountNumber: [toAccountNumber(documentRng, seeded.walletId)],
        },
      }),
    );
  });
}
