import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSdn } from '../../../../subgraphs/us/registry/importSdn.js';
import { openRegistries } from '../../../../subgraphs/us/registry/index.js';
import { readSdnXml, SdnFileError } from '../../../../subgraphs/us/registry/readSdnXml.js';
import { storePath } from '../../../../subgraphs/us/registry/store.js';

// The SDN importer on files of OFAC's sdn.xml format: good entries are loaded with their
// addresses as CAIP-10 wallet ids, malformed entries are skipped with the reason, misfiled
// addresses are left out of their entry with the reason, and a file that cannot be trusted
// is refused whole, leaving the previous data in place.

const ADDRESS = {
  btc: 'bc1qqscce3zguxj4vez2xsmtk93cwdkvmf0h45u7p3',
  eth: '0x3260cacc9faee9939805f85c757e66999b79b3d3',
  tron: 'TBqz9EXWeXgyvem3U1S4PGVmLmDoKmkhQz',
};

const id = (uid: number, idType: string, idNumber: string) =>
  `<id><uid>${uid}</uid><idType>${idType}</idType><idNumber>${idNumber}</idNumber></id>`;

function sdnList(entries: string[], recordCount = entries.length): string {
  return `<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>01/15/2026</Publish_Date><Record_Count>${recordCount}</Record_Count></publshInformation>
  ${entries.join('\n  ')}
</sdnList>`;
}

const entry = (fields: string) => `<sdnEntry>${fields}</sdnEntry>`;
const programs = '<programList><program>CYBER2</program></programList>';

const GOOD_PERSON = entry(
  `<uid>101</uid><firstName>Ann</firstName><lastName>EXAMPLE</lastName><sdnType>Individual</sdnType>${programs}` +
    `<idList>${id(1, 'Digital Currency Address - XBT', ADDRESS.btc)}${id(2, 'Passport', 'P123')}</idList>` +
    '<nationalityList><nationality><uid>3</uid><country>Germany</country><mainEntry>true</mainEntry></nationality></nationalityList>' +
    '<dateOfBirthList><dateOfBirthItem><uid>4</uid><dateOfBirth>02 Jan 1980</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>',
);
const GOOD_ENTITY = entry(
  `<uid>102</uid><lastName>SAMPLE TRADING LTD</lastName><sdnType>Entity</sdnType>${programs}` +
    `<idList>${id(5, 'Digital Currency Address - ETH', ADDRESS.eth)}</idList>`,
);
const MISFILED = entry(
  `<uid>103</uid><lastName>MISFILED LTD</lastName><sdnType>Entity</sdnType>${programs}` +
    `<idList>${id(6, 'Digital Currency Address - XBT', ADDRESS.tron)}${id(7, 'Digital Currency Address - ETH', '0x12')}</idList>`,
);
const NO_UID = entry(`<lastName>NAMELESS</lastName><sdnType>Entity</sdnType>${programs}`);
const NO_NAME = entry(`<uid>104</uid><sdnType>Individual</sdnType>${programs}`);
const BAD_TYPE = entry(`<uid>105</uid><lastName>X</lastName><sdnType>Robot</sdnType>${programs}`);
const NO_PROGRAM = entry(
  '<uid>106</uid><lastName>Y</lastName><sdnType>Entity</sdnType><programList/>',
);

