import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberConfigs } from '../../core/federationConfig.js';
import { ETHEREUM_MAINNET, encodeEvmAddress } from '../../core/identifiers/index.js';
import type {
  ExchangeDisclosureRecord,
  PersonRecord,
  WatchlistEntryRecord,
} from '../../core/records.js';
import { PSEUDONYM_PREFIX } from '../../core/policy/pseudonym.js';
import { releasedAs } from '../support/releasedForm.js';
import type { Strategy } from '../support/releasedForm.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { FTM_FILE_NAME } from '../../subgraphs/de/registry/registryNames.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';
import { readCounter } from '../support/graphqlClient.js';
import { REDIS_URL, redisAvailable } from '../support/services.js';
import { personSubject, readSeededRecords } from '../support/seededRecords.js';
import type { SeededRecords } from '../support/seededRecords.js';

// Role × purpose × field, through the real gateway over HTTP into the real subgraphs. Every
// expected value is built from the seeded source record (France's export files, Germany's
// and Singapore's own registry readers) with the pure minimisation functions, which have
// their own unit tests; nothing is compared with another answer of the system under test.

const DEFAULT_CASE = 'CASE-2026-0001';

let fixture: FederationFixture;
let seeded: SeededRecords;
/** A French watchlist entry whose subject is a person (the seed's FR-WL-0000001 is a company). */
let frEntry: WatchlistEntryRecord;
let frPerson: PersonRecord;
let dePerson: PersonRecord;
let sgPerson: PersonRecord;
let sgPersonEntryId: string;
let sgDisclosure: ExchangeDisclosureRecord;

beforeAll(async () => {
  // France's SQL registries sit behind the Redis read-through cache here, so every policy
  // test below also proves that records served from the cache are policed like the rest.
  fixture = await startFederationFixture({
    portOffset: 21_000,
    env: (await redisAvailable()) ? { REGISTRY_CACHE_REDIS_URL: REDIS_URL } : {},
    beforeStart: listInGermanyAndSingapore,
  });
  seeded = await readSeededRecords(fixture.dataRoot, fixture.keys.dir);
  frEntry = seeded.fr.watchlist.find(
    (entry) =>
      entry.subject.kind === 'Person' &&
      entry.subject.birthDate !== null &&
      entry.subject.idNumber !== null,
  )!;
  frPerson = personSubject(frEntry);
  const [deEntry] = await seeded.de.watchlist!.entriesByIds(['de-sanction-0000001']);
  dePerson = personSubject(deEntry);
  const sgEntries = await seeded.sg.watchlist.listEntries({ first: 500, after: null });
  const sgEntry = sgEntries.records
    .filter((entry) => entry.subject.kind === 'Person')
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  sgPerson = personSubject(sgEntry);
  sgPersonEntryId = sgEntry!.id;
  [sgDisclosure] = (await seeded.sg.disclosures.disclosuresByIds(['SG-TR-0000001'])) as [
    ExchangeDisclosureRecord,
  ];
}, 180_000);

afterAll(async () => {
  await seeded?.close();
  await fixture?.stop();
});

/**
 * One person on both the German and the Singapore list, as a UN Security Council listing is
 * carried into the EU's (Regulation (EC) No 881/2002) and Singapore's sanctions law alike, with
 * the same passport and a wallet a Singapore exchange reported. The seeds list nobody twice,
 * so the test writes the two records, each in its registry's own format, before start.
 */
const UN_LISTED = {
  firstName: 'Tomás',
  lastName: 'Ferreira Lund',
  birthDate: '1979-04-12',
  passport: 'K7Q2M9X41',
  country: 'PT',
  deEntryId: 'de-sanction-un-0000001',
  sgEntryId: 'SG-WL-9000001',
  wallet: `${ETHEREUM_MAINNET.chainId}:${encodeEvmAddress(randomBytes(20))}`,
};

function listInGermanyAndSingapore(dataRoot: string): void {
  const ftm = (entity: object) => `${JSON.stringify(entity)}\n`;
  appendFileSync(
    path.join(dataRoot, 'de', FTM_FILE_NAME),
    ftm({
      id: 'de-person-un-0000001',
      schema: 'Person',
      properties: {
        name: [`${UN_LISTED.firstName} ${UN_LISTED.lastName}`],
        firstName: [UN_LISTED.firstName],
        lastName: [UN_LISTED.lastName],
        birthDate: [UN_LISTED.birthDate],
        nationality: [UN_LISTED.country.toLowerCase()],
        idNumber: [UN_LISTED.passport],
      },
    }) +
      ftm({
        id: 'de-wallet-un-0000001',
        schema: 'CryptoWallet',
        properties: {
          publicKey: [UN_LISTED.wallet],
          currency: ['ETH'],
          holder: ['de-person-un-0000001'],
        },
      }) +
      ftm({
        id: UN_LISTED.deEntryId,
        schema: 'Sanction',
        properties: {
          entity: ['de-person-un-0000001'],
          authority: ['Rat der Europäischen Union'],
          program: ['EU 881/2002'],
          provisions: ['Einfrieren von Geldern (Art. 2 VO (EG) Nr. 881/2002)'],
          reason: ['Listung durch den Sanktionsausschuss des VN-Sicherheitsrats (Res. 1267)'],
          listingDate: ['2019-02-01'],
          startDate: ['2019-02-01'],
          country: ['de'],
          modifiedAt: ['2019-02-01'],
        },
      }),
  );
  const sgFolder = path.join(dataRoot, 'sg', 'watchlist', 'un');
  mkdirSync(sgFolder, { recursive: true });
  writeFileSync(
    path.join(sgFolder, `${UN_LISTED.sgEntryId}.json`),
    JSON.stringify({
      id: UN_LISTED.sgEntryId,
      listing: {
        authority: 'Monetary Authority of Singapore',
        program: 'Terrorism (Suppression of Financing) Act wallets of interest',
        provisions: ['Terrorism (Suppression of Financing) Act 2002, s. 8'],
        reason: 'Wallet of a person designated by the UN Security Council (resolution 1267)',
        listingDate: '2019-03-04',
        startDate: '2019-03-04',
        endDate: null,
        sourceUrl: null,
      },
      provenance: {
        handlingCode: 'H1',
        sourceReliability: 'A',
        informationAccuracy: 1,
        lastUpdated: '2019-03-04T00:00:00.000Z',
      },
      ivms101: {
        subject: {
          naturalPerson: {
            name: [
              {
                nameIdentifier: [
                  {
                    primaryIdentifier: UN_LISTED.lastName,
                    secondaryIdentifier: UN_LISTED.firstName,
                    nameIdentifierType: 'LEGL',
                  },
                ],
              },
            ],
            nationalIdentification: {
              nationalIdentifier: UN_LISTED.passport,
              nationalIdentifierType: 'CCPT',
              countryOfIssue: UN_LISTED.country,
            },
            customerIdentification: 'SG-EXCH-CUST-0041877',
            dateAndPlaceOfBirth: { dateOfBirth: UN_LISTED.birthDate, placeOfBirth: 'Porto' },
            countryOfResidence: 'SG',
          },
        },
        accountNumber: [UN_LISTED.wallet],
      },
    }),
  );
}

