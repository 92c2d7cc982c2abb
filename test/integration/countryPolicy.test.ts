import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Purpose, Role } from '../../core/policy/policySpec.js';
import type {
  ExchangeDisclosureRecord,
  FreezingOrderRecord,
  PersonRecord,
} from '../../core/records.js';
import { parseFreezingOrder } from '../../subgraphs/fr/registry/parseExportRecord.js';
import { FR_REGISTRY_NAMES } from '../../subgraphs/fr/registry/registryNames.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { FederationFixture } from '../support/federationFixture.js';
import { releasedAs } from '../support/releasedForm.js';
import type { ReleasedForm } from '../support/releasedForm.js';
import { personSubject, readSeededRecords } from '../support/seededRecords.js';
import type { SeededRecords } from '../support/seededRecords.js';

// Who a member releases to is a matter of its treaties (subgraphs/<cc>/policy.ts): the same
// role and purpose, asked from six home countries, through the real gateway into the real
// subgraphs. FR and DE are EU members, SG is a partner of Singapore's only, CH a partner of
// France's only (Council of Europe convention), US and KP are partners of none. Expected
// values are built from the seeded source records with the pure minimisation functions.

const COUNTRIES = ['FR', 'DE', 'SG', 'CH', 'US', 'KP'] as const;
type Country = (typeof COUNTRIES)[number];

const CASE = 'CASE-2026-0001';

let fixture: FederationFixture;
let seeded: SeededRecords;
let frOrder: FreezingOrderRecord & { affectedParty: PersonRecord };
let deOrder: FreezingOrderRecord;
let dePerson: PersonRecord;
let sgDisclosure: ExchangeDisclosureRecord;

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 18_000 });
  seeded = await readSeededRecords(fixture.dataRoot, fixture.keys.dir);
  const text = await readFile(
    path.join(fixture.dataRoot, 'fr', 'export', 'freezing-orders.jsonl'),
    'utf8',
  );
  frOrder = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseFreezingOrder(JSON.parse(line), FR_REGISTRY_NAMES.assets))
    .find(
      (order): order is FreezingOrderRecord & { affectedParty: PersonRecord } =>
        order.affectedParty?.kind === 'Person' &&
        order.affectedParty.birthDate !== null &&
        order.affectedParty.idNumber !== null,
    )!;
  [deOrder] = (await seeded.de.assets!.listFreezingOrders({ first: 1, after: null })).records as [
    FreezingOrderRecord,
  ];
  const [deEntry] = await seeded.de.watchlist!.entriesByIds(['de-sanction-0000001']);
  dePerson = personSubject(deEntry);
  [sgDisclosure] = (await seeded.sg.disclosures.disclosuresByIds(['SG-TR-0000001'])) as [
    ExchangeDisclosureRecord,
  ];
}, 180_000);

afterAll(async () => {
  await seeded?.close();
  await fixture?.stop();
});

type Row = Record<string, unknown>;
type Where = { path: (string | number)[]; field: string };

/**
 * What a caller from one country gets: each field in a form, or WITHHELD (null with a
 * COUNTRY_NOT_ALLOWED error on its path, the rest of the record intact); or the record
 * DENIED as a whole, COUNTRY_NOT_ALLOWED where it is reached.
 */
type Expected = Record<string, ReleasedForm | 'WITHHELD'> | 'DENIED';

interface Probe {
  member: 'FR' | 'DE' | 'SG';
  title: string;
  role: Role;
  purpose: Purpose;
  query: string;
  variables: () => Record<string, unknown>;
  /** The source values of the fields under test. */
  source: () => Row;
  /** The same fields as an allowed answer carries them. */
  observe: (data: any) => Row;
  /** Where a denial of the whole record shows. */
  denied: Where[];
  /** Where one withheld field shows. */
  withheld?: (field: string) => Where;
  expected: Record<Country, Expected>;
}

const pick = (object: Row | null | undefined, fields: string[]): Row =>
  Object.fromEntries(fields.map((field) => [field, object?.[field]]));

const at = (data: any, where: (string | number)[]) =>
  where.reduce((value, key) => (value === null || value === undefined ? value : value[key]), data);

/** The same expectation for several countries: the tables below read by arrangement. */
function countries(...groups: [Country[], Expected][]): Record<Country, Expected> {
  const table = Object.fromEntries(
    groups.flatMap(([members, expected]) => members.map((country) => [country, expected])),
  );
  if (Object.keys(table).sort().join() !== [...COUNTRIES].sort().join()) {
    throw new Error(`a row must name every country once: ${Object.keys(table).join(', ')}`);
  }
  return table as Record<Country, Expected>;
}

const EU: Country[] = ['FR', 'DE'];
const wallet = () => crossBorderWallets()[0]!;

