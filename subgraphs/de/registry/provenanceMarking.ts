import {
  HANDLING_CODES,
  type HandlingCode,
  type InformationAccuracy,
  type SourceReliability,
} from '../../../core/records.js';
import type { SanctionKind } from './sanctionPrograms.js';

/** How a record may be handled and how far it can be trusted. */
export interface ProvenanceMarking {
  handlingCode: HandlingCode;
  sourceReliability: SourceReliability;
  informationAccuracy: InformationAccuracy;
}

/** A handling code, then the admiralty code as police write it: "H2 B1". */
const MARKING = /^(H[0-3]) ([ABCX])([1-4])$/;

/** A published sanctions list is H3 A1; judicial orders are H2 A1. */
const DEFAULT_MARKING: Readonly<Record<SanctionKind, ProvenanceMarking>> = {
  WatchlistEntry: { handlingCode: 'H3', sourceReliability: 'A', informationAccuracy: 1 },
  FreezingOrder: { handlingCode: 'H2', sourceReliability: 'A', informationAccuracy: 1 },
  ConfiscationOrder: { handlingCode: 'H2', sourceReliability: 'A', informationAccuracy: 1 },
};

/** The marking a Sanction's `summary` carries, or null when the summary is not one. */
export function parseProvenanceMarking(summary: string): ProvenanceMarking | null {
  const match = MARKING.exec(summary);
  if (match === null || !HANDLING_CODES.includes(match[1] as HandlingCode)) return null;
  return {
    handlingCode: match[1] as HandlingCode,
    sourceReliability: match[2] as SourceReliability,
    informationAccuracy: Number(match[3]) as InformationAccuracy,
  };
}

/**
 * FtM has no property for a marking, so one is read from `summary`; a Sanction without one
 * gets its registry's default.
 */
export function provenanceMarkingOf(summary: string | null, kind: SanctionKind): ProvenanceMarking {
  return (summary === null ? null : parseProvenanceMarking(summary)) ?? DEFAULT_MARKING[kind];
}
