import type { RequestDeadlineRule } from './RequestPolicy.js';

/**
 * The periods EU instruments themselves set for the executing State, each with its article:
 * a member applying the instrument takes them as they are and adds its own service standards
 * where the law says only "without delay".
 */
export const EU_REQUEST_DEADLINES = {
  /** Regulation (EU) 2018/1805: an urgent freezing order, recognised and executed in 48 + 48 h. */
  urgentFreezing: [
    {
      milestone: 'DECIDE',
      amount: 48,
      unit: 'HOURS',
      from: 'RECEIPT',
      urgent: true,
      legalBasis: 'Regulation (EU) 2018/1805 Art. 9(3): recognised within 48 hours of receipt',
    },
    {
      milestone: 'EXECUTE',
      amount: 48,
      unit: 'HOURS',
      from: 'DECISION',
      urgent: true,
      legalBasis: 'Regulation (EU) 2018/1805 Art. 9(3): executed within 48 hours of recognition',
    },
  ],
  confiscation: [
    {
      milestone: 'DECIDE',
      amount: 45,
      unit: 'DAYS',
      from: 'RECEIPT',
      legalBasis: 'Regulation (EU) 2018/1805 Art. 20(1): recognised within 45 days of receipt',
    },
  ],
  /** Regulation (EU) 2023/1543: a European Production Order. */
  production: [
    {
      milestone: 'DECIDE',
      amount: 10,
      unit: 'DAYS',
      from: 'RECEIPT',
      urgent: false,
      legalBasis: 'Regulation (EU) 2023/1543 Art. 12(1): grounds raised within 10 days',
    },
    {
      milestone: 'EXECUTE',
      amount: 10,
      unit: 'DAYS',
      from: 'RECEIPT',
      urgent: false,
      legalBasis: 'Regulation (EU) 2023/1543 Art. 10(2): data produced within 10 days of receipt',
    },
    {
      milestone: 'EXECUTE',
      amount: 8,
      unit: 'HOURS',
      from: 'RECEIPT',
      urgent: true,
      legalBasis: 'Regulation (EU) 2023/1543 Art. 10(4): in an emergency, within 8 hours',
    },
  ],
  /** Regulation (EU) 2023/1543: a European Preservation Order, a standing order. */
  preservation: [
    {
      milestone: 'EXPIRE',
      amount: 60,
      unit: 'DAYS',
      from: 'EXECUTION',
      legalBasis:
        'Regulation (EU) 2023/1543 Art. 11(1): preserved 60 days unless a production request follows',
    },
  ],
  /** Directive 2014/41/EU: a European Investigation Order. */
  investigationOrder: [
    {
      milestone: 'ACKNOWLEDGE',
      amount: 7,
      unit: 'DAYS',
      from: 'RECEIPT',
      legalBasis: 'Directive 2014/41/EU Art. 16(1): receipt acknowledged within a week (Annex B)',
    },
    {
      milestone: 'DECIDE',
      amount: 30,
      unit: 'DAYS',
      from: 'RECEIPT',
      legalBasis: 'Directive 2014/41/EU Art. 12(3): recognised within 30 days of receipt',
    },
    {
      milestone: 'EXECUTE',
      amount: 90,
      unit: 'DAYS',
      from: 'DECISION',
      legalBasis: 'Directive 2014/41/EU Art. 12(4): executed within 90 days of recognition',
    },
  ],
} as const satisfies Readonly<Record<string, readonly RequestDeadlineRule[]>>;