function hitProbe(member: 'FR' | 'DE' | 'SG', expected: Record<Country, Expected>): Probe {
  const ns = member.toLowerCase();
  return {
    member,
    title: 'ANALYST + SANCTIONS_SCREENING: hit / no-hit on a wallet it holds',
    role: 'ANALYST',
    purpose: 'SANCTIONS_SCREENING',
    query: `query ($id: WalletId!) { wallet(id: $id) { ${ns} { hit } } }`,
    variables: () => ({ id: wallet() }),
    source: () => ({ hit: true }),
    observe: (data) => data.wallet[ns],
    denied: [{ path: ['wallet', ns, 'hit'], field: 'WalletRecords.hit' }],
    expected,
  };
}

const ORDER_PERSON = ['name', 'birthDate', 'idNumber'];
const frOrderProbe = (role: Role, expected: Record<Country, Expected>): Probe => ({
  member: 'FR',
  title: `${role} + CRIMINAL_INVESTIGATION: a freezing order and the person it affects`,
  role,
  purpose: 'CRIMINAL_INVESTIGATION',
  query: /* GraphQL */ `
    query ($id: ID!) {
      fr {
        freezingOrder(id: $id) {
          id
          affectedParty { ... on Person { ${ORDER_PERSON.join(' ')} } }
        }
      }
    }
  `,
  variables: () => ({ id: frOrder.id }),
  source: () => pick(frOrder.affectedParty as unknown as Row, ORDER_PERSON),
  observe: (data) => {
    expect(data.fr.freezingOrder.id).toBe(frOrder.id);
    return data.fr.freezingOrder.affectedParty;
  },
  denied: [{ path: ['fr', 'freezingOrder'], field: 'Jurisdiction.freezingOrder' }],
  expected,
});

const SUBJECT = ['name', 'birthDate', 'idNumber'];
const deListingProbe = (role: Role, expected: Record<Country, Expected>): Probe => ({
  member: 'DE',
  title: `${role} + CRIMINAL_INVESTIGATION: a published sanctions listing and its subject`,
  role,
  purpose: 'CRIMINAL_INVESTIGATION',
  query: /* GraphQL */ `
    {
      de {
        watchlistEntry(id: "de-sanction-0000001") {
          id
          subject { ... on Person { ${SUBJECT.join(' ')} } }
        }
      }
    }
  `,
  variables: () => ({}),
  source: () => pick(dePerson as unknown as Row, SUBJECT),
  observe: (data) => {
    expect(data.de.watchlistEntry.id).toBe('de-sanction-0000001');
    return data.de.watchlistEntry.subject;
  },
  denied: [{ path: ['de', 'watchlistEntry'], field: 'Jurisdiction.watchlistEntry' }],
  withheld: (field) => ({
    path: ['de', 'watchlistEntry', 'subject', field],
    field: `Person.${field}`,
  }),
  expected,
});

const ORIGINATOR = ['primaryIdentifier', 'secondaryIdentifier', 'dateOfBirth'];
const sgDisclosureProbe = (
  role: Role,
  purpose: Purpose,
  expected: Record<Country, Expected>,
): Probe => ({
  member: 'SG',
  title: `${role} + ${purpose}: a travel-rule disclosure`,
  role,
  purpose,
  query: /* GraphQL */ `
    {
      sg {
        exchangeDisclosure(id: "SG-TR-0000001") {
          id
          originator { originatorPersons { ${ORIGINATOR.join(' ')} } }
          transaction { amount }
        }
      }
    }
  `,
  variables: () => ({}),
  source: () => ({
    ...pick(sgDisclosure.originator.persons[0] as unknown as Row, ORIGINATOR),
    amount: sgDisclosure.transaction.amount,
  }),
  observe: (data) => {
    const disclosure = data.sg.exchangeDisclosure;
    expect(disclosure.id).toBe('SG-TR-0000001');
    return { ...disclosure.originator.originatorPersons[0], ...disclosure.transaction };
  },
  denied: [{ path: ['sg', 'exchangeDisclosure'], field: 'Jurisdiction.exchangeDisclosure' }],
  expected,
});

const FR_INVESTIGATOR: Expected = { name: 'INITIALS', birthDate: 'YEAR', idNumber: 'MASK4' };
const CLEAR_PERSON: Expected = { name: 'CLEAR', birthDate: 'CLEAR', idNumber: 'CLEAR' };
const SG_INVESTIGATOR: Expected = {
  primaryIdentifier: 'INITIALS',
  secondaryIdentifier: 'INITIALS',
  dateOfBirth: 'YEAR',
  amount: 'RANGE',
};
const SG_FIU: Expected = {
  primaryIdentifier: 'CLEAR',
  secondaryIdentifier: 'CLEAR',
  dateOfBirth: 'CLEAR',
  amount: 'CLEAR',
};

