import { describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { Purpose } from '../../../core/policy/policySpec.js';
import type { RequestPolicy, RequestTypePolicy } from '../../../core/policy/RequestPolicy.js';
import { requestPolicies } from '../../../core/policy/requestPolicies.js';

const freezing: RequestTypePolicy = {
  instrument: 'Regulation (EU) 2018/1805',
  acceptedFrom: ['EU_2018_1805'],
  issuingRoles: ['JUDGE', 'PROSECUTOR', 'INVESTIGATOR'],
  validationRequiredFor: ['INVESTIGATOR'],
  acknowledgingRoles: ['CENTRAL_AUTHORITY'],
  decidingRoles: ['JUDGE'],
  executingRoles: ['ASSET_RECOVERY_OFFICER'],
  deadlines: [],
};
const deAnonymisation: RequestTypePolicy = {
  ...freezing,
  instrument: 'Directive 2014/41/EU',
  acceptedFrom: ['EU_EIO'],
  issuingRoles: ['JUDGE', 'PROSECUTOR'],
  validationRequiredFor: [],
  executingRoles: ['CENTRAL_AUTHORITY'],
  routes: [{ instrument: '1959 Convention', acceptedFrom: ['DK', 'IE'], deadlines: [] }],
};
const disclosure: RequestTypePolicy = {
  ...freezing,
  instrument: 'Mutual assistance act',
  acceptedFrom: ['PARTNERS'],
  issuingRoles: ['CENTRAL_AUTHORITY'],
  executingRoles: ['FIU_OFFICER'],
};
const requests: RequestPolicy = {
  types: { FREEZING: freezing, DE_ANONYMISATION: deAnonymisation, DISCLOSURE: disclosure },
  grounds: {},
  holidays: [],
};

const CASE_WORK: Purpose[] = [
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'FREEZE_EXECUTION',
  'CONFISCATION_EXECUTION',
  'VICTIM_RESTITUTION',
];

/** The `@access` requestPolicies places on `Type.field`, or on `Type` itself. */
function accessOf(policies: ReturnType<typeof requestPolicies>, coordinate: string) {
  const [type = '', field] = coordinate.split('.');
  const typePolicy = policies[type];
  return field === undefined ? typePolicy?.object?.access : typePolicy?.fields?.[field]?.access;
}

describe('requestPolicies', () => {
  const policies = requestPolicies({ requests, acceptsEmergency: true });
  const parties: AccessPolicy = {
    roles: [
      'JUDGE',
      'PROSECUTOR',
      'INVESTIGATOR',
      'CENTRAL_AUTHORITY',
      'ASSET_RECOVERY_OFFICER',
      'FIU_OFFICER',
    ],
    purposes: [...CASE_WORK, 'EMERGENCY'],
    countries: ['EU_2018_1805', 'PARTNERS', 'EU_EIO', 'DK', 'IE', 'DOMESTIC'],
  };
  const identity: AccessPolicy = {
    roles: ['JUDGE', 'PROSECUTOR'],
    purposes: ['CRIMINAL_INVESTIGATION', 'EMERGENCY'],
    countries: ['EU_EIO', 'DK', 'IE'],
  };

  it.each<[string, AccessPolicy]>([
    // Every party to some accepted request, from every country some request comes from, and
    // the member's own staff.
    ['Jurisdiction.request', parties],
    ['Jurisdiction.requests', parties],
    ['JurisdictionMutations.actOnRequest', parties],
    // Filing: the issuing roles of any type, from the countries requests come from.
    [
      'JurisdictionMutations.fileRequest',
      {
        roles: ['JUDGE', 'PROSECUTOR', 'INVESTIGATOR', 'CENTRAL_AUTHORITY'],
        purposes: [...CASE_WORK, 'EMERGENCY'],
        countries: ['EU_2018_1805', 'PARTNERS', 'EU_EIO', 'DK', 'IE'],
      },
    ],
    // A revealed identity: who may ask for one, from where it may be asked, routes included.
    ['DeAnonymisedIdentity', identity],
    ['RequestRelease.identity', identity],
  ])('places on %s the rule of the request policy', (coordinate, expected) => {
    expect(accessOf(policies, coordinate)).toEqual(expected);
  });

  it('leaves EMERGENCY out where the member knows no emergency release', () => {
    const strict = requestPolicies({ requests, acceptsEmergency: false });
    for (const coordinate of [
      'Jurisdiction.requests',
      'JurisdictionMutations.fileRequest',
      'JurisdictionMutations.actOnRequest',
      'DeAnonymisedIdentity',
    ]) {
      expect(accessOf(strict, coordinate)?.purposes).not.toContain('EMERGENCY');
    }
    expect(accessOf(strict, 'Jurisdiction.requests')?.purposes).toEqual(CASE_WORK);
    expect(accessOf(strict, 'DeAnonymisedIdentity')?.purposes).toEqual(['CRIMINAL_INVESTIGATION']);
  });

  it('gives a revealed identity to no role of no country where de-anonymisation is not accepted', () => {
    const { DE_ANONYMISATION: _refused, ...others } = requests.types;
    const without = requestPolicies({
      requests: { ...requests, types: others },
      acceptsEmergency: true,
    });
    for (const coordinate of ['DeAnonymisedIdentity', 'RequestRelease.identity']) {
      expect(accessOf(without, coordinate)).toMatchObject({ roles: [], countries: [] });
    }
    // The surface still admits the parties of the types accepted.
    expect(accessOf(without, 'JurisdictionMutations.fileRequest')?.countries).toEqual([
      'EU_2018_1805',
      'PARTNERS',
    ]);
  });

  it('admits only the member itself where it accepts no request at all', () => {
    const none = requestPolicies({
      requests: { types: {}, grounds: {}, holidays: [] },
      acceptsEmergency: true,
    });
    expect(accessOf(none, 'Jurisdiction.requests')).toMatchObject({
      roles: [],
      countries: ['DOMESTIC'],
    });
    expect(accessOf(none, 'JurisdictionMutations.fileRequest')).toMatchObject({
      roles: [],
      countries: [],
    });
  });
});
