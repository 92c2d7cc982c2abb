/** Score at or above which a candidate is a hit, unless the query sets its own threshold. */
export const DEFAULT_MATCH_THRESHOLD = 0.8;
/** Candidates per member and query, unless the query asks for fewer (at most MAX_MATCH_LIMIT). */
export const DEFAULT_MATCH_LIMIT = 10;
export const MAX_MATCH_LIMIT = 50;
/** Wallet ids one `screenWallets` call takes, unless a member's policy sets its own. */
export const DEFAULT_MAX_SCREENED_WALLETS = 10_000;
/** Party queries one `screenParties` call takes, unless a member's policy sets its own. */
export const DEFAULT_MAX_SCREENED_PARTIES = 500;

export type ScoreBand = 'HIGH' | 'MEDIUM' | 'LOW';

/** HIGH from 0.9 (identifier or name with birth date), MEDIUM from 0.8, LOW below. */
export function scoreBand(score: number): ScoreBand {
  return score >= 0.9 ? 'HIGH' : score >= 0.8 ? 'MEDIUM' : 'LOW';
}
