import { describe, expect, it } from 'vitest';
import type { MatchableParty } from '../../../core/matching/MatchQuery.js';
import { nameSimilarity } from '../../../core/matching/nameSimilarity.js';
import { normalizeName } from '../../../core/matching/normalizeName.js';
import { parseMatchQuery } from '../../../core/matching/parseMatchQuery.js';
import type { PartyMatchQueryInput } from '../../../core/matching/parseMatchQuery.js';
import { compareBirthDates, scoreCandidate } from '../../../core/matching/scoreCandidate.js';

const person = (name: string, rest: Partial<MatchableParty> = {}): MatchableParty => ({
  schema: 'PERSON',
  names: [normalizeName(name, 'PERSON')],
  birthDate: null,
  nationality: null,
  identifiers: [],
  lei: null,
  addresses: [],
  wallets: [],
  ...rest,
});

describe('nameSimilarity', () => {
  const similarity = (a: string, b: string) =>
    nameSimilarity(normalizeName(a, 'PERSON'), normalizeName(b, 'PERSON'));
  it.each([
    ['Viktor Petrov', 'PETROV Viktor', 1, 1],
    ['Viktor Petrov', 'Виктор Петров', 1, 1],
    ['Victor Petrov', 'Viktor Petrow', 0.95, 1],
    ['Viktor Sergeyevich Petrov', 'Viktor Petrov', 0.9, 0.96],
    ['Mohammed Al-Rashid', 'محمد الراشد', 0.9, 1],
    ['Jean Pierre Martin', 'Jeanpierre Martin', 0.95, 1],
    // Different people sharing a name part.
    ['Jean Martin', 'Jean Bernard', 0, 0.7],
    ['Viktor Petrov', 'Viktor Pavlov', 0, 0.7],
    ['Viktor', 'Viktor Petrov', 0, 0.8],
  ])('%s ~ %s in [%f, %f]', (a, b, low, high) => {
    const value = similarity(a, b);
    expect(value).toBeGreaterThanOrEqual(low);
    expect(value).toBeLessThanOrEqual(high);
  });
});

describe('compareBirthDates', () => {
  it.each([
    ['1979-03-02', '1979-03-02', 'MATCH'],
    ['1979-03', '1979-03-02', 'MATCH'],
    ['1979', '1979-03-02', 'SAME_YEAR'],
    ['1979-04-02', '1979-03-02', 'SAME_YEAR'],
    ['1980-03-02', '1979-03-02', 'CONFLICT'],
  ])('%s vs %s: %s', (a, b, expected) => {
    expect(compareBirthDates(a, b)).toBe(expected);
  });
});

describe('scoreCandidate', () => {
  const query = (input: Omit<PartyMatchQueryInput, 'schema'>) =>
    parseMatchQuery({ schema: 'PERSON', ...input });
  it('explains a score feature by feature, the contributions adding up to it', () => {
    const scored = scoreCandidate(
      query({ names: ['Viktor Petrov'], birthDate: '1979-03-02', nationality: 'RU' }),
      person('PETROV Viktor', { birthDate: '1979-03-02', nationality: 'RU' }),
    );
    expect(scored.features).toEqual([
      { name: 'name_similarity', value: 1, contribution: 0.85 },
      { name: 'birth_date_match', value: 1, contribution: 0.15 },
      { name: 'nationality_match', value: 1, contribution: 0.05 },
    ]);
    expect(scored.score).toBe(1);
  });
  it('lets a namesake born in another year fall below the default threshold', () => {
    const scored = scoreCandidate(
      query({ names: ['Viktor Petrov'], birthDate: '1979' }),
      person('Viktor Petrov', { birthDate: '1991-05-01' }),
    );
    expect(scored.features.map((feature) => feature.name)).toEqual([
      'name_similarity',
      'birth_date_conflict',
    ]);
    expect(scored.score).toBe(0.5);
  });
  it('lets an exact identifier decide alone, whatever the name', () => {
    const scored = scoreCandidate(
      query({ idNumbers: ['ab 123-456'] }),
      person('Someone Else', { identifiers: ['AB123456'] }),
    );
    expect(scored).toEqual({
      score: 1,
      features: [{ name: 'identifier_match', value: 1, contribution: 1 }],
    });
  });
  it('tells two companies of one name apart by their LEIs', () => {
    const lei = '5299000J2N45DDNE4Y28';
    const other = '529900T8BM49AURSDO55';
    const company = parseMatchQuery({ schema: 'COMPANY', names: ['Northwind Trading Ltd'], lei });
    const scored = scoreCandidate(company, {
      ...person(''),
      schema: 'COMPANY',
      names: [normalizeName('Northwind Trading Limited', 'COMPANY')],
      lei: other,
      identifiers: [other],
    });
    expect(scored.features.map((feature) => feature.name)).toContain('lei_conflict');
    expect(scored.score).toBeLessThan(0.8);
  });
});
