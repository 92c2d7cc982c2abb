import {
  HANDLING_CODES,
  INFORMATION_ACCURACIES,
  SOURCE_RELIABILITIES,
} from '../../../core/records.js';
import type { Provenance } from '../../../core/records.js';
import { requireDate, requireOneOf } from '../../kit/registry/checkField.js';
import { requireObject } from './requireObject.js';

/**
 * The envelope's `provenance` object (`handlingCode`, `sourceReliability`,
 * `informationAccuracy`, `lastUpdated`): what IVMS101 has no field for but every Comity
 * record carries (docs/architecture.md §3).
 */
export function readProvenance(value: unknown, registry: string, recordId: string): Provenance {
  const provenance = requireObject(value, 'provenance');
  return {
    jurisdiction: 'SG',
    registry,
    sourceRecordId: recordId,
    lastUpdated: requireDate(provenance.lastUpdated, 'provenance.lastUpdated'),
    handlingCode: requireOneOf(provenance.handlingCode, HANDLING_CODES, 'provenance.handlingCode'),
    sourceReliability: requireOneOf(
      provenance.sourceReliability,
      SOURCE_RELIABILITIES,
      'provenance.sourceReliability',
    ),
    informationAccuracy: requireOneOf(
      provenance.informationAccuracy,
      INFORMATION_ACCURACIES,
      'provenance.informationAccuracy',
    ),
  };
}
