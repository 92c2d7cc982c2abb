import { describe, expect, it } from 'vitest';
import { barTitle, barsOf, chartParts } from '../../dashboard/src/decisions/countBars.js';
import { countCell, sumCells } from '../../dashboard/src/decisions/countCell.js';
import { memberDecision } from '../../dashboard/src/decisions/memberDecision.js';
import { minimisedForm } from '../../dashboard/src/decisions/minimisedForm.js';
import { navigationFor } from '../../dashboard/src/navigation.js';

describe('minimisedForm', () => {
  it.each([
    ['psn_hgda6ltxayt4kxhppvtnrj3cpe', 'PSEUDONYM'],
    ['••••••1234', 'MASK'],
    ['<1000', 'RANGE'],
    ['>=1000000', 'RANGE'],
    ['1000-10000', 'RANGE'],
    ['J. B.', 'INITIALS'],
    ['J.-P. D.', 'INITIALS'],
    ['Oliver Wright', null],
    ['1319.45', null],
    ['2024-06-22', null],
    [true, null],
    [null, null],
  ])('%j → %s', (value, form) => {
    expect(minimisedForm(value)).toBe(form);
  });
});

const forbidden = (path: (string | number)[], reason: string) => ({
  message: 'denied',
  path,
  extensions: { code: 'FORBIDDEN', reason, field: 'WalletRecords.x' },
});

describe('memberDecision', () => {
  it.each([
    ['released records', [{ name: 'Oliver Wright' }], [], { kind: 'RELEASED', records: 1 }],
    ['an empty list is released, with no records', [], [], { kind: 'RELEASED', records: 0 }],
    [
      'denied, with the member reason',
      null,
      [forbidden(['wallet', 'de', 'x'], 'ROLE_NOT_ALLOWED')],
      { kind: 'DENIED', reason: 'ROLE_NOT_ALLOWED', field: 'WalletRecords.x' },
    ],
    [
      'denied above: the whole namespace',
      null,
      [forbidden(['wallet', 'de'], 'COUNTRY_NOT_ALLOWED')],
      { kind: 'DENIED', reason: 'COUNTRY_NOT_ALLOWED' },
    ],
    [
      'another error is no answer, not a denial',
      null,
      [
        {
          message: 'down',
          path: ['wallet', 'de', 'x'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
        },
      ],
      { kind: 'UNAVAILABLE', code: 'SUBGRAPH_UNAVAILABLE' },
    ],
    [
      'minimised values named by form',
      [{ id: 'psn_abcdefgh', name: 'J. B.' }],
      [],
      {
        kind: 'MINIMISED',
        minimised: [
          { path: '0.id', form: 'PSEUDONYM' },
          { path: '0.name', form: 'INITIALS' },
        ],
        withheld: [],
      },
    ],
    [
      'a field withheld inside released records',
      [{ subject: null }],
      [forbidden(['wallet', 'de', 'x', 0, 'subject'], 'PURPOSE_NOT_ALLOWED')],
      { kind: 'MINIMISED', withheld: [{ path: '0.subject', reason: 'PURPOSE_NOT_ALLOWED' }] },
    ],
    [
      "another member's denial is not this one's",
      [{ a: 1 }],
      [forbidden(['wallet', 'fr', 'x'], 'ROLE_NOT_ALLOWED')],
      { kind: 'RELEASED' },
    ],
  ])('%s', (_title, value, errors, expected) => {
    expect(memberDecision(value, errors, ['wallet', 'de', 'x'])).toMatchObject(expected);
  });
});

it('reads published statistics as released: their "<5" is suppression, not a minimised range', () => {
  const report = { requests: [{ count: '<5' }, { count: '12' }] };
  expect(memberDecision(report, [], ['fr', 'transparency'], { forms: false })).toEqual({
    kind: 'RELEASED',
    records: null,
  });
  expect(memberDecision(report, [], ['fr', 'transparency']).kind).toBe('MINIMISED');
});

describe('countCell and sumCells', () => {
  it.each([
    ['<5', { suppressed: true }],
    ['5', { suppressed: false, value: 5 }],
    ['1234', { suppressed: false, value: 1234 }],
    ['n/a', { suppressed: true }],
  ])('%s', (published, expected) => {
    expect(countCell(published)).toEqual(expected);
  });

  it('never turns a suppressed cell into zero: the total is flagged partial', () => {
    expect(sumCells(['7', '<5', '12'].map(countCell))).toEqual({ total: 19, partial: true });
    expect(sumCells(['7', '12'].map(countCell))).toEqual({ total: 19, partial: false });
  });
});

describe('navigationFor', () => {
  it.each([
    ['PUBLIC', ['transparency', 'sign-in']],
    ['ANALYST', ['transparency', 'recoveries', 'lookup', 'sign-in']],
    ['INVESTIGATOR', ['transparency', 'recoveries', 'requests', 'lookup', 'sign-in']],
    ['CENTRAL_AUTHORITY', ['transparency', 'recoveries', 'requests', 'lookup', 'sign-in']],
    ['AUDITOR', ['transparency', 'recoveries', 'audit', 'sign-in']],
    ['JUDGE', ['transparency', 'recoveries', 'requests', 'lookup', 'judge', 'sign-in']],
  ])('%s', (role, pages) => {
    expect(navigationFor(role)).toEqual(pages);
  });
});

describe('the count chart', () => {
  const rows = [
    { member: 'FR', month: '2026-10', count: '12' },
    { member: 'FR', month: '2026-10', count: '<5' },
    { member: 'FR', month: '2026-11', count: '<5' },
    { member: 'FR', month: '2026-11', count: '<5' },
    { member: 'DE', month: '2026-11', count: '7' },
  ];

  it('draws no bar for a month of suppressed cells only: a hatched "<5" band instead', () => {
    const { counted, suppressedOnly, suppressedBeside } = chartParts(barsOf(rows));
    expect(counted.map((bar) => [bar.member, bar.month, bar.known])).toEqual([
      ['FR', '2026-10', 12],
      ['DE', '2026-11', 7],
    ]);
    expect(counted.every((bar) => bar.known > 0)).toBe(true);
    expect(suppressedOnly.map((bar) => [bar.member, bar.month, bar.suppressedCells])).toEqual([
      ['FR', '2026-11', 2],
    ]);
    expect(suppressedBeside.map((bar) => [bar.member, bar.month])).toEqual([['FR', '2026-10']]);
  });

  it('never names a suppressed cell as a number in a tooltip', () => {
    const titles = barsOf(rows).map(barTitle);
    expect(titles).toEqual([
      'FR 2026-10: 12 and 1 suppressed cell (<5 each)',
      'FR 2026-11: 2 suppressed cells (<5 each)',
      'DE 2026-11: 7',
    ]);
    expect(titles.some((title) => /: 0\b/.test(title))).toBe(false);
  });
});
