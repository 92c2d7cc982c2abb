import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../../../core/policy/RequestPolicy.js';
import type { RequestType } from '../../../../core/policy/RequestPolicy.js';
import { parseRequestForm } from '../../../../subgraphs/kit/requests/parseRequestForm.js';
import { RequestRefusal } from '../../../../subgraphs/kit/requests/RequestRefusal.js';
import { SAMPLE_WALLET, sampleForm } from '../../../support/requestFixtures.js';

const NOW = '2024-05-06T12:00:00.000Z';
/** SAMPLE_WALLET as an analyst types it: an alias and a lower-case address. */
const TYPED_WALLET = 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const BAD_CHECKSUM = 'eth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeE';
const LEI = '5493001KJTIIGC8Y1R12';

const PEOPLE = { issuingAuthority: ' Parquet national financier ', offence: 'Money laundering' };

/** A `FileRequestInput` of each type, as GraphQL hands it over; parsed, it is sampleForm(type). */
function fileInput(type: RequestType): Record<string, unknown> {
  switch (type) {
    case 'PRESERVATION':
      return {
        type,
        preservation: {
          ...PEOPLE,
          wallets: [TYPED_WALLET],
          recordIds: null,
          reason: 'May be deleted',
        },
      };
    case 'FREEZING':
      return {
        type,
        freezing: {
          ...PEOPLE,
          validatingJudge: null,
          legalQualification: 'Code pénal, art. 324-1',
          property: [{ wallet: TYPED_WALLET, asset: 'ETH', amount: '12.5' }],
          urgent: false,
          victimsInterests: '  ',
        },
      };
    case 'CONFISCATION':
      return {
        type,
        confiscation: {
          ...PEOPLE,
          legalQualification: 'Code pénal, art. 324-1',
          decidedAt: '2024-01-10',
          finalAt: '2024-03-01T01:00:00+01:00',
          property: [{ wallet: TYPED_WALLET }],
        },
      };
    case 'DISCLOSURE':
      return {
        type,
        disclosure: {
          ...PEOPLE,
          wallets: [TYPED_WALLET],
          categories: [
            { category: 'FREEZING_ORDERS', justification: 'Whether the funds are frozen' },
            { category: 'EXCHANGE_DISCLOSURES', justification: 'Where the funds went' },
          ],
          emergency: false,
          emergencyReason: null,
        },
      };
    case 'DE_ANONYMISATION':
      return {
        type,
        deAnonymisation: {
          ...PEOPLE,
          maxPenaltyYears: 10,
          judicialAuthorisation: 'Ordonnance du JLD, Paris, 2 mai 2024',
          pseudonym: 'psn_abcdefghijklmnopqrstuvwxyz',
          wallet: null,
          categories: [
            { category: 'IDENTITY', necessity: 'To summon', proportionality: 'One person' },
            { category: 'NATIONALITY', necessity: 'Jurisdiction', proportionality: 'One fact' },
          ],
          lessIntrusiveMeans: 'Open-source analysis exhausted',
          retentionDays: 365,
          noticeDeferredUntil: '2025-01-01T00:00:00Z',
        },
      };
  }
}

/** `fileInput(type)` with the value at a dotted path (`freezing.property.0.wallet`) replaced. */
function changed(type: RequestType, path: string, value: unknown): Record<string, unknown> {
  const input = structuredClone(fileInput(type));
  const keys = path.split('.');
  let target = input as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return input;
}

