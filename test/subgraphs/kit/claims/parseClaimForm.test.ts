import { describe, expect, it } from 'vitest';
import {
  MAX_EVIDENCE,
  parseClaimForm,
  partyOf,
  unitsOf,
} from '../../../../subgraphs/kit/claims/parseClaimForm.js';

const NOW = '2026-03-02T10:00:00.000Z';
const EVM_HASH = `0x${'ab'.repeat(32)}`;
const BTC_HASH = 'cd'.repeat(32);
const ETH_WALLET = 'eth:0x3260cacc9faee9939805f85c757e66999b79b3d3';
const BTC_WALLET = 'btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';

const form = (overrides: Record<string, unknown> = {}) => ({
  orderId: 'rco-req-de-000001',
  asset: 'ETH',
  amountUnits: '1500000000000000000',
  lossAt: '2025-06-01T12:00:00Z',
  evidence: [{ transactionHash: EVM_HASH }],
  claimant: { name: 'A Victim', birthDate: '1970-04-02', idNumber: 'ID-1', country: 'fr' },
  ...overrides,
});

/** What a refusal carries to the caller: code, reason and the input path at fault. */
function refusalOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    const { code, reason, field } = error as { code: string; reason: string; field: string };
    return { code, reason, field };
  }
  throw new Error('expected a refusal');
}

