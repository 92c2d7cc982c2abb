import type { Purpose, Role } from '../../core/policy/policySpec.js';

/** A demo caller the development sign-in page offers. */
export interface DevPersona {
  id: string;
  label: string;
  role: Role;
  country: string;
  agency: string;
  /** The purpose the dashboard states for this persona until it picks another. */
  purpose: Purpose;
  /** The case the dashboard states for this persona until it types another. */
  caseRef: string;
}

/**
 * The development personas: the six the dashboard is written for, and the German authorities
 * that carry a French freezing request through (the README's cross-border request). Agencies
 * and cases are the README's.
 */
export const DEV_PERSONAS: readonly DevPersona[] = [
  {
    id: 'fr-investigator',
    label: 'French investigator',
    role: 'INVESTIGATOR',
    country: 'FR',
    agency: 'OFAC (Office anti-cybercriminalité)',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef: 'FR-OFAC-2026-0042',
  },
  {
    id: 'fr-prosecutor',
    label: 'French prosecutor',
    role: 'PROSECUTOR',
    country: 'FR',
    agency: 'PNF',
    purpose: 'FREEZE_EXECUTION',
    caseRef: 'FR-PNF-2026-0042',
  },
  {
    id: 'de-analyst',
    label: 'German analyst',
    role: 'ANALYST',
    country: 'DE',
    agency: 'BKA',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef: 'DE-BKA-2026-0017',
  },
  {
    id: 'de-central-authority',
    label: 'German central authority',
    role: 'CENTRAL_AUTHORITY',
    country: 'DE',
    agency: 'BfJ',
    purpose: 'FREEZE_EXECUTION',
    caseRef: 'DE-RH-2026-0107',
  },
  {
    id: 'de-judge',
    label: 'German judge',
    role: 'JUDGE',
    country: 'DE',
    agency: 'AG-Frankfurt',
    purpose: 'FREEZE_EXECUTION',
    caseRef: 'DE-RH-2026-0107',
  },
  {
    id: 'de-asset-recovery-officer',
    label: 'German asset recovery officer',
    role: 'ASSET_RECOVERY_OFFICER',
    country: 'DE',
    agency: 'BKA',
    purpose: 'FREEZE_EXECUTION',
    caseRef: 'DE-RH-2026-0107',
  },
  {
    id: 'sg-central-authority',
    label: 'Singapore central authority',
    role: 'CENTRAL_AUTHORITY',
    country: 'SG',
    agency: 'AGC International Affairs Division',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef: 'SG-AGC-2026-0009',
  },
  {
    id: 'fr-auditor',
    label: 'French auditor',
    role: 'AUDITOR',
    country: 'FR',
    agency: 'CNIL',
    purpose: 'OVERSIGHT_AUDIT',
    caseRef: 'FR-CNIL-AUDIT-2026',
  },
  {
    id: 'fr-judge',
    label: 'French judge',
    role: 'JUDGE',
    country: 'FR',
    agency: 'TJ Paris',
    purpose: 'OVERSIGHT_AUDIT',
    caseRef: 'FR-JLD-2026-0003',
  },
];
