import { describe, expect, it } from 'vitest';
import { expandCountries } from '../../../../core/policy/expandCountries.js';
import type { CountryRef } from '../../../../core/policy/JurisdictionPolicy.js';
import type { RequestPolicy, RequestTypePolicy } from '../../../../core/policy/RequestPolicy.js';
import type {
  RequestActor,
  RequestForm,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { newRequest } from '../../../../subgraphs/kit/requests/newRequest.js';
import { RequestRefusal } from '../../../../subgraphs/kit/requests/RequestRefusal.js';
import { sampleForm, sampleRequest } from '../../../support/requestFixtures.js';

const RECEIVED = '2024-05-03T10:00:00.000Z';

function typePolicy(extra: Partial<RequestTypePolicy>): RequestTypePolicy {
  return {
    instrument: 'test',
    acceptedFrom: ['EU'],
    issuingRoles: ['JUDGE', 'PROSECUTOR'],
    acknowledgingRoles: ['CENTRAL_AUTHORITY'],
    decidingRoles: ['PROSECUTOR'],
    executingRoles: ['ASSET_RECOVERY_OFFICER'],
    deadlines: [],
    ...extra,
  };
}

// DE accepts freezing from the EU, production orders from anyone, de-anonymisation from its
// partners only, and no confiscation.
const POLICY: RequestPolicy = {
  types: {
    FREEZING: typePolicy({
      issuingRoles: ['JUDGE', 'PROSECUTOR', 'INVESTIGATOR'],
      validationRequiredFor: ['INVESTIGATOR'],
    }),
    DISCLOSURE: typePolicy({ acceptedFrom: ['ANY'] }),
    DE_ANONYMISATION: typePolicy({ acceptedFrom: ['PARTNERS'], seriousCrimeMinPenaltyYears: 4 }),
  },
  grounds: {},
  holidays: [],
};
const expand = (refs: readonly CountryRef[]) =>
  expandCountries(
    {
      jurisdiction: 'DE',
      arrangements: { PARTNERS: { basis: 'bilateral', countries: ['CH', 'FR'] } },
    },
    refs,
  );

const FR_PROSECUTOR: RequestActor = {
  subject: 'fr-prosecutor-1',
  roles: ['PROSECUTOR'],
  country: 'FR',
  agency: 'FR-PNF',
};

function file(form: RequestForm, actor: RequestActor = FR_PROSECUTOR, policy = POLICY) {
  return newRequest(
    {
      id: 'req-DE-1',
      form,
      actor,
      caseRef: 'FR-2024-0042',
      receivedAt: RECEIVED,
      executingState: 'DE',
    },
    policy,
    expand,
  );
}

function withFreezing(changes: object): RequestForm {
  const form = sampleForm('FREEZING');
  return form.type === 'FREEZING' ? { ...form, freezing: { ...form.freezing, ...changes } } : form;
}
function withDeAnonymisation(changes: object): RequestForm {
  const form = sampleForm('DE_ANONYMISATION');
  return form.type === 'DE_ANONYMISATION'
    ? { ...form, deAnonymisation: { ...form.deAnonymisation, ...changes } }
    : form;
}
function withDisclosure(changes: object): RequestForm {
  const form = sampleForm('DISCLOSURE');
  return form.type === 'DISCLOSURE'
    ? { ...form, disclosure: { ...form.disclosure, ...changes } }
    : form;
}

describe('newRequest', () => {
  it('files the request SUBMITTED at version 1, from the actor’s country, agency and role', () => {
    expect(file(sampleForm('FREEZING'))).toEqual(sampleRequest('FREEZING'));
  });

  const FR_INVESTIGATOR: RequestActor = {
    ...FR_PROSECUTOR,
    subject: 'fr-inv-1',
    roles: ['ANALYST', 'INVESTIGATOR', 'PROSECUTOR'],
  };
  // [what, form, actor, issuingRole, urgent]
  const accepted: [string, RequestForm, RequestActor, string, boolean][] = [
    [
      'the first issuing role the actor holds',
      withFreezing({ validatingJudge: 'Juge Martin' }),
      FR_INVESTIGATOR,
      'INVESTIGATOR',
      false,
    ],
    [
      'an urgent freezing',
      withFreezing({ urgent: true, urgencyReason: 'Funds moving' }),
      FR_PROSECUTOR,
      'PROSECUTOR',
      true,
    ],
    [
      'an emergency production order',
      withDisclosure({ emergency: true, emergencyReason: 'Threat to life' }),
      FR_PROSECUTOR,
      'PROSECUTOR',
      true,
    ],
    [
      'a production order from anywhere (ANY)',
      sampleForm('DISCLOSURE'),
      { ...FR_PROSECUTOR, country: 'US' },
      'PROSECUTOR',
      false,
    ],
    [
      'a de-anonymisation from a partner',
      sampleForm('DE_ANONYMISATION'),
      { ...FR_PROSECUTOR, country: 'CH' },
      'PROSECUTOR',
      false,
    ],
    [
      'at the penalty threshold',
      withDeAnonymisation({ maxPenaltyYears: 4 }),
      FR_PROSECUTOR,
      'PROSECUTOR',
      false,
    ],
  ];
  it.each(accepted)('accepts %s', (_, form, actor, issuingRole, urgent) => {
    const request = file(form, actor);
    expect([request.issuingRole, request.issuingState, request.urgent, request.form]).toEqual([
      issuingRole,
      actor.country,
      urgent,
      form,
    ]);
  });

  // [what, form, actor, code, reason, field]
  const refused: [string, RequestForm, RequestActor, string, string, string | null][] = [
    [
      'a request to one’s own country',
      sampleForm('FREEZING'),
      { ...FR_PROSECUTOR, country: 'DE' },
      'BAD_USER_INPUT',
      'DOMESTIC_REQUEST',
      null,
    ],
    [
      'a type the member does not accept',
      sampleForm('CONFISCATION'),
      FR_PROSECUTOR,
      'REQUEST_NOT_ACCEPTED',
      'TYPE_NOT_ACCEPTED',
      'input.type',
    ],
    [
      'a freezing from outside the EU',
      sampleForm('FREEZING'),
      { ...FR_PROSECUTOR, country: 'US' },
      'REQUEST_NOT_ACCEPTED',
      'COUNTRY_NOT_ACCEPTED',
      null,
    ],
    [
      'a de-anonymisation from an EU non-partner',
      sampleForm('DE_ANONYMISATION'),
      { ...FR_PROSECUTOR, country: 'NL' },
      'REQUEST_NOT_ACCEPTED',
      'COUNTRY_NOT_ACCEPTED',
      null,
    ],
    [
      'an actor without an issuing role',
      sampleForm('FREEZING'),
      { ...FR_PROSECUTOR, roles: ['ANALYST'] },
      'REQUEST_NOT_ACCEPTED',
      'ROLE_NOT_ALLOWED',
      null,
    ],
    [
      'an investigator’s freezing without a validating judge',
      sampleForm('FREEZING'),
      FR_INVESTIGATOR,
      'BAD_USER_INPUT',
      'MISSING_FIELD',
      'input.freezing.validatingJudge',
    ],
    [
      'an offence below the serious-crime threshold',
      withDeAnonymisation({ maxPenaltyYears: 3 }),
      FR_PROSECUTOR,
      'REQUEST_NOT_ACCEPTED',
      'BELOW_THRESHOLD',
      'input.deAnonymisation.maxPenaltyYears',
    ],
  ];
  it.each(refused)('refuses %s', (_, form, actor, code, reason, field) => {
    let refusal: unknown;
    try {
      file(form, actor);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RequestRefusal);
    const { code: c, reason: r, field: f } = refusal as RequestRefusal;
    expect([c, r, f]).toEqual([code, reason, field]);
  });

  it('a de-anonymisation policy without a threshold is a configuration error, not a pass', () => {
    const policy = {
      ...POLICY,
      types: { DE_ANONYMISATION: typePolicy({ acceptedFrom: ['ANY'] }) },
    };
    expect(() => file(sampleForm('DE_ANONYMISATION'), FR_PROSECUTOR, policy)).toThrow(
      /seriousCrimeMinPenaltyYears/,
    );
  });
});
