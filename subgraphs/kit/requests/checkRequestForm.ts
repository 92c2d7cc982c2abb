import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { RequestTypePolicy } from '../../../core/policy/RequestPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import type { RequestForm } from './CrossBorderRequest.js';
import { RequestRefusal } from './RequestRefusal.js';

/**
 * What the executing member's policy asks of a well-formed form from an issuer of this role,
 * at filing and again when a consultation answers with a corrected form.
 */
export function checkRequestForm(
  form: RequestForm,
  issuingRole: Role,
  typePolicy: RequestTypePolicy,
): void {
  if (form.type === 'FREEZING' && typePolicy.validationRequiredFor?.includes(issuingRole)) {
    // 2018/1805 Art. 2(8)(a)(ii): an order of another competent authority is validated, before
    // it is sent, by a judge, a court or a public prosecutor of the issuing State.
    if (!form.freezing.validatingJudge) {
      throw new RequestRefusal(
        ErrorCode.BAD_USER_INPUT,
        'MISSING_FIELD',
        'This freezing order must name the judge, court or prosecutor who validated it',
        'input.freezing.validatingJudge',
      );
    }
  }
  if (form.type === 'DE_ANONYMISATION') {
    const threshold = typePolicy.seriousCrimeMinPenaltyYears;
    // Fail closed: a member that accepts de-anonymisation must say for which offences.
    if (threshold === undefined) {
      throw new Error('the DE_ANONYMISATION policy has no seriousCrimeMinPenaltyYears');
    }
    if (form.deAnonymisation.maxPenaltyYears < threshold) {
      throw new RequestRefusal(
        ErrorCode.REQUEST_NOT_ACCEPTED,
        'BELOW_THRESHOLD',
        `This member de-anonymises only for offences punishable by at least ${threshold} years of imprisonment`,
        'input.deAnonymisation.maxPenaltyYears',
      );
    }
  }
}
