import type { WatchlistEntryRecord } from '../../../core/records.js';
import {
  FieldError,
  optionalDate,
  requireDate,
  requireString,
  requireWalletId,
} from '../../kit/registry/checkField.js';
import { ImportRejectedError } from '../../kit/registry/ImportRejectedError.js';
import type { ImportProblem } from '../../kit/registry/ImportRejectedError.js';

/**
 * Every entry checked before a batch is written or served: ids unique, dates ISO 8601,
 * wallet ids in their canonical CAIP-10 form (core/identifiers), so lookups by any spelling
 * of a wallet meet. All or nothing: one bad entry rejects the batch with every problem.
 */
export function checkEntries(
  entries: readonly WatchlistEntryRecord[],
  source: string,
): WatchlistEntryRecord[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const checked: WatchlistEntryRecord[] = [];
  for (const entry of entries) {
    try {
      const id = requireString(entry.id, 'id');
      if (seen.has(id)) throw new FieldError(`duplicate id "${id}"`);
      seen.add(id);
      requireString(entry.subject?.name, 'subject.name');
      checked.push({
        ...entry,
        listingDate: requireDate(entry.listingDate, 'listingDate'),
        startDate: optionalDate(entry.startDate, 'startDate'),
        endDate: optionalDate(entry.endDate, 'endDate'),
        walletIds: [
          ...new Set(
            entry.walletIds.map((wallet, i) => requireWalletId(wallet, `walletIds[${i}]`)),
          ),
        ],
      });
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({
        file: source,
        line: null,
        recordId: entry.id ?? null,
        reason: error.message,
      });
    }
  }
  if (problems.length > 0) throw new ImportRejectedError(problems);
  return checked;
}
