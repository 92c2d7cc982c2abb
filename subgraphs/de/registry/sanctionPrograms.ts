/** Vermögensarrest, §§ 111b ff. StPO: the judicial freezing of assets. */
export const PROGRAM_VERMOEGENSARREST = 'DE-STPO-111E';
/** Einziehung, §§ 73 ff. StGB: the judicial confiscation of proceeds and instruments. */
export const PROGRAM_EINZIEHUNG = 'DE-STGB-73';

/** The record a Sanction becomes. */
export type SanctionKind = 'WatchlistEntry' | 'FreezingOrder' | 'ConfiscationOrder';

const STATUTE: Readonly<Record<string, string>> = {
  [PROGRAM_VERMOEGENSARREST]: '§§ 111b ff. StPO (Vermögensarrest)',
  [PROGRAM_EINZIEHUNG]: '§§ 73 ff. StGB (Einziehung)',
};

/**
 * FtM has no property saying which registry a Sanction belongs to, so its `program` decides:
 * the two judicial programmes are orders, any other (EU 2014/269, EU 2016/1686, national
 * lists …) is a watchlist entry.
 */
export function sanctionKindOf(program: string): SanctionKind {
  if (program === PROGRAM_VERMOEGENSARREST) return 'FreezingOrder';
  if (program === PROGRAM_EINZIEHUNG) return 'ConfiscationOrder';
  return 'WatchlistEntry';
}

/** The programme's statute, then the provisions: "§§ 111b ff. StPO: § 111e Abs. 1 StPO". */
export function legalBasisOf(program: string, provisions: readonly string[]): string {
  const statute = STATUTE[program] ?? program;
  return provisions.length > 0 ? `${statute}: ${provisions.join('; ')}` : statute;
}
