import type { RequestDeadlineRule } from './RequestPolicy.js';

/**
 * Periods a member sets itself where the instrument sets none ("without delay", or nothing at
 * all), labelled as the member's own so that the matrix never passes them off as law.
 */
export function serviceStandards(member: string) {
  const standard = (
    rule: Omit<RequestDeadlineRule, 'legalBasis'>,
    law: string,
  ): RequestDeadlineRule => ({ ...rule, legalBasis: `${member}'s service standard (${law})` });
  /** Urgent requests acknowledged within hours, others within working days. */
  const acknowledge = (hours: number, workingDays: number, law: string): RequestDeadlineRule[] => [
    standard(
      { milestone: 'ACKNOWLEDGE', amount: hours, unit: 'HOURS', from: 'RECEIPT', urgent: true },
      law,
    ),
    standard(
      {
        milestone: 'ACKNOWLEDGE',
        amount: workingDays,
        unit: 'WORKING_DAYS',
        from: 'RECEIPT',
        urgent: false,
      },
      law,
    ),
  ];
  return { standard, acknowledge };
}
