import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { CountryRef } from '../../../core/policy/JurisdictionPolicy.js';
import type { RequestPolicy } from '../../../core/policy/RequestPolicy.js';
import { checkRequestForm } from './checkRequestForm.js';
import type { CrossBorderRequest, RequestActor, RequestForm } from './CrossBorderRequest.js';
import { isUrgent } from './isUrgent.js';
import { RequestRefusal } from './RequestRefusal.js';

export interface NewRequestInput {
  id: string;
  /** Parsed and checked by parseRequestForm. */
  form: RequestForm;
  /** The issuer, from the gateway-signed context. */
  actor: RequestActor;
  caseRef: string;
  receivedAt: string;
  /** The member the request is filed with, which stores and decides it. */
  executingState: string;
}

/**
 * The filing check: whether the executing member accepts this request, from this country and
 * this issuer, and the request as filed (SUBMITTED, version 1). `expand` is expandCountries
 * bound to the member's policy (null: any country).
 */
export function newRequest(
  input: NewRequestInput,
  policy: RequestPolicy,
  expand: (refs: readonly CountryRef[]) => string[] | null,
): CrossBorderRequest {
  const { form, actor } = input;
  // Within one country this is domestic procedure, not mutual recognition.
  if (actor.country === input.executingState) {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'DOMESTIC_REQUEST',
      'A cross-border request is filed with another country than your own',
    );
  }
  const typePolicy = policy.types[form.type];
  if (!typePolicy) {
    throw new RequestRefusal(
      ErrorCode.REQUEST_NOT_ACCEPTED,
      'TYPE_NOT_ACCEPTED',
      `${input.executingState} does not accept ${form.type.toLowerCase()} requests`,
      'input.type',
    );
  }
  const accepted = expand(typePolicy.acceptedFrom);
  if (accepted !== null && !accepted.includes(actor.country)) {
    throw new RequestRefusal(
      ErrorCode.REQUEST_NOT_ACCEPTED,
      'COUNTRY_NOT_ACCEPTED',
      `${input.executingState} does not accept ${form.type.toLowerCase()} requests from ${actor.country}`,
    );
  }
  const issuingRole = actor.roles.find((role) => typePolicy.issuingRoles.includes(role));
  if (issuingRole === undefined) {
    throw new RequestRefusal(
      ErrorCode.REQUEST_NOT_ACCEPTED,
      'ROLE_NOT_ALLOWED',
      `${input.executingState} accepts ${form.type.toLowerCase()} requests only from ${typePolicy.issuingRoles.join(', ').toLowerCase()}`,
    );
  }
  checkRequestForm(form, issuingRole, typePolicy);
  return {
    id: input.id,
    type: form.type,
    state: 'SUBMITTED',
    version: 1,
    executingState: input.executingState,
    issuingState: actor.country,
    issuingAgency: actor.agency,
    issuingRole,
    issuedBy: actor.subject,
    caseRef: input.caseRef,
    receivedAt: input.receivedAt,
    form,
    urgent: isUrgent(form),
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
    updatedAt: input.receivedAt,
  };
}
