import { loadMemberPolicy } from '../../../subgraphs/membership.js';
import { describe, expect, it } from 'vitest';
import { EU_MEMBER_STATES } from '../../../core/policy/countries.js';
import { renderRequestMatrix } from '../../../schema/policy/renderRequestMatrix.js';
import { requestMatrix } from '../../../schema/policy/requestMatrix.js';

async function tablesOf(code: string) {
  const lines = renderRequestMatrix(requestMatrix(await loadMemberPolicy(code)));
  /** The table rows under `#### heading`, as arrays of trimmed cells. */
  const table = (heading: string) => {
    const start = lines.indexOf(`#### ${heading}`);
    const end = lines.findIndex((line, index) => index > start && line.startsWith('#### '));
    return lines
      .slice(start, end === -1 ? undefined : end)
      .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
      .slice(1)
      .map((line) =>
        line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim()),
      );
  };
  return { lines, table };
}

describe('renderRequestMatrix of the real members', () => {
  it("shows Germany's freezing accepted from the member states bound by 2018/1805 alone", async () => {
    const { table } = await tablesOf('de');
    const [type, instrument, countries] = table(
      'Accepted types, by instrument and issuing country',
    ).find((row) => row[0] === 'FREEZING')!;
    expect([type, instrument]).toEqual([
      'FREEZING',
      'Regulation (EU) 2018/1805 (freezing certificate)',
    ]);
    const codes = /^EU_2018_1805 \((.+)\)$/.exec(countries!)![1]!.split(', ');
    expect(codes.every((code) => EU_MEMBER_STATES.includes(code))).toBe(true);
    expect(codes).toHaveLength(25);
    expect(codes).not.toContain('DK');
    expect(codes).not.toContain('IE');
  });

  it("shows Germany's urgent freezing deadlines, 48 h and 48 h, with Art. 9(3)", async () => {
    const { table } = await tablesOf('de');
    const rows = table('Deadlines');
    const freezing = rows.slice(
      rows.findIndex((row) => row[0] === 'FREEZING'),
      rows.findIndex((row) => row[0] === 'CONFISCATION'),
    );
    expect(freezing.filter((row) => row[5] === 'urgent').map((row) => row.slice(2, 5))).toEqual([
      ['ACKNOWLEDGE', '2 h', 'receipt'],
      ['DECIDE', '48 h', 'receipt'],
      ['EXECUTE', '48 h', 'recognition'],
    ]);
    expect(freezing.find((row) => row[2] === 'DECIDE' && row[5] === 'urgent')?.[6]).toContain(
      'Regulation (EU) 2018/1805 Art. 9(3)',
    );
  });

  it("shows France's routes beside its EU instruments, and who acts", async () => {
    const { table } = await tablesOf('fr');
    const accepted = table('Accepted types, by instrument and issuing country');
    const disclosure = accepted.findIndex((row) => row[0] === 'DISCLOSURE');
    expect(accepted[disclosure + 1]).toEqual([
      '',
      'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
      'COE_MLA (CH, GB, IS, NO); DK',
    ]);
    expect(table('Who acts, by step').find((row) => row[0] === 'FREEZING')).toEqual([
      'FREEZING',
      'JUDGE, PROSECUTOR, INVESTIGATOR',
      'INVESTIGATOR',
      'CENTRAL_AUTHORITY',
      'JUDGE',
      'ASSET_RECOVERY_OFFICER',
    ]);
    expect(
      table('Grounds for refusal and postponement').find((row) => row[0] === '`NE_BIS_IN_IDEM`'),
    ).toEqual([
      '`NE_BIS_IN_IDEM`',
      'Contrary to ne bis in idem',
      'refusal',
      expect.stringContaining('Regulation (EU) 2018/1805 Art. 8(1)(a)'),
    ]);
  });

  it("states France's de-anonymisation threshold and review with their bases", async () => {
    const { lines } = await tablesOf('fr');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^DE_ANONYMISATION: only for offences punishable by at least 3 years .*Art\. 11\(1\)\(h\)/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^DE_ANONYMISATION: a judge reviews the authorisation within 90 days/),
    );
  });

  it('lists what Singapore refuses at filing, its working-day standards and holidays', async () => {
    const { table, lines } = await tablesOf('sg');
    expect(
      table('Accepted types, by instrument and issuing country')
        .filter((row) => row[1] === 'not accepted: refused at filing')
        .map((row) => row[0]),
    ).toEqual(['FREEZING', 'CONFISCATION', 'DE_ANONYMISATION']);
    expect(table('Deadlines')[0]).toEqual([
      'PRESERVATION',
      'ASEAN_MLAT, MLA_PARTNERS',
      'ACKNOWLEDGE',
      '1 working day',
      'receipt',
      'all',
      "Singapore's service standard under its MLA arrangements (no statutory period)",
    ]);
    expect(lines.find((line) => line.startsWith('Holidays:'))).toContain('2026-08-10');
  });
});