describe('readSdnXml', () => {
  const sdn = readSdnXml(
    sdnList([GOOD_PERSON, GOOD_ENTITY, MISFILED, NO_UID, NO_NAME, BAD_TYPE, NO_PROGRAM]),
    { fallbackDate: '2000-01-01' },
  );

  it('loads good entries with their addresses as CAIP-10 wallet ids', () => {
    const byId = Object.fromEntries(sdn.entries.map((e) => [e.id, e]));
    expect(byId['us-sdn-101']).toMatchObject({
      program: 'CYBER2',
      listingDate: '2026-01-15',
      walletIds: [`bip122:000000000019d6689c085ae165831e93:${ADDRESS.btc}`],
      subject: {
        kind: 'Person',
        name: 'Ann EXAMPLE',
        birthDate: '1980-01-02',
        nationality: 'DE',
        idNumber: 'P123',
      },
    });
    expect(byId['us-sdn-102']!.walletIds).toEqual([
      'eip155:1:0x3260caCc9faEE9939805F85c757E66999B79b3d3',
    ]);
    expect(byId['us-sdn-102']!.subject).toMatchObject({
      kind: 'Organization',
      name: 'SAMPLE TRADING LTD',
    });
  });

  it('keeps a misfiled entry without its rejected addresses, and says why for each', () => {
    const misfiled = sdn.entries.find((e) => e.id === 'us-sdn-103');
    expect(misfiled?.walletIds).toEqual([]);
    const note = sdn.notes.find((n) => n.record === 'uid 103');
    expect(note?.outcome).toBe('PARTIAL');
    expect(note?.reasons).toHaveLength(2);
    expect(note?.reasons[0]).toMatch(/Digital Currency Address - XBT "TBqz9.*".*Tron/);
    expect(note?.reasons[1]).toMatch(/Digital Currency Address - ETH "0x12"/);
  });

  it('skips malformed entries, one note each with its reason', () => {
    const skipped = sdn.notes.filter((n) => n.outcome === 'SKIPPED');
    expect(skipped.map((n) => [n.record, n.reasons.join('; ')])).toEqual([
      ['sdnEntry #4', expect.stringMatching(/no numeric uid/)],
      ['uid 104', expect.stringMatching(/no lastName/)],
      ['uid 105', expect.stringMatching(/sdnType "Robot"/)],
      ['uid 106', expect.stringMatching(/no program/)],
    ]);
    expect(sdn.entries.map((e) => e.id)).toEqual(['us-sdn-101', 'us-sdn-102', 'us-sdn-103']);
  });

  it('refuses text that is not well-formed XML, or not an SDN list', () => {
    expect(() =>
      readSdnXml('<sdnList><sdnEntry></sdnList>', { fallbackDate: '2000-01-01' }),
    ).toThrow(SdnFileError);
    expect(() => readSdnXml('<consolidatedList/>', { fallbackDate: '2000-01-01' })).toThrow(
      /no sdnList element/,
    );
  });
});

describe('importSdn', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'comity-us-import-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const importText = async (name: string, xml: string, dataDir: string) => {
    const file = path.join(dir, name);
    await writeFile(file, xml);
    return importSdn({ file, dataDir, databaseUrl: null });
  };

  it('serves what it imported: the wallet finds its entry', async () => {
    const dataDir = path.join(dir, 'data');
    const result = await importText(
      'good.xml',
      sdnList([GOOD_PERSON, GOOD_ENTITY, MISFILED, NO_NAME]),
      dataDir,
    );
    expect(result.imported).toBe(3);
    expect(result.notes.map((n) => [n.record, n.outcome])).toEqual([
      ['uid 103', 'PARTIAL'],
      ['uid 104', 'SKIPPED'],
    ]);
    const registries = await openRegistries({ dataDir, databaseUrl: null, countQuery: () => {} });
    try {
      const [found, tron] = await registries.watchlist.entriesByWallets([
        'eip155:1:0x3260caCc9faEE9939805F85c757E66999B79b3d3',
        `tron:728126428:${ADDRESS.tron}`,
      ]);
      expect(found!.map((e) => e.id)).toEqual(['us-sdn-102']);
      // The misfiled address was refused, so nothing is listed under it on any chain.
      expect(tron).toEqual([]);
    } finally {
      await registries.close();
    }
  });

  it('refuses a file holding fewer entries than it says, and keeps the previous data', async () => {
    const dataDir = path.join(dir, 'data');
    const error = await importText('truncated.xml', sdnList([GOOD_PERSON], 2), dataDir).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SdnFileError);
    expect((error as Error).message).toMatch(/says it holds 2 entries but holds 1/);
    const registries = await openRegistries({ dataDir, databaseUrl: null, countQuery: () => {} });
    try {
      expect((await registries.watchlist.listEntries({ first: 10, after: null })).totalCount).toBe(
        3,
      );
    } finally {
      await registries.close();
    }
  });

  it('refuses a file with no usable entry and writes nothing', async () => {
    const dataDir = path.join(dir, 'empty');
    await expect(importText('bad.xml', sdnList([NO_UID, BAD_TYPE]), dataDir)).rejects.toThrow(
      /no entry of the file can be imported/,
    );
    expect(existsSync(storePath(dataDir))).toBe(false);
  });
});
