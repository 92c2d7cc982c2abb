import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { createRng, type Rng } from '../../kit/seed/createRng.js';
import type { ExportFileName } from '../registry/importRegistryExport.js';
import {
  syntheticConfiscationOrder,
  syntheticDisclosure,
  syntheticFreezingOrder,
  syntheticWatchlistEntry,
} from './syntheticFrenchRecords.js';
import { matchingPartiesOf } from '../../kit/seed/matchingParties.js';

/** Seed of the French data set: the same files, byte for byte, on every machine. */
export const FR_SEED = 'fr';

export const GENERATORS: Record<ExportFileName, (rng: Rng, index: number) => object> = {
  'freezing-orders.jsonl': syntheticFreezingOrder,
  'confiscation-orders.jsonl': syntheticConfiscationOrder,
  'watchlist.jsonl': syntheticWatchlistEntry,
  'disclosures.jsonl': syntheticDisclosure,
};

/** Lines buffered before a write: few syscalls, flat memory. */
export const LINES_PER_WRITE = 1_000;

/**
 * Writes one French export file of `scale` records into `exportDir` and returns its path
 * (the watchlist then lists France's matching parties, `FR-WL-M000001` …, whatever the scale).
 * Record i is drawn from its own fork of the registry's stream, so record 1 is the same
 * whatever the scale, and a file is the same whichever thread writes it.
 * `onProgress(n)` is called with the number of records written since the last call.
 */
export async function writeExportFile(
  exportDir: string,
  fileName: ExportFileName,
  scale: number,
  onProgress?: (written: number) => void,
): Promise<string> {
  const generate = GENERATORS[fileName];
  const file = path.join(exportDir, fileName);
  const registryRng = createRng(FR_SEED).fork(fileName);
  const out = createWriteStream(file, { encoding: 'utf8' });
  try {
    let buffer = '';
    for (let index = 1; index <= scale; index++) {
      buffer += `${JSON.stringify(generate(registryRng.fork(String(index)), index))}\n`;
      if (index % LINES_PER_WRITE === 0 || index === scale) {
        // Respect backpressure so a million-line file never sits in memory.
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
        onProgress?.(index % LINES_PER_WRITE || LINES_PER_WRITE);
      }
    }
    if (fileName === 'watchlist.jsonl') {
      out.write(matchingWatchlistLines(registryRng.fork('matching')));
    }
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
  return file;
}

/**
 * France's share of the parties other members hold too (spelled its way), and of their
 * look-alikes, as listings after the seeded ones: listed in 2018, before every other
 * record, so that newest-first lists and the records before them read as without them.
 */
function matchingWatchlistLines(rng: Rng): string {
  return matchingPartiesOf('FR')
    .map((seeded, i) => {
      const number = String(i + 1).padStart(6, '0');
      const listingDate = `2018-${String((i % 12) + 1).padStart(2, '0')}-15T00:00:00.000Z`;
      const entry = syntheticWatchlistEntry(rng.fork(number), POOL_FREE_INDEX);
      return `${JSON.stringify({
        ...entry,
        id: `FR-WL-M${number}`,
        provenance: {
          ...entry.provenance,
          sourceRecordId: `GELS-M${number}`,
          lastUpdated: listingDate,
        },
        listingDate,
        startDate: listingDate,
        endDate: null,
        subject: seeded.party,
        walletIds: [seeded.walletId],
      })}\n`;
    })
    .join('');
}

/** A record number past every pool wallet, so a matching listing reuses none. */
const POOL_FREE_INDEX = 1_000_000_000;