// ---------------------------------------------------------------------------------------
// Expected forms

/** The @minimize strategies under test; MASK4 is MASK keeping the last 4 characters. */
/** How a field arrives: as it is, reduced by a strategy, or withheld (null + FORBIDDEN). */
type Form = 'CLEAR' | Strategy | 'FORBIDDEN';

/** The value in `form`, by the pure minimisation functions (test/support/releasedForm.ts). */
const reduce = (value: unknown, form: 'CLEAR' | Strategy, caseRef: string | null): unknown =>
  releasedAs(value, form, seeded.pseudonymSecret, caseRef);

const caseOf = (asking: Asking) => (asking.caseRef === undefined ? DEFAULT_CASE : asking.caseRef);

type Row = Record<string, unknown>;

/** One record seen through the gateway, and the same record at its source. */
interface Target {
  jurisdiction: 'FR' | 'DE' | 'SG';
  query: string;
  variables: () => Record<string, unknown>;
  /** The source values of the fields under test. */
  source: () => Row;
  /** The same fields as the response carries them. */
  observed: (data: any) => Row;
  /** Where a denial of the whole record shows: response paths and schema coordinates. */
  denials: { path: string[]; field: string }[];
  /** Where a denial of one field of the record shows. */
  fieldDenial: (field: string) => { path: (string | number)[]; field: string };
}

interface Allowed {
  title: string;
  asking: Asking;
  forms: Record<string, Form>;
  /** Reason of the FORBIDDEN errors of the fields whose form is FORBIDDEN. */
  fieldReason?: string;
}

interface Denied {
  title: string;
  asking: Asking;
  reason: string;
}

function pick(object: Record<string, unknown> | null | undefined, fields: string[]): Row {
  return Object.fromEntries(fields.map((field) => [field, object?.[field]]));
}

const PERSON_FIELDS = ['id', 'name', 'firstName', 'lastName', 'birthDate', 'idNumber'];

function watchlistPersonTarget(
  jurisdiction: 'FR' | 'DE' | 'SG',
  entryId: () => string,
  person: () => PersonRecord,
): Target {
  const ns = jurisdiction.toLowerCase();
  return {
    jurisdiction,
    query: /* GraphQL */ `
      query ($id: ID!) {
        ${ns} {
          watchlistEntry(id: $id) {
            id
            subject { __typename ... on Person { ${PERSON_FIELDS.join(' ')} } }
          }
          watchlistEntries(first: 3) { totalCount nodes { id } }
        }
      }
    `,
    variables: () => ({ id: entryId() }),
    source: () => pick(person() as unknown as Row, PERSON_FIELDS),
    observed: (data) => {
      const entry = data[ns].watchlistEntry;
      expect(entry.id).toBe(entryId());
      expect(entry.subject.__typename).toBe('Person');
      expect(data[ns].watchlistEntries.nodes).toHaveLength(3);
      return pick(entry.subject, PERSON_FIELDS);
    },
    denials: [
      { path: [ns, 'watchlistEntry'], field: 'Jurisdiction.watchlistEntry' },
      { path: [ns, 'watchlistEntries'], field: 'Jurisdiction.watchlistEntries' },
    ],
    fieldDenial: (field) => ({
      path: [ns, 'watchlistEntry', 'subject', field],
      field: `Person.${field}`,
    }),
  };
}

const IVMS_FIELDS = [
  'primaryIdentifier',
  'secondaryIdentifier',
  'dateOfBirth',
  'nationalIdentifier',
  'addressLine',
  'customerIdentification',
];

const sgDisclosureTarget: Target = {
  jurisdiction: 'SG',
  query: /* GraphQL */ `
    query ($id: ID!) {
      sg {
        exchangeDisclosure(id: $id) {
          id
          originator { originatorPersons { kind ${IVMS_FIELDS.join(' ')} } }
          transaction { amount asset }
        }
        exchangeDisclosures(first: 3) { totalCount nodes { id } }
      }
    }
  `,
  variables: () => ({ id: 'SG-TR-0000001' }),
  source: () => ({
    ...pick(sgDisclosure.originator.persons[0] as unknown as Row, IVMS_FIELDS),
    amount: sgDisclosure.transaction.amount,
  }),
  observed: (data) => {
    const disclosure = data.sg.exchangeDisclosure;
    expect(disclosure.id).toBe('SG-TR-0000001');
    expect(disclosure.originator.originatorPersons).toHaveLength(
      sgDisclosure.originator.persons.length,
    );
    expect(disclosure.originator.originatorPersons[0].kind).toBe('NaturalPerson');
    expect(disclosure.transaction.asset).toBe(sgDisclosure.transaction.asset);
    return {
      ...pick(disclosure.originator.originatorPersons[0], IVMS_FIELDS),
      amount: disclosure.transaction.amount,
    };
  },
  denials: [
    { path: ['sg', 'exchangeDisclosure'], field: 'Jurisdiction.exchangeDisclosure' },
    { path: ['sg', 'exchangeDisclosures'], field: 'Jurisdiction.exchangeDisclosures' },
  ],
  fieldDenial: (field) =>
    field === 'amount'
      ? { path: ['sg', 'exchangeDisclosure', 'transaction', 'amount'], field: 'Transaction.amount' }
      : {
          path: ['sg', 'exchangeDisclosure', 'originator', 'originatorPersons', 0, field],
          field: `Ivms101Person.${field}`,
        },
};

