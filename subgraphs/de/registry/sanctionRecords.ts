import type {
  ConfiscationOrderRecord,
  FreezingOrderRecord,
  PartyRecord,
  Provenance,
  WatchlistEntryRecord,
} from '../../../core/records.js';
import { provenanceMarkingOf } from './provenanceMarking.js';
import { DE_ASSET_REGISTRY, DE_WATCHLIST_REGISTRY } from './registryNames.js';
import type { SanctionEntry } from './SanctionEntry.js';
import { legalBasisOf } from './sanctionPrograms.js';

/*
 * How an FtM Sanction maps onto the common records (core/records.ts). No property outside
 * the FtM schemata is used.
 *
 * Sanction → WatchlistEntryRecord (registry `de-bundesbank-sanctions`)
 *   id ← id; authority ← authority; program ← program; provisions ← provisions (all);
 *   reason ← reason; listingDate ← listingDate (required); startDate, endDate, sourceUrl;
 *   subject ← the one Person/Company/Organization among `entity`;
 *   walletIds ← CryptoWallets named in `entity`, else every CryptoWallet whose `holder` is
 *   the subject.
 *
 * Sanction → FreezingOrderRecord / ConfiscationOrderRecord (registry
 * `de-justiz-vermoegensarrest`), EU 2018/1805 certificate fields:
 *   caseRef ← authorityId (the Aktenzeichen, "authority-issued identifier", required);
 *   issuingAuthority ← authority; issuingState ← country[0] (default DE);
 *   executingState ← country[1] (default: the issuing state) — FtM `country` lists the
 *     states concerned, issuing state first;
 *   issuedAt / decidedAt ← startDate (required);
 *   validUntil (freezing) ← endDate; finalAt (confiscation, Rechtskraft) ← date;
 *   legalBasis ← the programme's statute, then provisions (legalBasisOf);
 *   offence ← reason; status ← status (ACTIVE | EXECUTED | LIFTED | EXPIRED, required);
 *   affectedParty ← the one Person/Company/Organization among `entity`;
 *   walletIds ← the CryptoWallets named in `entity` (else the party's held wallets);
 *   holdings, asset, amount, restitutedAmount ← the wallets (resolveSanctions);
 *   freezingOrderId ← null: FtM has no property linking one Sanction to another.
 *
 * Provenance: jurisdiction DE; registry as above; sourceRecordId ← recordId (else id);
 *   lastUpdated ← modifiedAt (else listingDate/startDate); handling code, source
 *   reliability and information accuracy ← the `summary` marking (provenanceMarkingOf).
 */

export function toWatchlistEntry(entry: SanctionEntry, subject: PartyRecord): WatchlistEntryRecord {
  return {
    id: entry.id,
    provenance: provenanceOf(entry, DE_WATCHLIST_REGISTRY),
    authority: entry.authority,
    program: entry.program,
    provisions: entry.provisions,
    reason: entry.reason,
    listingDate: entry.sortDate,
    startDate: entry.startDate,
    endDate: entry.endDate,
    sourceUrl: entry.sourceUrl,
    subject,
    walletIds: entry.walletIds,
  };
}

export function toFreezingOrder(entry: SanctionEntry, party: PartyRecord): FreezingOrderRecord {
  return {
    ...orderFields(entry, party),
    issuedAt: entry.sortDate,
    validUntil: entry.endDate,
    holdings: entry.holdings,
  };
}

export function toConfiscationOrder(
  entry: SanctionEntry,
  party: PartyRecord,
): ConfiscationOrderRecord {
  return {
    ...orderFields(entry, party),
    decidedAt: entry.sortDate,
    finalAt: entry.date,
    asset: entry.confiscation!.asset,
    amount: entry.confiscation!.amount,
    restitutedAmount: entry.confiscation!.restitutedAmount,
    freezingOrderId: null,
  };
}

function orderFields(entry: SanctionEntry, affectedParty: PartyRecord) {
  const issuingState = entry.countries[0] ?? 'DE';
  return {
    id: entry.id,
    provenance: provenanceOf(entry, DE_ASSET_REGISTRY),
    caseRef: entry.authorityId!,
    issuingAuthority: entry.authority,
    issuingState,
    executingState: entry.countries[1] ?? issuingState,
    legalBasis: legalBasisOf(entry.program, entry.provisions),
    offence: entry.reason,
    status: entry.status!,
    affectedParty,
    walletIds: entry.walletIds,
  };
}

function provenanceOf(entry: SanctionEntry, registry: string): Provenance {
  return {
    jurisdiction: 'DE',
    registry,
    sourceRecordId: entry.recordId ?? entry.id,
    lastUpdated: entry.modifiedAt ?? entry.listingDate ?? entry.sortDate,
    ...provenanceMarkingOf(entry.summary, entry.kind),
  };
}