const PROBES: Probe[] = [
  // France: the Union as at home; its Council of Europe partners (CH) reduced whatever their
  // role, as a transfer outside the Union; nobody else.
  frOrderProbe(
    'INVESTIGATOR',
    countries([[...EU, 'CH'], FR_INVESTIGATOR], [['SG', 'US', 'KP'], 'DENIED']),
  ),
  frOrderProbe(
    'PROSECUTOR',
    countries([EU, CLEAR_PERSON], [['CH'], FR_INVESTIGATOR], [['SG', 'US', 'KP'], 'DENIED']),
  ),
  hitProbe('FR', countries([[...EU, 'CH'], { hit: 'CLEAR' }], [['SG', 'US', 'KP'], 'DENIED'])),
  // Germany: the Union only, but the published listings, names and all, to anyone; the
  // identity document number its own files add stays within the Union.
  deListingProbe(
    'INVESTIGATOR',
    countries(
      [EU, { name: 'CLEAR', birthDate: 'MONTH', idNumber: 'REDACT' }],
      [['SG', 'CH', 'US', 'KP'], { name: 'PSEUDONYM', birthDate: 'REDACT', idNumber: 'WITHHELD' }],
    ),
  ),
  deListingProbe(
    'PROSECUTOR',
    countries(
      [EU, CLEAR_PERSON],
      [['SG', 'CH', 'US', 'KP'], { name: 'PSEUDONYM', birthDate: 'REDACT', idNumber: 'WITHHELD' }],
    ),
  ),
  {
    member: 'DE',
    title: 'INVESTIGATOR + CRIMINAL_INVESTIGATION: a German freezing order',
    role: 'INVESTIGATOR',
    purpose: 'CRIMINAL_INVESTIGATION',
    query: 'query ($id: ID!) { de { freezingOrder(id: $id) { id issuingAuthority } } }',
    variables: () => ({ id: deOrder.id }),
    source: () => pick(deOrder as unknown as Row, ['id', 'issuingAuthority']),
    observe: (data) => data.de.freezingOrder,
    denied: [{ path: ['de', 'freezingOrder'], field: 'Jurisdiction.freezingOrder' }],
    expected: countries(
      [EU, { id: 'CLEAR', issuingAuthority: 'CLEAR' }],
      [['SG', 'CH', 'US', 'KP'], 'DENIED'],
    ),
  },
  hitProbe('DE', countries([EU, { hit: 'CLEAR' }], [['SG', 'CH', 'US', 'KP'], 'DENIED'])),
  // Singapore: its MLA partners (FR, DE) as at home; hit / no-hit to everyone else.
  sgDisclosureProbe(
    'INVESTIGATOR',
    'CRIMINAL_INVESTIGATION',
    countries([['SG', ...EU], SG_INVESTIGATOR], [['CH', 'US', 'KP'], 'DENIED']),
  ),
  sgDisclosureProbe(
    'FIU_OFFICER',
    'AML_INTELLIGENCE',
    countries([['SG', ...EU], SG_FIU], [['CH', 'US', 'KP'], 'DENIED']),
  ),
  hitProbe('SG', countries([COUNTRIES.slice(), { hit: 'CLEAR' }])),
];

const forbidden = ({ path: where, field }: Where, jurisdiction: string) => ({
  message: expect.any(String),
  path: where,
  extensions: expect.objectContaining({
    code: 'FORBIDDEN',
    jurisdiction,
    reason: 'COUNTRY_NOT_ALLOWED',
    field,
  }),
});

function sortedByPath<T extends { path?: (string | number)[] }>(errors: T[]): T[] {
  return [...errors].sort((a, b) =>
    (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.')),
  );
}

const clearStrings = (row: Row) =>
  Object.values(row).filter((value): value is string => typeof value === 'string');

describe.each(PROBES)('$member, $title', (probe) => {
  it.each(COUNTRIES.map((country) => ({ country, expected: probe.expected[country] })))(
    'from $country',
    async ({ country, expected }) => {
      const { status, body } = await fixture.ask(
        { role: probe.role, purpose: probe.purpose, caseRef: CASE, country },
        probe.query,
        probe.variables(),
      );
      expect(status).toBe(200);
      const source = probe.source();
      const text = JSON.stringify(body);
      if (expected === 'DENIED') {
        for (const { path: where } of probe.denied) expect(at(body.data, where)).toBeNull();
        expect(sortedByPath(body.errors ?? [])).toEqual(
          sortedByPath(probe.denied.map((where) => forbidden(where, probe.member))),
        );
        for (const value of clearStrings(source)) expect(text).not.toContain(value);
        return;
      }
      const fields = Object.keys(expected);
      const wanted: Row = {};
      for (const [field, form] of Object.entries(expected)) {
        // The seed must hold a value, or the row could not tell a release from a denial.
        expect(source[field], field).not.toBeNull();
        wanted[field] =
          form === 'WITHHELD'
            ? null
            : releasedAs(source[field], form, seeded.pseudonymSecret, CASE);
      }
      expect(pick(probe.observe(body.data), fields)).toEqual(wanted);
      const withheld = fields.filter((field) => expected[field] === 'WITHHELD');
      expect(sortedByPath(body.errors ?? [])).toEqual(
        sortedByPath(withheld.map((field) => forbidden(probe.withheld!(field), probe.member))),
      );
      for (const field of withheld) expect(text).not.toContain(String(source[field]));
    },
  );
});