describe('parseRequestForm', () => {
  it.each(REQUEST_TYPES)(
    'parses a %s form: trimmed, wallets normalised, instants in UTC',
    (type) => {
      expect(parseRequestForm(fileInput(type), NOW)).toEqual(sampleForm(type));
    },
  );

  it('reads a VASP account, its LEI in upper case', () => {
    const account = { vasp: 'Bitpanda', lei: LEI.toLowerCase(), accountId: 'acc-1' };
    const form = parseRequestForm(
      changed('FREEZING', 'freezing.property', [{ vaspAccount: account }]),
      NOW,
    );
    expect(form.type === 'FREEZING' && form.freezing.property).toEqual([
      { wallet: null, vaspAccount: { ...account, lei: LEI }, asset: null, amount: null },
    ]);
  });

  it('a de-anonymisation may name a wallet instead of a pseudonym', () => {
    const input = changed('DE_ANONYMISATION', 'deAnonymisation.pseudonym', null);
    (input['deAnonymisation'] as Record<string, unknown>)['wallet'] = TYPED_WALLET;
    const form = parseRequestForm(input, NOW);
    expect(
      form.type === 'DE_ANONYMISATION' && [
        form.deAnonymisation.pseudonym,
        form.deAnonymisation.wallet,
      ],
    ).toEqual([null, SAMPLE_WALLET]);
  });

  it('a preservation may name records only', () => {
    const input = changed('PRESERVATION', 'preservation.wallets', undefined);
    (input['preservation'] as Record<string, unknown>)['recordIds'] = [' de-fo-17 '];
    const form = parseRequestForm(input, NOW);
    expect(
      form.type === 'PRESERVATION' && [form.preservation.wallets, form.preservation.recordIds],
    ).toEqual([[], ['de-fo-17']]);
  });

  // [what, input, reason, field]
  const refused: [string, unknown, string, string][] = [
    ['no input', null, 'MISSING_FIELD', 'input'],
    ['no type', changed('FREEZING', 'type', undefined), 'MISSING_FIELD', 'input.type'],
    ['an unknown type', changed('FREEZING', 'type', 'SEIZURE'), 'INVALID_FIELD', 'input.type'],
    [
      'another type’s form beside',
      { ...fileInput('FREEZING'), preservation: fileInput('PRESERVATION')['preservation'] },
      'INVALID_FIELD',
      'input.preservation',
    ],
    [
      'its own form missing',
      changed('FREEZING', 'freezing', null),
      'MISSING_FIELD',
      'input.freezing',
    ],
    [
      'its own form not an object',
      changed('FREEZING', 'freezing', ['x']),
      'INVALID_FIELD',
      'input.freezing',
    ],
    [
      'blank text',
      changed('FREEZING', 'freezing.issuingAuthority', '   '),
      'MISSING_FIELD',
      'input.freezing.issuingAuthority',
    ],
    [
      'text too long',
      changed('FREEZING', 'freezing.offence', 'x'.repeat(2001)),
      'INVALID_FIELD',
      'input.freezing.offence',
    ],
    [
      'text that is not text',
      changed('FREEZING', 'freezing.offence', 42),
      'INVALID_FIELD',
      'input.freezing.offence',
    ],
    [
      'no property',
      changed('FREEZING', 'freezing.property', []),
      'MISSING_FIELD',
      'input.freezing.property',
    ],
    [
      'over 100 items',
      changed('FREEZING', 'freezing.property', Array(101).fill({ wallet: TYPED_WALLET })),
      'INVALID_FIELD',
      'input.freezing.property',
    ],
    [
      'a bad wallet, with its own reason',
      changed('FREEZING', 'freezing.property.0.wallet', BAD_CHECKSUM),
      'CHECKSUM_MISMATCH',
      'input.freezing.property[0].wallet',
    ],
    [
      'property neither wallet nor account',
      changed('FREEZING', 'freezing.property.0', { asset: 'ETH' }),
      'MISSING_FIELD',
      'input.freezing.property[0].wallet',
    ],
    [
      'a negative amount',
      changed('FREEZING', 'freezing.property.0.amount', '-1'),
      'INVALID_FIELD',
      'input.freezing.property[0].amount',
    ],
    [
      'a zero amount',
      changed('FREEZING', 'freezing.property.0.amount', '0.000'),
      'INVALID_FIELD',
      'input.freezing.property[0].amount',
    ],
    [
      'an exponent',
      changed('FREEZING', 'freezing.property.0.amount', '1e5'),
      'INVALID_FIELD',
      'input.freezing.property[0].amount',
    ],
    [
      'an amount without its asset',
      changed('FREEZING', 'freezing.property.0.asset', null),
      'MISSING_FIELD',
      'input.freezing.property[0].asset',
    ],
    [
      'an asset that is not a ticker',
      changed('FREEZING', 'freezing.property.0.asset', 'Ether coin'),
      'INVALID_FIELD',
      'input.freezing.property[0].asset',
    ],
    [
      'a bad LEI',
      changed('FREEZING', 'freezing.property.0.vaspAccount', {
        vasp: 'V',
        lei: '5493001KJTIIGC8Y1R13',
        accountId: 'a',
      }),
      'INVALID_FIELD',
      'input.freezing.property[0].vaspAccount.lei',
    ],
    [
      'an account without its id',
      changed('FREEZING', 'freezing.property.0.vaspAccount', { vasp: 'V' }),
      'MISSING_FIELD',
      'input.freezing.property[0].vaspAccount.accountId',
    ],
    [
      'urgent without a reason',
      changed('FREEZING', 'freezing.urgent', true),
      'MISSING_FIELD',
      'input.freezing.urgencyReason',
    ],
    [
      'urgent not a boolean',
      changed('FREEZING', 'freezing.urgent', 'yes'),
      'INVALID_FIELD',
      'input.freezing.urgent',
    ],
    [
      'final before decided',
      changed('CONFISCATION', 'confiscation.finalAt', '2024-01-09'),
      'INVALID_FIELD',
      'input.confiscation.finalAt',
    ],
    [
      'not final yet',
      changed('CONFISCATION', 'confiscation.finalAt', '2024-05-07'),
      'INVALID_FIELD',
      'input.confiscation.finalAt',
    ],
    [
      'not a date',
      changed('CONFISCATION', 'confiscation.decidedAt', 'last week'),
      'INVALID_FIELD',
      'input.confiscation.decidedAt',
    ],
    [
      'a date missing',
      changed('CONFISCATION', 'confiscation.decidedAt', null),
      'MISSING_FIELD',
      'input.confiscation.decidedAt',
    ],
    [
      'preservation of nothing',
      changed('PRESERVATION', 'preservation.wallets', []),
      'MISSING_FIELD',
      'input.preservation.wallets',
    ],
    [
      'a list that is not a list',
      changed('PRESERVATION', 'preservation.wallets', TYPED_WALLET),
      'INVALID_FIELD',
      'input.preservation.wallets',
    ],
    [
      'a blank record id',
      changed('PRESERVATION', 'preservation.recordIds', [' ']),
      'MISSING_FIELD',
      'input.preservation.recordIds[0]',
    ],
    [
      'production about no wallet',
      changed('DISCLOSURE', 'disclosure.wallets', []),
      'MISSING_FIELD',
      'input.disclosure.wallets',
    ],
    [
      'no category',
      changed('DISCLOSURE', 'disclosure.categories', []),
      'MISSING_FIELD',
      'input.disclosure.categories',
    ],
    [
      'identity by production order',
      changed('DISCLOSURE', 'disclosure.categories.0.category', 'IDENTITY'),
      'INVALID_FIELD',
      'input.disclosure.categories[0].category',
    ],
    [
      'a category twice',
      changed('DISCLOSURE', 'disclosure.categories.1.category', 'FREEZING_ORDERS'),
      'INVALID_FIELD',
      'input.disclosure.categories[1].category',
    ],
    [
      'a category unjustified',
      changed('DISCLOSURE', 'disclosure.categories.0.justification', null),
      'MISSING_FIELD',
      'input.disclosure.categories[0].justification',
    ],
    [
      'an emergency unexplained',
      changed('DISCLOSURE', 'disclosure.emergency', true),
      'MISSING_FIELD',
      'input.disclosure.emergencyReason',
    ],
    [
      'both pseudonym and wallet',
      changed('DE_ANONYMISATION', 'deAnonymisation.wallet', TYPED_WALLET),
      'INVALID_FIELD',
      'input.deAnonymisation.pseudonym',
    ],
    [
      'neither pseudonym nor wallet',
      changed('DE_ANONYMISATION', 'deAnonymisation.pseudonym', null),
      'MISSING_FIELD',
      'input.deAnonymisation.pseudonym',
    ],
    [
      'a name for a pseudonym',
      changed('DE_ANONYMISATION', 'deAnonymisation.pseudonym', 'Jean Dupont'),
      'INVALID_FIELD',
      'input.deAnonymisation.pseudonym',
    ],
    [
      'a penalty in fractions',
      changed('DE_ANONYMISATION', 'deAnonymisation.maxPenaltyYears', 4.5),
      'INVALID_FIELD',
      'input.deAnonymisation.maxPenaltyYears',
    ],
    [
      'a penalty over 100 years',
      changed('DE_ANONYMISATION', 'deAnonymisation.maxPenaltyYears', 101),
      'INVALID_FIELD',
      'input.deAnonymisation.maxPenaltyYears',
    ],
    [
      'a penalty as text',
      changed('DE_ANONYMISATION', 'deAnonymisation.maxPenaltyYears', '10'),
      'INVALID_FIELD',
      'input.deAnonymisation.maxPenaltyYears',
    ],
    [
      'no retention',
      changed('DE_ANONYMISATION', 'deAnonymisation.retentionDays', undefined),
      'MISSING_FIELD',
      'input.deAnonymisation.retentionDays',
    ],
    [
      'zero retention',
      changed('DE_ANONYMISATION', 'deAnonymisation.retentionDays', 0),
      'INVALID_FIELD',
      'input.deAnonymisation.retentionDays',
    ],
    [
      'retention over ten years',
      changed('DE_ANONYMISATION', 'deAnonymisation.retentionDays', 3651),
      'INVALID_FIELD',
      'input.deAnonymisation.retentionDays',
    ],
    [
      'notice deferred into the past',
      changed('DE_ANONYMISATION', 'deAnonymisation.noticeDeferredUntil', '2024-05-06T12:00:00Z'),
      'INVALID_FIELD',
      'input.deAnonymisation.noticeDeferredUntil',
    ],
    [
      'registry records by de-anonymisation',
      changed('DE_ANONYMISATION', 'deAnonymisation.categories.0.category', 'WATCHLIST_ENTRIES'),
      'INVALID_FIELD',
      'input.deAnonymisation.categories[0].category',
    ],
    [
      'a category without proportionality',
      changed('DE_ANONYMISATION', 'deAnonymisation.categories.1.proportionality', ''),
      'MISSING_FIELD',
      'input.deAnonymisation.categories[1].proportionality',
    ],
  ];
  it.each(refused)('refuses %s', (_, input, reason, field) => {
    let refusal: unknown;
    try {
      parseRequestForm(input, NOW);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RequestRefusal);
    const { code, reason: r, field: f } = refusal as RequestRefusal;
    expect([code, r, f]).toEqual(['BAD_USER_INPUT', reason, field]);
  });

  it('never repeats a refused wallet in its message', () => {
    try {
      parseRequestForm(changed('DISCLOSURE', 'disclosure.wallets', [BAD_CHECKSUM]), NOW);
    } catch (error) {
      expect((error as Error).message).not.toContain('5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeE');
      return;
    }
    throw new Error('expected a refusal');
  });
});
