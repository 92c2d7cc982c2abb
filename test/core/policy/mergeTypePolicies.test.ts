import { describe, expect, it } from 'vitest';
import { PolicyCollisionError, mergeTypePolicies } from '../../../core/policy/mergeTypePolicies.js';
import type { ElementPolicy, TypePolicy } from '../../../core/policy/JurisdictionPolicy.js';

const judges: ElementPolicy = { access: { roles: ['JUDGE'], countries: ['DOMESTIC'] } };
const prosecutors: ElementPolicy = { access: { roles: ['PROSECUTOR'], countries: ['DOMESTIC'] } };

describe('mergeTypePolicies', () => {
  it('unites the fields a type gets from several sources and keeps types named once', () => {
    const merged = mergeTypePolicies(
      { Jurisdiction: { fields: { auditEvents: judges } }, Person: { object: prosecutors } },
      { Jurisdiction: { fields: { requests: prosecutors } } },
      { DeAnonymisedIdentity: { object: judges } },
    );
    expect(merged).toEqual({
      Jurisdiction: { fields: { auditEvents: judges, requests: prosecutors } },
      Person: { object: prosecutors },
      DeAnonymisedIdentity: { object: judges },
    });
  });

  it('keeps an object rule and field rules of one type from different sources', () => {
    expect(
      mergeTypePolicies(
        { Person: { object: prosecutors } },
        { Person: { fields: { name: judges } } },
      ),
    ).toEqual({ Person: { object: prosecutors, fields: { name: judges } } });
  });

  it.each<[string, Record<string, TypePolicy>, Record<string, TypePolicy>, string]>([
    [
      'one field',
      { Jurisdiction: { fields: { requests: judges } } },
      { Jurisdiction: { fields: { requests: prosecutors } } },
      'Jurisdiction.requests',
    ],
    ['one object', { Person: { object: judges } }, { Person: { object: prosecutors } }, 'Person'],
  ])('refuses two rules for %s', (_name, first, second, named) => {
    expect(() => mergeTypePolicies(first, second)).toThrow(PolicyCollisionError);
    expect(() => mergeTypePolicies(first, second)).toThrow(named);
  });
});