describe('parseClaimForm', () => {
  it('reads a good form: asset upper case, hashes lower case, lossAt in UTC, country upper case', () => {
    const parsed = parseClaimForm(
      form({
        asset: ' eth ',
        lossAt: '2025-06-01T14:00:00+02:00',
        evidence: [
          { transactionHash: EVM_HASH.toUpperCase().replace('0X', '0x'), fromWallet: ETH_WALLET },
        ],
      }),
      NOW,
    );
    expect(parsed).toEqual({
      orderId: 'rco-req-de-000001',
      asset: 'ETH',
      amountUnits: '1500000000000000000',
      lossAt: '2025-06-01T12:00:00.000Z',
      evidence: [
        {
          transactionHash: EVM_HASH,
          // EVM addresses are stored in their EIP-55 checksum case.
          fromWallet: 'eip155:1:0x3260caCc9faEE9939805F85c757E66999B79b3d3',
        },
      ],
      claimant: { name: 'A Victim', birthDate: '1970-04-02', idNumber: 'ID-1', country: 'FR' },
    });
  });

  it.each([
    [
      'a Bitcoin hash from a Bitcoin wallet',
      [{ transactionHash: BTC_HASH, fromWallet: BTC_WALLET }],
    ],
    ['a Bitcoin hash with no wallet named', [{ transactionHash: BTC_HASH }]],
    ['an EVM hash with no wallet named', [{ transactionHash: EVM_HASH }]],
    [
      'hashes of two chains in one claim',
      [{ transactionHash: EVM_HASH }, { transactionHash: BTC_HASH }],
    ],
  ])('accepts %s', (_case, evidence) => {
    expect(parseClaimForm(form({ evidence }), NOW).evidence).toHaveLength(evidence.length);
  });

  it.each([
    // [case, form overrides, reason, input path]
    ['no form at all', null, 'MISSING_FIELD', 'input'],
    ['an unknown asset', { asset: 'DOGE' }, 'INVALID_FIELD', 'input.asset'],
    ['no asset', { asset: '  ' }, 'MISSING_FIELD', 'input.asset'],
    ['no order', { orderId: undefined }, 'MISSING_FIELD', 'input.orderId'],
    ['a loss in the future', { lossAt: '2026-03-03T00:00:00Z' }, 'INVALID_FIELD', 'input.lossAt'],
    ['a loss with no offset', { lossAt: '2025-06-01T12:00:00' }, 'INVALID_FIELD', 'input.lossAt'],
    ['an impossible day', { lossAt: '2025-02-30' }, 'INVALID_FIELD', 'input.lossAt'],
    ['no evidence', { evidence: [] }, 'MISSING_FIELD', 'input.evidence'],
    ['evidence that is not a list', { evidence: 'x' }, 'MISSING_FIELD', 'input.evidence'],
    [
      'more transactions than a claim may cite',
      {
        evidence: Array.from({ length: MAX_EVIDENCE + 1 }, (_, n) => ({
          transactionHash: n.toString(16).padStart(64, '0'),
        })),
      },
      'INVALID_FIELD',
      'input.evidence',
    ],
    [
      'one transaction cited twice, in two cases',
      { evidence: [{ transactionHash: BTC_HASH }, { transactionHash: BTC_HASH.toUpperCase() }] },
      'INVALID_FIELD',
      'input.evidence',
    ],
    [
      'a hash of the wrong length',
      { evidence: [{ transactionHash: 'ab'.repeat(31) }] },
      'INVALID_FIELD',
      'input.evidence[0].transactionHash',
    ],
    [
      'a hash that is not hexadecimal',
      { evidence: [{ transactionHash: 'zz'.repeat(32) }] },
      'INVALID_FIELD',
      'input.evidence[0].transactionHash',
    ],
    [
      'a Bitcoin-form hash from an EVM wallet',
      { evidence: [{ transactionHash: BTC_HASH, fromWallet: ETH_WALLET }] },
      'INVALID_FIELD',
      'input.evidence[0].transactionHash',
    ],
    [
      'an EVM hash from a Bitcoin wallet',
      {
        evidence: [
          { transactionHash: BTC_HASH },
          { transactionHash: EVM_HASH, fromWallet: BTC_WALLET },
        ],
      },
      'INVALID_FIELD',
      'input.evidence[1].transactionHash',
    ],
    [
      'a wallet id of no known chain',
      { evidence: [{ transactionHash: EVM_HASH, fromWallet: 'xyz:abc' }] },
      'INVALID_FIELD',
      'input.evidence[0].fromWallet',
    ],
    [
      'an evidence item that is not an object',
      { evidence: ['ab'] },
      'MISSING_FIELD',
      'input.evidence[0]',
    ],
    ['a zero amount', { amountUnits: '0' }, 'INVALID_FIELD', 'input.amountUnits'],
    ['a decimal amount', { amountUnits: '1.5' }, 'INVALID_FIELD', 'input.amountUnits'],
    ['a leading zero', { amountUnits: '0100' }, 'INVALID_FIELD', 'input.amountUnits'],
    ['an amount as a number', { amountUnits: 100 }, 'INVALID_FIELD', 'input.amountUnits'],
    ['a negative amount', { amountUnits: '-5' }, 'INVALID_FIELD', 'input.amountUnits'],
    ['no claimant', { claimant: undefined }, 'MISSING_FIELD', 'input.claimant'],
    [
      'a claimant with no name',
      { claimant: { country: 'FR' } },
      'MISSING_FIELD',
      'input.claimant.name',
    ],
    [
      'a claimant country of three letters',
      { claimant: { name: 'A', country: 'FRA' } },
      'INVALID_FIELD',
      'input.claimant.country',
    ],
    [
      'a birth date that does not exist',
      { claimant: { name: 'A', country: 'FR', birthDate: '1970-02-30' } },
      'INVALID_FIELD',
      'input.claimant.birthDate',
    ],
    [
      'a birth date in the future',
      { claimant: { name: 'A', country: 'FR', birthDate: '2027-01-01' } },
      'INVALID_FIELD',
      'input.claimant.birthDate',
    ],
    [
      'a birth date with a time',
      { claimant: { name: 'A', country: 'FR', birthDate: '1970-01-01T00:00:00Z' } },
      'INVALID_FIELD',
      'input.claimant.birthDate',
    ],
  ] as const)('refuses %s, naming the field', (_case, overrides, reason, path) => {
    const input = overrides === null ? null : form(overrides as Record<string, unknown>);
    expect(refusalOf(() => parseClaimForm(input, NOW))).toEqual({
      code: 'BAD_USER_INPUT',
      reason,
      field: path,
    });
  });
});

describe('partyOf and unitsOf', () => {
  it('reads optional fields as null when absent or blank', () => {
    expect(partyOf({ name: ' B ', country: 'de', idNumber: ' ' }, 'input.holder', NOW)).toEqual({
      name: 'B',
      birthDate: null,
      idNumber: null,
      country: 'DE',
    });
  });

  it.each([
    ['1', '1'],
    [' 42 ', '42'],
    ['9'.repeat(78), '9'.repeat(78)],
  ])('reads %j as %j units', (value, units) => {
    expect(unitsOf(value, 'input.amountUnits')).toBe(units);
  });

  it('refuses more digits than any asset has units (79)', () => {
    expect(refusalOf(() => unitsOf('9'.repeat(79), 'input.amountUnits'))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_FIELD',
      field: 'input.amountUnits',
    });
  });
});
