import type { RequestType } from '../../core/policy/RequestPolicy.js';
import type {
  CrossBorderRequest,
  RequestForm,
} from '../../subgraphs/kit/requests/CrossBorderRequest.js';

/** A wallet id in its normalised form (EIP-55 checksummed CAIP-10). */
export const SAMPLE_WALLET = 'eip155:1:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

/** A parsed form of each type, as parseRequestForm returns it: filed from FR with DE. */
export function sampleForm(type: RequestType): RequestForm {
  const common = { issuingAuthority: 'Parquet national financier', offence: 'Money laundering' };
  switch (type) {
    case 'PRESERVATION':
      return {
        type,
        preservation: {
          ...common,
          wallets: [SAMPLE_WALLET],
          recordIds: [],
          reason: 'May be deleted',
        },
      };
    case 'FREEZING':
      return {
        type,
        freezing: {
          ...common,
          validatingJudge: null,
          legalQualification: 'Code pénal, art. 324-1',
          property: [{ wallet: SAMPLE_WALLET, vaspAccount: null, asset: 'ETH', amount: '12.5' }],
          urgent: false,
          urgencyReason: null,
          victimsInterests: null,
        },
      };
    case 'CONFISCATION':
      return {
        type,
        confiscation: {
          ...common,
          legalQualification: 'Code pénal, art. 324-1',
          decidedAt: '2024-01-10T00:00:00.000Z',
          finalAt: '2024-03-01T00:00:00.000Z',
          property: [{ wallet: SAMPLE_WALLET, vaspAccount: null, asset: null, amount: null }],
          freezingRequestId: null,
          victimsInterests: null,
        },
      };
    case 'DISCLOSURE':
      return {
        type,
        disclosure: {
          ...common,
          wallets: [SAMPLE_WALLET],
          categories: [
            { category: 'FREEZING_ORDERS', justification: 'Whether the funds are frozen' },
            { category: 'EXCHANGE_DISCLOSURES', justification: 'Where the funds went' },
          ],
          emergency: false,
          emergencyReason: null,
        },
      };
    case 'DE_ANONYMISATION':
      return {
        type,
        deAnonymisation: {
          ...common,
          maxPenaltyYears: 10,
          judicialAuthorisation: 'Ordonnance du JLD, Paris, 2 mai 2024',
          pseudonym: 'psn_abcdefghijklmnopqrstuvwxyz',
          wallet: null,
          categories: [
            { category: 'IDENTITY', necessity: 'To summon', proportionality: 'One person' },
            { category: 'NATIONALITY', necessity: 'Jurisdiction', proportionality: 'One fact' },
          ],
          lessIntrusiveMeans: 'Open-source analysis exhausted',
          retentionDays: 365,
          noticeDeferredUntil: '2025-01-01T00:00:00.000Z',
        },
      };
  }
}

/**
 * A request of `type` filed by a French prosecutor with DE on Friday 3 May 2024, 10:00 UTC,
 * SUBMITTED, with `changes` applied.
 */
export function sampleRequest(
  type: RequestType,
  changes: Partial<CrossBorderRequest> = {},
): CrossBorderRequest {
  return {
    id: 'req-DE-1',
    type,
    state: 'SUBMITTED',
    version: 1,
    executingState: 'DE',
    issuingState: 'FR',
    issuingAgency: 'FR-PNF',
    issuingRole: 'PROSECUTOR',
    issuedBy: 'fr-prosecutor-1',
    caseRef: 'FR-2024-0042',
    receivedAt: '2024-05-03T10:00:00.000Z',
    form: sampleForm(type),
    urgent: false,
    recognisedAt: null,
    recognisedBy: null,
    grantedCategories: null,
    executedAt: null,
    ground: null,
    reason: null,
    postponedUntil: null,
    extensions: [],
    authorisationReviewAt: null,
    expiresAt: null,
    resumeState: null,
    updatedAt: '2024-05-03T10:00:00.000Z',
    ...changes,
  };
}