const forbidden = (
  path: (string | number)[],
  jurisdiction: string,
  reason: string,
  field: string,
) => ({
  message: expect.any(String),
  path,
  extensions: expect.objectContaining({ code: 'FORBIDDEN', jurisdiction, reason, field }),
});

function sortedByPath<T extends { path?: (string | number)[] }>(errors: T[]): T[] {
  return [...errors].sort((a, b) =>
    (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.')),
  );
}

/** Every string value of the record, for the "nothing of it leaked" check. */
function clearStrings(row: Row): string[] {
  return Object.values(row).filter((value): value is string => typeof value === 'string');
}

function describeTable(title: string, target: Target, allowed: Allowed[], denied: Denied[]): void {
  describe(title, () => {
    it.each(allowed)('$title', async ({ asking, forms, fieldReason }) => {
      const source = target.source();
      const expected: Row = {};
      const withheld: string[] = [];
      for (const [field, form] of Object.entries(forms)) {
        // The seed must hold a value, and the reduced form must differ from it, or the
        // row could not tell a release from a minimisation.
        expect(source[field], field).not.toBeNull();
        if (form === 'FORBIDDEN') {
          withheld.push(field);
          expected[field] = null;
          continue;
        }
        expected[field] = reduce(source[field], form, caseOf(asking));
        if (form !== 'CLEAR') expect(expected[field], field).not.toEqual(source[field]);
        if (form === 'PSEUDONYM') expect(expected[field]).toMatch(/^psn_[a-z2-7]{26}$/);
      }
      const { status, body } = await fixture.ask(asking, target.query, target.variables());
      expect(status).toBe(200);
      expect(pick(target.observed(body.data), Object.keys(forms))).toEqual(expected);
      if (withheld.length === 0) {
        expect(body.errors).toBeUndefined();
        return;
      }
      expect(sortedByPath(body.errors ?? [])).toEqual(
        sortedByPath(
          withheld.map((field) => {
            const { path, field: coordinate } = target.fieldDenial(field);
            return forbidden(path, target.jurisdiction, fieldReason!, coordinate);
          }),
        ),
      );
      const text = JSON.stringify(body);
      for (const field of withheld) expect(text).not.toContain(String(source[field]));
    });

    it.each(denied)('$title', async ({ asking, reason }) => {
      const { status, body } = await fixture.ask(asking, target.query, target.variables());
      expect(status).toBe(200);
      for (const { path } of target.denials) {
        expect(body.data![path[0]!][path[1]!]).toBeNull();
      }
      expect(sortedByPath(body.errors ?? [])).toEqual(
        sortedByPath(
          target.denials.map(({ path, field }) => ({
            message: expect.any(String),
            path,
            extensions: expect.objectContaining({
              code: 'FORBIDDEN',
              jurisdiction: target.jurisdiction,
              reason,
              field,
            }),
          })),
        ),
      );
      const text = JSON.stringify(body);
      for (const value of clearStrings(target.source())) expect(text).not.toContain(value);
    });
  });
}

// ---------------------------------------------------------------------------------------
// France: initials, birth year and masked id for case roles; only magistrates in clear; no
// EMERGENCY; analysts and the public get nothing.

const FR_MINIMISED: Record<string, Form> = {
  id: 'PSEUDONYM',
  name: 'INITIALS',
  firstName: 'INITIALS',
  lastName: 'INITIALS',
  birthDate: 'YEAR',
  idNumber: 'MASK4',
};
const ALL_CLEAR: Record<string, Form> = Object.fromEntries(
  PERSON_FIELDS.map((field) => [field, 'CLEAR' as Form]),
);

describeTable(
  'FR Person through fr.watchlistEntry',
  watchlistPersonTarget(
    'FR',
    () => frEntry.id,
    () => frPerson,
  ),
  [
    {
      title: 'INVESTIGATOR + CRIMINAL_INVESTIGATION: initials, year, mask',
      asking: { role: 'INVESTIGATOR' },
      forms: FR_MINIMISED,
    },
    {
      title: 'ASSET_RECOVERY_OFFICER + FREEZE_EXECUTION: initials, year, mask',
      asking: { role: 'ASSET_RECOVERY_OFFICER', purpose: 'FREEZE_EXECUTION' },
      forms: FR_MINIMISED,
    },
    {
      title: 'FIU_OFFICER + AML_INTELLIGENCE: initials, year, mask',
      asking: { role: 'FIU_OFFICER', purpose: 'AML_INTELLIGENCE' },
      forms: FR_MINIMISED,
    },
    {
      title: 'PROSECUTOR + CRIMINAL_INVESTIGATION: clear',
      asking: { role: 'PROSECUTOR' },
      forms: ALL_CLEAR,
    },
    {
      title: 'JUDGE + ASSET_TRACING: clear',
      asking: { role: 'JUDGE', purpose: 'ASSET_TRACING' },
      forms: ALL_CLEAR,
    },
    {
      title: 'PROSECUTOR + SANCTIONS_SCREENING (not case work): initials, year, mask',
      asking: { role: 'PROSECUTOR', purpose: 'SANCTIONS_SCREENING' },
      forms: FR_MINIMISED,
    },
    {
      title: 'JUDGE + AML_INTELLIGENCE (not case work): initials, year, mask',
      asking: { role: 'JUDGE', purpose: 'AML_INTELLIGENCE' },
      forms: FR_MINIMISED,
    },
  ],
  [
    { title: 'ANALYST: ROLE_NOT_ALLOWED', asking: { role: 'ANALYST' }, reason: 'ROLE_NOT_ALLOWED' },
    {
      title: 'ANALYST + SANCTIONS_SCREENING: ROLE_NOT_ALLOWED',
      asking: { role: 'ANALYST', purpose: 'SANCTIONS_SCREENING' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'PUBLIC: ROLE_NOT_ALLOWED',
      asking: { role: 'PUBLIC', purpose: 'STATISTICS' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'AUDITOR + OVERSIGHT_AUDIT: ROLE_NOT_ALLOWED',
      asking: { role: 'AUDITOR', purpose: 'OVERSIGHT_AUDIT' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'VASP_COMPLIANCE (not recognised by FR): ROLE_NOT_ALLOWED',
      asking: { role: 'VASP_COMPLIANCE', purpose: 'SANCTIONS_SCREENING' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'INVESTIGATOR + EMERGENCY: PURPOSE_NOT_ALLOWED (FR has no emergency route)',
      asking: { role: 'INVESTIGATOR', purpose: 'EMERGENCY' },
      reason: 'PURPOSE_NOT_ALLOWED',
    },
    {
      title: 'PROSECUTOR + EMERGENCY: PURPOSE_NOT_ALLOWED',
      asking: { role: 'PROSECUTOR', purpose: 'EMERGENCY' },
      reason: 'PURPOSE_NOT_ALLOWED',
    },
    {
      title: 'FIU_OFFICER + STATISTICS: PURPOSE_NOT_ALLOWED',
      asking: { role: 'FIU_OFFICER', purpose: 'STATISTICS' },
      reason: 'PURPOSE_NOT_ALLOWED',
    },
    {
      title: 'INVESTIGATOR without a case reference: CASE_REF_REQUIRED',
      asking: { role: 'INVESTIGATOR', caseRef: null },
      reason: 'CASE_REF_REQUIRED',
    },
  ],
);

// ---------------------------------------------------------------------------------------
// Germany: names clear to case roles, FIU and exchanges; birth date to the month; identity
// number to magistrates or under EMERGENCY, to the central authority as a pseudonym;
// analysts get pseudonyms.

describeTable(
  'DE Person through de.watchlistEntry',
  watchlistPersonTarget(
    'DE',
    () => 'de-sanction-0000001',
    () => dePerson,
  ),
  [
    {
      title: 'INVESTIGATOR + CRIMINAL_INVESTIGATION: names clear, birth month, no id number',
      asking: { role: 'INVESTIGATOR' },
      forms: {
        id: 'CLEAR',
        name: 'CLEAR',
        firstName: 'CLEAR',
        lastName: 'CLEAR',
        birthDate: 'MONTH',
        idNumber: 'REDACT',
      },
    },
    {
      title: 'INVESTIGATOR + EMERGENCY: allowed, id number released',
      asking: { role: 'INVESTIGATOR', purpose: 'EMERGENCY' },
      forms: {
        id: 'CLEAR',
        name: 'CLEAR',
        firstName: 'CLEAR',
        lastName: 'CLEAR',
        birthDate: 'MONTH',
        idNumber: 'CLEAR',
      },
    },
    {
      title: 'PROSECUTOR + CRIMINAL_INVESTIGATION: clear',
      asking: { role: 'PROSECUTOR' },
      forms: ALL_CLEAR,
    },
    {
      title: 'CENTRAL_AUTHORITY + CRIMINAL_INVESTIGATION: names clear, id number as a pseudonym',
      asking: { role: 'CENTRAL_AUTHORITY' },
      forms: {
        id: 'CLEAR',
        name: 'CLEAR',
        firstName: 'CLEAR',
        lastName: 'CLEAR',
        birthDate: 'MONTH',
        idNumber: 'PSEUDONYM',
      },
    },
    {
      title: 'ANALYST + SANCTIONS_SCREENING: pseudonyms, no birth date, id number withheld',
      asking: { role: 'ANALYST', purpose: 'SANCTIONS_SCREENING' },
      forms: {
        id: 'PSEUDONYM',
        name: 'PSEUDONYM',
        firstName: 'PSEUDONYM',
        lastName: 'PSEUDONYM',
        birthDate: 'REDACT',
        idNumber: 'FORBIDDEN',
      },
      fieldReason: 'ROLE_NOT_ALLOWED',
    },
    {
      title:
        'VASP_COMPLIANCE + SANCTIONS_SCREENING: names clear, no birth date, id number withheld',
      asking: { role: 'VASP_COMPLIANCE', purpose: 'SANCTIONS_SCREENING' },
      forms: {
        id: 'CLEAR',
        name: 'CLEAR',
        firstName: 'CLEAR',
        lastName: 'CLEAR',
        birthDate: 'REDACT',
        idNumber: 'FORBIDDEN',
      },
      fieldReason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'FIU_OFFICER + AML_INTELLIGENCE: names clear, birth month, no id number',
      asking: { role: 'FIU_OFFICER', purpose: 'AML_INTELLIGENCE' },
      forms: {
        id: 'CLEAR',
        name: 'CLEAR',
        firstName: 'CLEAR',
        lastName: 'CLEAR',
        birthDate: 'MONTH',
        idNumber: 'REDACT',
      },
    },
  ],
  [
    {
      title: 'PUBLIC: ROLE_NOT_ALLOWED',
      asking: { role: 'PUBLIC', purpose: 'STATISTICS' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'AUDITOR + OVERSIGHT_AUDIT: ROLE_NOT_ALLOWED',
      asking: { role: 'AUDITOR', purpose: 'OVERSIGHT_AUDIT' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'ANALYST + STATISTICS: PURPOSE_NOT_ALLOWED',
      asking: { role: 'ANALYST', purpose: 'STATISTICS' },
      reason: 'PURPOSE_NOT_ALLOWED',
    },
    {
      title: 'INVESTIGATOR + EMERGENCY without a case reference: CASE_REF_REQUIRED',
      asking: { role: 'INVESTIGATOR', purpose: 'EMERGENCY', caseRef: null },
      reason: 'CASE_REF_REQUIRED',
    },
  ],
);

// ---------------------------------------------------------------------------------------
// Singapore: the FIU sees travel-rule data in clear; others by initials, birth year, masked
// identifiers (pseudonyms for the central authority) and amount ranges; EMERGENCY lifts the
// initials; analysts get nothing.

describeTable(
  'SG exchange disclosure SG-TR-0000001',
  sgDisclosureTarget,
  [
    {
      title: 'INVESTIGATOR + CRIMINAL_INVESTIGATION: initials, year, mask, amount range',
      asking: { role: 'INVESTIGATOR' },
      forms: {
        primaryIdentifier: 'INITIALS',
        secondaryIdentifier: 'INITIALS',
        dateOfBirth: 'YEAR',
        nationalIdentifier: 'MASK4',
        addressLine: 'REDACT',
        customerIdentification: 'PSEUDONYM',
        amount: 'RANGE',
      },
    },
    {
      title: 'CENTRAL_AUTHORITY + ASSET_TRACING: initials, year, identifier pseudonym, range',
      asking: { role: 'CENTRAL_AUTHORITY', purpose: 'ASSET_TRACING' },
      forms: {
        primaryIdentifier: 'INITIALS',
        secondaryIdentifier: 'INITIALS',
        dateOfBirth: 'YEAR',
        nationalIdentifier: 'PSEUDONYM',
        addressLine: 'REDACT',
        customerIdentification: 'PSEUDONYM',
        amount: 'RANGE',
      },
    },
    {
      title: 'INVESTIGATOR + EMERGENCY: names lifted, the rest still minimised',
      asking: { role: 'INVESTIGATOR', purpose: 'EMERGENCY' },
      forms: {
        primaryIdentifier: 'CLEAR',
        secondaryIdentifier: 'CLEAR',
        dateOfBirth: 'YEAR',
        nationalIdentifier: 'MASK4',
        addressLine: 'REDACT',
        customerIdentification: 'PSEUDONYM',
        amount: 'RANGE',
      },
    },
    {
      title: 'PROSECUTOR + CRIMINAL_INVESTIGATION: names, identifier and amount clear, birth year',
      asking: { role: 'PROSECUTOR' },
      forms: {
        primaryIdentifier: 'CLEAR',
        secondaryIdentifier: 'CLEAR',
        dateOfBirth: 'YEAR',
        nationalIdentifier: 'CLEAR',
        addressLine: 'REDACT',
        customerIdentification: 'PSEUDONYM',
        amount: 'CLEAR',
      },
    },
    {
      title: 'FIU_OFFICER + AML_INTELLIGENCE: everything clear, amount exact',
      asking: { role: 'FIU_OFFICER', purpose: 'AML_INTELLIGENCE' },
      forms: {
        primaryIdentifier: 'CLEAR',
        secondaryIdentifier: 'CLEAR',
        dateOfBirth: 'CLEAR',
        nationalIdentifier: 'CLEAR',
        addressLine: 'CLEAR',
        customerIdentification: 'CLEAR',
        amount: 'CLEAR',
      },
    },
  ],
  [
    {
      title: 'ANALYST: ROLE_NOT_ALLOWED',
      asking: { role: 'ANALYST', purpose: 'AML_INTELLIGENCE' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'PUBLIC: ROLE_NOT_ALLOWED',
      asking: { role: 'PUBLIC', purpose: 'STATISTICS' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'ASSET_RECOVERY_OFFICER (not recognised by SG): ROLE_NOT_ALLOWED',
      asking: { role: 'ASSET_RECOVERY_OFFICER', purpose: 'ASSET_TRACING' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'INVESTIGATOR + SANCTIONS_SCREENING: PURPOSE_NOT_ALLOWED',
      asking: { role: 'INVESTIGATOR', purpose: 'SANCTIONS_SCREENING' },
      reason: 'PURPOSE_NOT_ALLOWED',
    },
    {
      title: 'INVESTIGATOR without a case reference: CASE_REF_REQUIRED',
      asking: { role: 'INVESTIGATOR', caseRef: null },
      reason: 'CASE_REF_REQUIRED',
    },
  ],
);

describeTable(
  'SG Person through sg.watchlistEntry',
  watchlistPersonTarget(
    'SG',
    () => sgPersonEntryId,
    () => sgPerson,
  ),
  [
    {
      title: 'INVESTIGATOR + CRIMINAL_INVESTIGATION: pseudonymous id, initials, year, mask',
      asking: { role: 'INVESTIGATOR' },
      forms: FR_MINIMISED,
    },
    {
      title: 'INVESTIGATOR + EMERGENCY: names lifted, the rest still minimised',
      asking: { role: 'INVESTIGATOR', purpose: 'EMERGENCY' },
      forms: { ...FR_MINIMISED, name: 'CLEAR', firstName: 'CLEAR', lastName: 'CLEAR' },
    },
    {
      title: 'CENTRAL_AUTHORITY + CRIMINAL_INVESTIGATION: as investigators, id number a pseudonym',
      asking: { role: 'CENTRAL_AUTHORITY' },
      forms: { ...FR_MINIMISED, idNumber: 'PSEUDONYM' },
    },
    {
      title: 'FIU_OFFICER + SANCTIONS_SCREENING: clear',
      asking: { role: 'FIU_OFFICER', purpose: 'SANCTIONS_SCREENING' },
      forms: ALL_CLEAR,
    },
  ],
  [
    {
      title: 'ANALYST + SANCTIONS_SCREENING: ROLE_NOT_ALLOWED',
      asking: { role: 'ANALYST', purpose: 'SANCTIONS_SCREENING' },
      reason: 'ROLE_NOT_ALLOWED',
    },
    {
      title: 'PUBLIC: ROLE_NOT_ALLOWED',
      asking: { role: 'PUBLIC', purpose: 'STATISTICS' },
      reason: 'ROLE_NOT_ALLOWED',
    },
  ],
);

// ---------------------------------------------------------------------------------------
// Hit / no-hit, record lists and partial answers on the wallet view (entity resolution).

// France's, Germany's and Singapore's policies, whose denials these tests spell out: not the
// membership, since a member with public data (a published watchlist) answers them otherwise.
const JURISDICTIONS = ['fr', 'de', 'sg'] as const;
const LISTS = ['freezingOrders', 'confiscationOrders', 'watchlistEntries', 'exchangeDisclosures'];

const WALLET_VIEW = /* GraphQL */ `
  query ($id: WalletId!) {
    wallet(id: $id) {
      id
      ${JURISDICTIONS.map((ns) => `${ns} { hit ${LISTS.map((list) => `${list} { id }`).join(' ')} }`).join('\n')}
    }
  }
`;

function freshWallet(): string {
  const wallet = `${ETHEREUM_MAINNET.chainId}:${encodeEvmAddress(randomBytes(20))}`;
  expect(crossBorderWallets()).not.toContain(wallet);
  return wallet;
}

describe('hit / no-hit for analysts, on the wallet view', () => {
  const ANALYST: Asking = { role: 'ANALYST', purpose: 'SANCTIONS_SCREENING' };
  const HITS = `query ($id: WalletId!) { wallet(id: $id) { fr { hit } de { hit } sg { hit } } }`;

  it('answers true for a wallet every registry holds, in all three jurisdictions', async () => {
    const { body } = await fixture.ask(ANALYST, HITS, { id: crossBorderWallets()[0] });
    expect(body.errors).toBeUndefined();
    expect(body.data.wallet).toEqual({ fr: { hit: true }, de: { hit: true }, sg: { hit: true } });
  });

  it('answers false for a valid wallet no registry holds', async () => {
    const { body } = await fixture.ask(ANALYST, HITS, { id: freshWallet() });
    expect(body.errors).toBeUndefined();
    expect(body.data.wallet).toEqual({
      fr: { hit: false },
      de: { hit: false },
      sg: { hit: false },
    });
  });

  it('withholds every record list from an analyst except the German watchlist', async () => {
    const wallet = crossBorderWallets()[0]!;
    const [deEntries] = await seeded.de.watchlist!.entriesByWallets([wallet]);
    expect(deEntries!.length).toBeGreaterThan(0);
    const { status, body } = await fixture.ask(ANALYST, WALLET_VIEW, { id: wallet });
    expect(status).toBe(200);
    const view = body.data.wallet;
    expect(view.id).toBe(wallet);
    expect(view.de.watchlistEntries.map((entry: { id: string }) => entry.id).sort()).toEqual(
      deEntries!.map((entry) => entry.id).sort(),
    );
    const withheld = JURISDICTIONS.flatMap((ns) =>
      LISTS.filter((list) => !(ns === 'de' && list === 'watchlistEntries')).map((list) => ({
        ns,
        list,
      })),
    );
    for (const { ns, list } of withheld) expect(view[ns][list], `${ns}.${list}`).toBeNull();
    for (const ns of JURISDICTIONS) expect(view[ns].hit).toBe(true);
    expect(sortedByPath(body.errors ?? [])).toEqual(
      sortedByPath(
        withheld.map(({ ns, list }) =>
          forbidden(
            ['wallet', ns, list],
            ns.toUpperCase(),
            'ROLE_NOT_ALLOWED',
            `WalletRecords.${list}`,
          ),
        ),
      ),
    );
  });
});

describe('the public', () => {
  it('is denied every record and every hit, in every jurisdiction, with FORBIDDEN', async () => {
    const roots = ['watchlistEntries', 'freezingOrders', 'exchangeDisclosures'];
    const query = /* GraphQL */ `
      query ($id: WalletId!) {
        ${JURISDICTIONS.map((ns) => `${ns} { code ${roots.map((root) => `${root}(first: 1) { totalCount }`).join(' ')} }`).join('\n')}
        wallet(id: $id) {
          ${JURISDICTIONS.map((ns) => `${ns} { hit ${LISTS.map((list) => `${list} { id }`).join(' ')} }`).join('\n')}
        }
      }
    `;
    const { status, body } = await fixture.ask({ role: 'PUBLIC', purpose: 'STATISTICS' }, query, {
      id: crossBorderWallets()[0],
    });
    expect(status).toBe(200);
    const expectedErrors = JURISDICTIONS.flatMap((ns) => [
      ...roots.map((root) =>
        forbidden([ns, root], ns.toUpperCase(), 'ROLE_NOT_ALLOWED', `Jurisdiction.${root}`),
      ),
      ...['hit', ...LISTS].map((field) =>
        forbidden(
          ['wallet', ns, field],
          ns.toUpperCase(),
          'ROLE_NOT_ALLOWED',
          `WalletRecords.${field}`,
        ),
      ),
    ]);
    expect(sortedByPath(body.errors ?? [])).toEqual(sortedByPath(expectedErrors));
    for (const ns of JURISDICTIONS) {
      // What is not personal still arrives.
      expect(body.data[ns].code).toBe(ns.toUpperCase());
      for (const root of roots) expect(body.data[ns][root]).toBeNull();
      for (const field of ['hit', ...LISTS]) expect(body.data.wallet[ns][field]).toBeNull();
    }
  });
});

describe('partial answers', () => {
  it('returns the allowed jurisdiction and a FORBIDDEN error for the denied one', async () => {
    const query = /* GraphQL */ `
      query ($fr: ID!) {
        fr {
          watchlistEntry(id: $fr) {
            id
            subject {
              ... on Person {
                name
              }
            }
          }
        }
        de {
          watchlistEntry(id: "de-sanction-0000001") {
            id
            subject {
              ... on Person {
                name
                idNumber
              }
            }
          }
        }
      }
    `;
    const { status, body } = await fixture.ask(
      { role: 'INVESTIGATOR', purpose: 'EMERGENCY' },
      query,
      {
        fr: frEntry.id,
      },
    );
    expect(status).toBe(200);
    expect(body.data.fr.watchlistEntry).toBeNull();
    expect(body.data.de.watchlistEntry).toEqual({
      id: 'de-sanction-0000001',
      subject: { name: dePerson.name, idNumber: dePerson.idNumber },
    });
    expect(body.errors).toEqual([
      forbidden(
        ['fr', 'watchlistEntry'],
        'FR',
        'PURPOSE_NOT_ALLOWED',
        'Jurisdiction.watchlistEntry',
      ),
    ]);
    expect(JSON.stringify(body)).not.toContain(frPerson.name);
  });

  it('releases one list of a wallet and withholds another of the same jurisdiction', async () => {
    const wallet = frEntry.walletIds[0]!;
    const expectedIds = seeded.fr.watchlist
      .filter((entry) => entry.walletIds.includes(wallet))
      .map((entry) => entry.id)
      .sort();
    const { body } = await fixture.ask(
      { role: 'FIU_OFFICER', purpose: 'AML_INTELLIGENCE' },
      `query ($id: WalletId!) { wallet(id: $id) { fr { watchlistEntries { id } freezingOrders { id } } } }`,
      { id: wallet },
    );
    expect(
      body.data.wallet.fr.watchlistEntries.map((entry: { id: string }) => entry.id).sort(),
    ).toEqual(expectedIds);
    expect(body.data.wallet.fr.freezingOrders).toBeNull();
    expect(body.errors).toEqual([
      forbidden(
        ['wallet', 'fr', 'freezingOrders'],
        'FR',
        'ROLE_NOT_ALLOWED',
        'WalletRecords.freezingOrders',
      ),
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// No purpose, no personal data: refused at the gateway before any subgraph is asked.

describe('PURPOSE_REQUIRED at the gateway', () => {
  const PERSONAL = /* GraphQL */ `
    query ($id: ID!) {
      fr {
        watchlistEntry(id: $id) {
          id
          subject {
            name
          }
        }
      }
    }
  `;
  const operations = async () =>
    (
      await Promise.all(
        JURISDICTIONS.map((ns) =>
          readCounter(fixture.federation.baseUrls[ns]!, 'comity_subgraph_operations_total', {}),
        ),
      )
    ).reduce((sum, count) => sum + count, 0);

  it.each([
    { title: 'no purpose', purpose: null, reason: 'NO_PURPOSE' },
    { title: 'an unknown purpose', purpose: 'CURIOSITY', reason: 'UNKNOWN_PURPOSE' },
    {
      title: 'a purpose in the wrong case',
      purpose: 'criminal_investigation',
      reason: 'UNKNOWN_PURPOSE',
    },
  ])('refuses personal data with $title', async ({ purpose, reason }) => {
    const before = await operations();
    const { status, body } = await fixture.ask({ role: 'PROSECUTOR', purpose }, PERSONAL, {
      id: frEntry.id,
    });
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED', reason });
    expect(JSON.stringify(body)).not.toContain(frPerson.name);
    expect(await operations()).toBe(before);
  });

  it('lets an operation without personal data through without a purpose', async () => {
    const { status, body } = await fixture.ask(
      { role: 'PUBLIC', purpose: null, caseRef: null },
      '{ members { code } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.members.map((member: { code: string }) => member.code).sort()).toEqual(
      memberConfigs()
        .map(({ code }) => code)
        .sort(),
    );
  });

  it('leaves non-personal fields to the jurisdiction, which still wants a purpose', async () => {
    const { status, body } = await fixture.ask(
      { role: 'PROSECUTOR', purpose: null },
      'query ($id: ID!) { fr { code watchlistEntry(id: $id) { id } } }',
      { id: frEntry.id },
    );
    expect(status).toBe(200);
    expect(body.data.fr).toEqual({ code: 'FR', watchlistEntry: null });
    expect(body.errors).toEqual([
      forbidden(['fr', 'watchlistEntry'], 'FR', 'PURPOSE_REQUIRED', 'Jurisdiction.watchlistEntry'),
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// Pseudonyms: enforced on _entities, stable within a case, unrelated across cases.

describe('pseudonyms', () => {
  const ANALYST = (caseRef: string | null): Asking => ({
    role: 'ANALYST',
    purpose: 'SANCTIONS_SCREENING',
    caseRef,
  });
  const VIA_WALLET = /* GraphQL */ `
    query ($id: WalletId!) {
      wallet(id: $id) {
        de {
          watchlistEntries {
            id
            subject {
              ... on Person {
                id
                name
              }
            }
          }
        }
      }
    }
  `;
  const wallet = () => crossBorderWallets()[0]!;

  async function subjectsViaWallet(caseRef: string | null) {
    const { body } = await fixture.ask(ANALYST(caseRef), VIA_WALLET, { id: wallet() });
    expect(body.errors).toBeUndefined();
    return body.data.wallet.de.watchlistEntries as {
      id: string;
      subject: { id: string | null; name: string | null };
    }[];
  }

  async function sourceSubjects(): Promise<Map<string, PersonRecord>> {
    const [entries] = await seeded.de.watchlist!.entriesByWallets([wallet()]);
    expect(entries!.length).toBeGreaterThan(0);
    return new Map(entries!.map((entry) => [entry.id, personSubject(entry)]));
  }

  it('are applied to subjects reached from a directory wallet (enforcement on _entities)', async () => {
    const source = await sourceSubjects();
    const entries = await subjectsViaWallet('CASE-PSN-A');
    expect(entries.map((entry) => entry.id).sort()).toEqual([...source.keys()].sort());
    for (const entry of entries) {
      const person = source.get(entry.id)!;
      expect(entry.subject).toEqual({
        id: reduce(person.id, 'PSEUDONYM', 'CASE-PSN-A'),
        name: reduce(person.name, 'PSEUDONYM', 'CASE-PSN-A'),
      });
    }
  });

  it('are the same for two requests in one case and differ across cases', async () => {
    const source = await sourceSubjects();
    const first = await subjectsViaWallet('CASE-PSN-A');
    const again = await subjectsViaWallet('CASE-PSN-A');
    const other = await subjectsViaWallet('CASE-PSN-B');
    expect(again).toEqual(first);
    for (const entry of first) {
      const person = source.get(entry.id)!;
      const otherEntry = other.find((candidate) => candidate.id === entry.id)!;
      expect(entry.subject.name).toMatch(new RegExp(`^${PSEUDONYM_PREFIX}[a-z2-7]{26}$`));
      expect(otherEntry.subject.name).toMatch(new RegExp(`^${PSEUDONYM_PREFIX}[a-z2-7]{26}$`));
      expect(otherEntry.subject.name).not.toBe(entry.subject.name);
      expect(otherEntry.subject.id).not.toBe(entry.subject.id);
      // Not the value, and no part of it.
      for (const pseudonymous of [entry.subject.name!, otherEntry.subject.name!]) {
        expect(pseudonymous).not.toBe(person.name);
        for (const part of [person.name, ...person.name.split(/\s+/)].filter((p) => p.length > 2)) {
          expect(pseudonymous.toLowerCase()).not.toContain(part.toLowerCase());
        }
      }
    }
  });

  it('are the same for the same subject asked directly and through a wallet', async () => {
    const direct = await fixture.ask(
      ANALYST('CASE-PSN-A'),
      '{ de { watchlistEntry(id: "de-sanction-0000001") { subject { ... on Person { name } } } } }',
    );
    const viaWallet = await subjectsViaWallet('CASE-PSN-A');
    const entry = viaWallet.find((candidate) => candidate.id === 'de-sanction-0000001')!;
    expect(direct.body.data.de.watchlistEntry.subject.name).toBe(entry.subject.name);
  });

  it('are withheld, with an error naming the reason, when the request carries no case reference', async () => {
    // core/policy/policySpec.graphql, MinimizeStrategy.PSEUDONYM: without a case reference
    // the value is withheld, null with FORBIDDEN and CASE_REF_REQUIRED; the rest arrives.
    const source = await sourceSubjects();
    const { status, body } = await fixture.ask(ANALYST(null), VIA_WALLET, { id: wallet() });
    expect(status).toBe(200);
    const entries = body.data.wallet.de.watchlistEntries as { id: string; subject: unknown }[];
    expect(entries.map((entry) => entry.id).sort()).toEqual([...source.keys()].sort());
    for (const entry of entries) expect(entry.subject).toEqual({ id: null, name: null });
    expect(sortedByPath(body.errors ?? [])).toEqual(
      sortedByPath(
        entries.flatMap((_, index) =>
          ['id', 'name'].map((field) =>
            forbidden(
              ['wallet', 'de', 'watchlistEntries', index, 'subject', field],
              'DE',
              'CASE_REF_REQUIRED',
              `Person.${field}`,
            ),
          ),
        ),
      ),
    );
    const text = JSON.stringify(body);
    for (const person of source.values()) expect(text).not.toContain(person.name);
  });
});

// ---------------------------------------------------------------------------------------
// Pseudonyms across jurisdictions: Germany and Singapore each derive the case key from the
// federation secret in their own process, so one passport in one case must come out as one
// pseudonym from both (the central authority matches by it), and as another in another case.

describe('pseudonyms across jurisdictions', () => {
  const CENTRAL_AUTHORITY = (caseRef: string): Asking => ({
    role: 'CENTRAL_AUTHORITY',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef,
  });
  const PASSPORTS = /* GraphQL */ `
    query ($wallet: WalletId!, $de: ID!, $sg: ID!) {
      wallet(id: $wallet) {
        de {
          watchlistEntries {
            id
            subject {
              ... on Person {
                name
                idNumber
              }
            }
          }
        }
        sg {
          watchlistEntries {
            id
            subject {
              ... on Person {
                idNumber
              }
            }
          }
        }
      }
      de {
        watchlistEntry(id: $de) {
          subject {
            ... on Person {
              idNumber
            }
          }
        }
      }
      sg {
        watchlistEntry(id: $sg) {
          subject {
            ... on Person {
              idNumber
            }
          }
        }
      }
    }
  `;

  /** The passport as each jurisdiction releases it, through the wallet view and directly. */
  async function passportAsReleased(caseRef: string) {
    const { status, body } = await fixture.ask(CENTRAL_AUTHORITY(caseRef), PASSPORTS, {
      wallet: UN_LISTED.wallet,
      de: UN_LISTED.deEntryId,
      sg: UN_LISTED.sgEntryId,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const { wallet, de, sg } = body.data;
    expect(wallet.de.watchlistEntries.map((entry: { id: string }) => entry.id)).toEqual([
      UN_LISTED.deEntryId,
    ]);
    expect(wallet.sg.watchlistEntries.map((entry: { id: string }) => entry.id)).toEqual([
      UN_LISTED.sgEntryId,
    ]);
    // Germany names the person to the central authority: the match is about the right one.
    expect(wallet.de.watchlistEntries[0].subject.name).toBe(
      `${UN_LISTED.firstName} ${UN_LISTED.lastName}`,
    );
    return {
      released: [
        wallet.de.watchlistEntries[0].subject.idNumber,
        de.watchlistEntry.subject.idNumber,
        wallet.sg.watchlistEntries[0].subject.idNumber,
        sg.watchlistEntry.subject.idNumber,
      ] as string[],
      text: JSON.stringify(body),
    };
  }

  it('are one and the same from Germany and Singapore within one case', async () => {
    const { released } = await passportAsReleased('CASE-MLA-A');
    expect(released[0]).toMatch(new RegExp(`^${PSEUDONYM_PREFIX}[a-z2-7]{26}$`));
    expect(released).toEqual(Array(4).fill(reduce(UN_LISTED.passport, 'PSEUDONYM', 'CASE-MLA-A')));
  });

  it('are another, again shared, in another case', async () => {
    const [first, other] = await Promise.all([
      passportAsReleased('CASE-MLA-A'),
      passportAsReleased('CASE-MLA-B'),
    ]);
    expect(new Set(other.released).size).toBe(1);
    expect(other.released[0]).toMatch(new RegExp(`^${PSEUDONYM_PREFIX}[a-z2-7]{26}$`));
    expect(other.released[0]).not.toBe(first.released[0]);
  });

  it('never carry the number, in full or in part, from either jurisdiction', async () => {
    for (const caseRef of ['CASE-MLA-A', 'CASE-MLA-B']) {
      const { text } = await passportAsReleased(caseRef);
      const lower = text.toLowerCase();
      // Singapore masks the number for investigators (last four shown); not for this role.
      for (const part of [UN_LISTED.passport, UN_LISTED.passport.slice(-4)]) {
        expect(lower).not.toContain(part.toLowerCase());
      }
    }
  });
});

// ---------------------------------------------------------------------------------------
// The registry cache: below the policy and the audit log, never instead of them.

describe.skipIf(!(await redisAvailable()))('the registry cache in front of France', () => {
  const ENTRY =
    'query ($id: ID!) { fr { watchlistEntry(id: $id) { id program subject { name } } } }';
  const fr = () => fixture.federation.baseUrls.fr!;
  const registryReads = () =>
    readCounter(fr(), 'comity_registry_queries_total', { method: 'entriesByIds' });
  const audited = () => readCounter(fr(), 'comity_policy_decisions_total', {});

  it('answers a repeated read from the cache, polices and audits it every time', async () => {
    const prosecutor: Asking = { role: 'PROSECUTOR', purpose: 'CRIMINAL_INVESTIGATION' };
    const first = await fixture.ask(prosecutor, ENTRY, { id: frEntry.id });
    expect(first.body.errors).toBeUndefined();
    // The cache is filled after the answer; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const reads = await registryReads();
    const events = await audited();

    const again = await fixture.ask(prosecutor, ENTRY, { id: frEntry.id });
    expect(again.body).toEqual(first.body);
    const analyst = await fixture.ask(
      { role: 'ANALYST', purpose: 'AML_INTELLIGENCE', caseRef: 'CASE-2026-0001' },
      ENTRY,
      { id: frEntry.id },
    );
    expect(JSON.stringify(analyst.body)).not.toContain(frPerson.name);
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Neither request reached the database, and both were audited.
    expect(await registryReads()).toBe(reads);
    expect(await audited()).toBe(events + 2);
  });
});
