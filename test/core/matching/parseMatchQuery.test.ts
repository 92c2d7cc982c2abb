import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseMatchQuery } from '../../../core/matching/parseMatchQuery.js';
import type { PartyMatchQueryInput } from '../../../core/matching/parseMatchQuery.js';

function refusal(input: PartyMatchQueryInput) {
  try {
    parseMatchQuery(input);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { ...(error as GraphQLError).extensions, message: (error as GraphQLError).message };
  }
  throw new Error('accepted');
}

describe('parseMatchQuery', () => {
  it.each<[string, PartyMatchQueryInput, string, string]>([
    ['no name and no identifier', { schema: 'PERSON', names: [' '] }, 'query.names[0]', 'EMPTY'],
    ['nothing at all', { schema: 'PERSON' }, 'query', 'NAME_OR_IDENTIFIER_REQUIRED'],
    [
      'a bad LEI',
      { schema: 'COMPANY', names: ['Atlas'], lei: '5299000J2N45DDNE4Y29' },
      'query.lei',
      'BAD_LEI',
    ],
    [
      'a bad country',
      { schema: 'PERSON', names: ['A B'], nationality: 'XX' },
      'query.nationality',
      'BAD_COUNTRY',
    ],
    [
      'a bad date',
      { schema: 'PERSON', names: ['A B'], birthDate: '1979-02-30' },
      'query.birthDate',
      'BAD_DATE',
    ],
    [
      'a wallet that does not normalise',
      {
        schema: 'PERSON',
        wallets: [
          'eth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
          'eth:0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
        ],
      },
      'query.wallets[1]',
      'CHECKSUM_MISMATCH',
    ],
  ])('refuses %s, naming the input path', (_, input, inputPath, reason) => {
    const extensions = refusal(input);
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', inputPath, reason });
  });
  it('never repeats the value in its message: the query is personal data', () => {
    const { message } = refusal({ schema: 'PERSON', names: ['Viktor Petrov'], nationality: 'XX' });
    expect(message).not.toContain('XX');
    expect(message).not.toContain('Petrov');
  });
  it('normalises what it accepts', () => {
    expect(
      parseMatchQuery({
        schema: 'PERSON',
        names: ['PETROV Viktor'],
        idNumbers: ['ab-12 34'],
        nationality: 'ru',
        wallets: ['eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
      }),
    ).toMatchObject({
      idNumbers: ['AB1234'],
      nationality: 'RU',
      wallets: ['eip155:1:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    });
  });
});
