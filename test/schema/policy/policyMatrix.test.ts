import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../core/federationConfig.js';
import {
  MissingMatrixMarkersError,
  POLICY_MATRIX_DOC,
  generatePolicyDocs,
  replaceMatrixSection,
} from '../../../schema/policy/generatePolicyDocs.js';
import { isObjectType } from 'graphql';
import { ISO_COUNTRY_CODES } from '../../../core/policy/countries.js';
import { effectiveFieldPolicy } from '../../../core/policy/readPolicyDirectives.js';
import { loadJurisdictionSchemas } from '../../../schema/policy/loadJurisdictionSchemas.js';
import type { JurisdictionSchema } from '../../../schema/policy/loadJurisdictionSchemas.js';
import {
  fieldOutcome,
  policyMatrix,
  renderPolicyMatrix,
} from '../../../schema/policy/policyMatrix.js';
import type { PolicyMatrix, PolicyOutcome } from '../../../schema/policy/policyMatrix.js';
import { PURPOSES } from '../../../core/policy/policySpec.js';
import type { Purpose, Role } from '../../../core/policy/policySpec.js';

let jurisdictions: JurisdictionSchema[];
let matrices: Map<string, PolicyMatrix>;

beforeAll(async () => {
  jurisdictions = await loadJurisdictionSchemas();
  matrices = new Map(
    jurisdictions.map(({ schema, policy }) => [policy.jurisdiction, policyMatrix(schema, policy)]),
  );
});

/** The label of the class `country` falls in, in `jurisdiction`'s matrix. */
function classOf(jurisdiction: string, country: string): string {
  const found = matrices
    .get(jurisdiction)
    ?.countryClasses.find((countryClass) => countryClass.countries.includes(country));
  if (!found) throw new Error(`${country} is in no class of ${jurisdiction}`);
  return found.label;
}

function outcome(
  jurisdiction: string,
  coordinate: string,
  role: Role,
  purpose: Purpose,
  from = jurisdiction,
) {
  const field = matrices.get(jurisdiction)?.fields.find((f) => f.coordinate === coordinate);
  if (!field) throw new Error(`${jurisdiction} ${coordinate} is not in the matrix`);
  return field.outcomes[classOf(jurisdiction, from)]?.[role]?.[purpose];
}

describe('policyMatrix of the real jurisdictions', () => {
  it.each<[string, string, Role, Purpose, PolicyOutcome]>([
    // France: initials for investigators, the name itself for magistrates.
    ['FR', 'Person.name', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'minimised:INITIALS'],
    ['FR', 'Person.name', 'PROSECUTOR', 'CRIMINAL_INVESTIGATION', 'released'],
    ['FR', 'Person.name', 'AUDITOR', 'OVERSIGHT_AUDIT', 'denied:ROLE_NOT_ALLOWED'],
    ['FR', 'Person.birthDate', 'ASSET_RECOVERY_OFFICER', 'ASSET_TRACING', 'minimised:YEAR'],
    ['FR', 'WalletRecords.hit', 'ANALYST', 'SANCTIONS_SCREENING', 'released'],
    [
      'FR',
      'WalletRecords.freezingOrders',
      'INVESTIGATOR',
      'EMERGENCY',
      'denied:PURPOSE_NOT_ALLOWED',
    ],
    ['FR', 'WalletRecords.freezingOrders', 'ANALYST', 'ASSET_TRACING', 'denied:ROLE_NOT_ALLOWED'],
    // Germany: pseudonyms for analysts; the first @minimize not exempting the caller applies.
    ['DE', 'Person.name', 'ANALYST', 'SANCTIONS_SCREENING', 'minimised:PSEUDONYM'],
    ['DE', 'Person.name', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'released'],
    ['DE', 'Person.birthDate', 'ANALYST', 'SANCTIONS_SCREENING', 'minimised:REDACT'],
    ['DE', 'Person.birthDate', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'minimised:MONTH'],
    ['DE', 'Person.birthDate', 'JUDGE', 'CRIMINAL_INVESTIGATION', 'released'],
    ['DE', 'Person.idNumber', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'minimised:REDACT'],
    ['DE', 'Person.idNumber', 'INVESTIGATOR', 'EMERGENCY', 'released'],
    // The central authority matches requests from abroad by identity number, as a pseudonym.
    ['DE', 'Person.idNumber', 'CENTRAL_AUTHORITY', 'CRIMINAL_INVESTIGATION', 'minimised:PSEUDONYM'],
    ['DE', 'Person.idNumber', 'CENTRAL_AUTHORITY', 'EMERGENCY', 'released'],
    ['DE', 'Person.idNumber', 'PROSECUTOR', 'CRIMINAL_INVESTIGATION', 'released'],
    [
      'DE',
      'FreezingOrder.affectedParty',
      'INVESTIGATOR',
      'SANCTIONS_SCREENING',
      'denied:PURPOSE_NOT_ALLOWED',
    ],
    // Singapore: ranges outside the FIU and magistrates, initials lifted under EMERGENCY.
    ['SG', 'Transaction.amount', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'minimised:RANGE'],
    ['SG', 'Transaction.amount', 'FIU_OFFICER', 'AML_INTELLIGENCE', 'released'],
    ['SG', 'Person.name', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'minimised:INITIALS'],
    ['SG', 'Person.name', 'INVESTIGATOR', 'EMERGENCY', 'released'],
    ['SG', 'Ivms101Person.addressLine', 'PROSECUTOR', 'AML_INTELLIGENCE', 'minimised:REDACT'],
    ['SG', 'Person.idNumber', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'minimised:MASK'],
    ['SG', 'Person.idNumber', 'CENTRAL_AUTHORITY', 'CRIMINAL_INVESTIGATION', 'minimised:PSEUDONYM'],
    ['SG', 'Person.idNumber', 'FIU_OFFICER', 'AML_INTELLIGENCE', 'released'],
    [
      'SG',
      'Ivms101Person.nationalIdentifier',
      'CENTRAL_AUTHORITY',
      'ASSET_TRACING',
      'minimised:PSEUDONYM',
    ],
  ])('%s %s for %s under %s: %s', (jurisdiction, coordinate, role, purpose, expected) => {
    expect(outcome(jurisdiction, coordinate, role, purpose)).toBe(expected);
  });

  it('FR, which accepts no emergency release, denies every field under EMERGENCY', () => {
    const fr = matrices.get('FR')!;
    const released = fr.fields.flatMap((field) =>
      Object.entries(field.outcomes).flatMap(([from, byRole]) =>
        fr.recognisedRoles.flatMap((role) =>
          byRole[role]!.EMERGENCY.startsWith('denied:')
            ? []
            : [`${field.coordinate} ${role} from ${from}: ${byRole[role]!.EMERGENCY}`],
        ),
      ),
    );
    expect(released).toEqual([]);
  });

  it('covers every class, recognised role and purpose, and leaves unpoliced fields out', () => {
    for (const matrix of matrices.values()) {
      const labels = matrix.countryClasses.map((countryClass) => countryClass.label);
      for (const field of matrix.fields) {
        expect(Object.keys(field.outcomes)).toEqual(labels);
        for (const label of labels) {
          expect(Object.keys(field.outcomes[label]!)).toEqual([...matrix.recognisedRoles]);
          for (const role of matrix.recognisedRoles) {
            expect(Object.keys(field.outcomes[label]![role]!)).toEqual([...PURPOSES]);
          }
        }
      }
    }
    expect(matrices.get('FR')!.fields.map((field) => field.coordinate)).not.toContain(
      'Transaction.amount',
    );
  });

  it.each<[string, string[], Record<string, string>]>([
    // jurisdiction, class labels in order, a country of each class → its label
    [
      'FR',
      ['FR', 'EU', 'COE_MLA', 'other countries'],
      {
        DE: 'EU',
        CH: 'COE_MLA',
        SG: 'other countries',
        US: 'other countries',
        KP: 'other countries',
      },
    ],
    [
      'DE',
      ['DE', 'EU', 'other countries'],
      { FR: 'EU', CH: 'other countries', SG: 'other countries', KP: 'other countries' },
    ],
    [
      'SG',
      ['SG', 'ASEAN_MLAT + MLA_PARTNERS', 'other countries'],
      {
        FR: 'ASEAN_MLAT + MLA_PARTNERS',
        DE: 'ASEAN_MLAT + MLA_PARTNERS',
        MY: 'ASEAN_MLAT + MLA_PARTNERS',
        US: 'other countries',
        KP: 'other countries',
      },
    ],
  ])('%s groups home countries by its arrangements', (jurisdiction, labels, members) => {
    const matrix = matrices.get(jurisdiction)!;
    expect(matrix.countryClasses.map((countryClass) => countryClass.label)).toEqual(labels);
    for (const [country, label] of Object.entries(members))
      expect(classOf(jurisdiction, country)).toBe(label);
    // Every assigned country falls in exactly one class.
    const all = matrix.countryClasses.flatMap((countryClass) => countryClass.countries).sort();
    expect(all).toEqual([...ISO_COUNTRY_CODES].sort());
  });

  it.each<[string, string, Role, Purpose, string, PolicyOutcome]>([
    // France: the Union in full, its Council of Europe partners reduced, nobody else.
    ['FR', 'Person.name', 'PROSECUTOR', 'CRIMINAL_INVESTIGATION', 'DE', 'released'],
    ['FR', 'Person.name', 'PROSECUTOR', 'CRIMINAL_INVESTIGATION', 'CH', 'minimised:INITIALS'],
    [
      'FR',
      'Person.name',
      'INVESTIGATOR',
      'CRIMINAL_INVESTIGATION',
      'KP',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    ['FR', 'Person.idNumber', 'JUDGE', 'ASSET_TRACING', 'GB', 'minimised:MASK'],
    [
      'FR',
      'WalletRecords.freezingOrders',
      'INVESTIGATOR',
      'CRIMINAL_INVESTIGATION',
      'US',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'FR',
      'WalletRecords.hit',
      'ANALYST',
      'SANCTIONS_SCREENING',
      'SG',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'FR',
      'Ivms101Person.primaryIdentifier',
      'FIU_OFFICER',
      'AML_INTELLIGENCE',
      'NO',
      'minimised:INITIALS',
    ],
    // Oversight is national before any arrangement; the transparency report is public.
    [
      'FR',
      'Jurisdiction.auditEvents',
      'AUDITOR',
      'OVERSIGHT_AUDIT',
      'DE',
      'denied:FOREIGN_OVERSIGHT',
    ],
    [
      'FR',
      'Jurisdiction.auditChain',
      'AUDITOR',
      'OVERSIGHT_AUDIT',
      'DE',
      'denied:FOREIGN_OVERSIGHT',
    ],
    ['FR', 'Jurisdiction.auditChain', 'AUDITOR', 'OVERSIGHT_AUDIT', 'FR', 'released'],
    [
      'FR',
      'Jurisdiction.auditChain',
      'INVESTIGATOR',
      'OVERSIGHT_AUDIT',
      'FR',
      'denied:ROLE_NOT_ALLOWED',
    ],
    ['FR', 'Jurisdiction.transparency', 'PUBLIC', 'STATISTICS', 'KP', 'released'],
    // Germany: the Union only, but its published listings to anyone, with the persons behind
    // them as case pseudonyms beyond the Union.
    ['DE', 'Person.name', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'KP', 'minimised:PSEUDONYM'],
    ['DE', 'Person.name', 'INVESTIGATOR', 'CRIMINAL_INVESTIGATION', 'FR', 'released'],
    [
      'DE',
      'WalletRecords.watchlistEntries',
      'VASP_COMPLIANCE',
      'SANCTIONS_SCREENING',
      'US',
      'released',
    ],
    ['DE', 'Person.idNumber', 'PROSECUTOR', 'CRIMINAL_INVESTIGATION', 'FR', 'released'],
    [
      'DE',
      'Person.idNumber',
      'PROSECUTOR',
      'CRIMINAL_INVESTIGATION',
      'KP',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'DE',
      'WalletRecords.freezingOrders',
      'INVESTIGATOR',
      'CRIMINAL_INVESTIGATION',
      'SG',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'DE',
      'WalletRecords.hit',
      'ANALYST',
      'SANCTIONS_SCREENING',
      'CH',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    // Singapore: its MLA partners as at home, hit / no-hit to everyone else.
    [
      'SG',
      'WalletRecords.exchangeDisclosures',
      'INVESTIGATOR',
      'CRIMINAL_INVESTIGATION',
      'FR',
      'released',
    ],
    [
      'SG',
      'WalletRecords.exchangeDisclosures',
      'INVESTIGATOR',
      'CRIMINAL_INVESTIGATION',
      'US',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    ['SG', 'Person.name', 'FIU_OFFICER', 'AML_INTELLIGENCE', 'KP', 'denied:COUNTRY_NOT_ALLOWED'],
    ['SG', 'WalletRecords.hit', 'ANALYST', 'SANCTIONS_SCREENING', 'KP', 'released'],
    // Requests: the parties of some accepted request reach the surface; the kit picks the request.
    ['DE', 'JurisdictionMutations.fileRequest', 'PROSECUTOR', 'FREEZE_EXECUTION', 'FR', 'released'],
    [
      'DE',
      'JurisdictionMutations.fileRequest',
      'PROSECUTOR',
      'FREEZE_EXECUTION',
      'CH',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'DE',
      'JurisdictionMutations.fileRequest',
      'CENTRAL_AUTHORITY',
      'CRIMINAL_INVESTIGATION',
      'FR',
      'denied:ROLE_NOT_ALLOWED',
    ],
    [
      'FR',
      'JurisdictionMutations.fileRequest',
      'PROSECUTOR',
      'CRIMINAL_INVESTIGATION',
      'CH',
      'released',
    ],
    [
      'FR',
      'JurisdictionMutations.actOnRequest',
      'CENTRAL_AUTHORITY',
      'CRIMINAL_INVESTIGATION',
      'FR',
      'released',
    ],
    [
      'FR',
      'JurisdictionMutations.actOnRequest',
      'CENTRAL_AUTHORITY',
      'SANCTIONS_SCREENING',
      'FR',
      'denied:PURPOSE_NOT_ALLOWED',
    ],
    ['SG', 'Jurisdiction.requests', 'FIU_OFFICER', 'CRIMINAL_INVESTIGATION', 'SG', 'released'],
    ['SG', 'Jurisdiction.requests', 'PROSECUTOR', 'EMERGENCY', 'MY', 'released'],
    [
      'SG',
      'Jurisdiction.requests',
      'PROSECUTOR',
      'CRIMINAL_INVESTIGATION',
      'US',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    // The identity a de-anonymisation reveals: to the roles that may ask for one, from the
    // countries that may; never to a partner outside the Union; nowhere in Singapore.
    ['DE', 'DeAnonymisedIdentity.name', 'PROSECUTOR', 'EMERGENCY', 'FR', 'released'],
    [
      'DE',
      'DeAnonymisedIdentity.name',
      'INVESTIGATOR',
      'CRIMINAL_INVESTIGATION',
      'FR',
      'denied:ROLE_NOT_ALLOWED',
    ],
    ['FR', 'DeAnonymisedIdentity.idNumber', 'JUDGE', 'CRIMINAL_INVESTIGATION', 'DE', 'released'],
    [
      'FR',
      'DeAnonymisedIdentity.idNumber',
      'JUDGE',
      'EMERGENCY',
      'DE',
      'denied:PURPOSE_NOT_ALLOWED',
    ],
    [
      'FR',
      'DeAnonymisedIdentity.idNumber',
      'JUDGE',
      'CRIMINAL_INVESTIGATION',
      'CH',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'FR',
      'RequestRelease.identity',
      'JUDGE',
      'CRIMINAL_INVESTIGATION',
      'CH',
      'denied:COUNTRY_NOT_ALLOWED',
    ],
    [
      'SG',
      'DeAnonymisedIdentity.name',
      'PROSECUTOR',
      'CRIMINAL_INVESTIGATION',
      'MY',
      'denied:ROLE_NOT_ALLOWED',
    ],
    // Released records keep the member's registry rules.
    ['FR', 'RequestRelease.freezingOrders', 'PROSECUTOR', 'ASSET_TRACING', 'DE', 'released'],
    [
      'FR',
      'RequestRelease.freezingOrders',
      'FIU_OFFICER',
      'ASSET_TRACING',
      'DE',
      'denied:ROLE_NOT_ALLOWED',
    ],
    ['DE', 'RequestRelease.exchangeDisclosures', 'INVESTIGATOR', 'EMERGENCY', 'FR', 'released'],
  ])(
    '%s %s for %s under %s from %s: %s',
    (jurisdiction, coordinate, role, purpose, from, expected) => {
      expect(outcome(jurisdiction, coordinate, role, purpose, from)).toBe(expected);
    },
  );

  it('gives every country of a class the outcome computed for the class', () => {
    // The classes are exact only if no rule tells two of their countries apart: ask as each.
    for (const { schema, policy } of jurisdictions) {
      const matrix = matrices.get(policy.jurisdiction)!;
      const policed = matrix.fields.map((field) => {
        const type = schema.getType(field.type);
        if (!isObjectType(type)) throw new Error(`${field.type} is not an object type`);
        const config = type.toConfig().fields[field.field]!;
        return {
          field,
          effective: effectiveFieldPolicy(schema, type, config, field.field, policy.jurisdiction),
        };
      });
      const differing: string[] = [];
      for (const countryClass of matrix.countryClasses) {
        for (const country of countryClass.countries) {
          for (const { field, effective } of policed) {
            for (const role of matrix.recognisedRoles) {
              for (const purpose of PURPOSES) {
                const asked = fieldOutcome(
                  effective,
                  {
                    subject: 's',
                    roles: [role],
                    homeCountry: country,
                    agency: 'a',
                    purpose,
                    caseRef: 'c',
                  },
                  policy.jurisdiction,
                );
                if (asked !== field.outcomes[countryClass.label]![role]![purpose]) {
                  differing.push(
                    `${policy.jurisdiction} ${field.coordinate} ${role} ${purpose} ${country}`,
                  );
                }
              }
            }
          }
        }
      }
      expect(differing).toEqual([]);
    }
  });

  it('denies case-work purposes without a case reference, as enforcement does', () => {
    const effective = {
      access: { roles: ['PROSECUTOR' as const], purposes: null, countries: null },
      minimize: [],
      personalData: true,
    };
    const caller = {
      subject: 's',
      roles: ['PROSECUTOR' as const],
      homeCountry: 'FR',
      agency: 'a',
      caseRef: null,
    };
    expect(fieldOutcome(effective, { ...caller, purpose: 'ASSET_TRACING' }, 'FR')).toBe(
      'denied:CASE_REF_REQUIRED',
    );
    expect(fieldOutcome(effective, { ...caller, purpose: 'SANCTIONS_SCREENING' }, 'FR')).toBe(
      'released',
    );
    expect(
      fieldOutcome({ ...effective, access: null }, { ...caller, purpose: 'STATISTICS' }, 'FR'),
    ).toBe('denied:NO_POLICY');
  });

  it('renders a table per class of home countries, or says a class meets the domestic one', () => {
    const markdown = renderPolicyMatrix([matrices.get('FR')!]);
    const sections = markdown.split(/^### /m).slice(1);
    expect(sections.map((section) => section.split('\n')[0])).toEqual([
      'Domestic callers (FR)',
      'Callers from EU',
      'Callers from COE_MLA',
      'Callers from other countries',
      'Cross-border requests addressed to FR',
    ]);
    const personOf = (section: string) => section.split('#### `Person`')[1]!.split('####')[0]!;
    expect(personOf(sections[1]!).trim()).toBe('As for domestic callers.');
    expect(personOf(sections[3]!).trim()).toBe('Every field denied to every role.');
    // Partners get initials even as magistrates: a transfer outside the Union.
    expect(personOf(sections[2]!)).toMatch(/\| +PROSECUTOR +\| +initials +\|/);
    expect(markdown).toMatch(/\| COE_MLA +\| CH, GB, IS, NO +\|/);
  });

  it('renders cells and names the roles denied everything on a type', () => {
    const markdown = renderPolicyMatrix([matrices.get('FR')!]);
    const investigatorName = markdown
      .split('\n')
      .find((line) => line.startsWith('| `name` (personal data) | INVESTIGATOR |'));
    expect(
      investigatorName
        ?.split('|')
        .slice(3, -1)
        .map((cell) => cell.trim()),
    ).toEqual(
      // France lists the purposes it releases persons for: no EMERGENCY, no oversight or
      // statistics access to persons.
      PURPOSES.map((purpose) =>
        ['EMERGENCY', 'OVERSIGHT_AUDIT', 'STATISTICS'].includes(purpose) ? '—' : 'initials',
      ),
    );
    expect(markdown).toContain(
      'Denied every field of `Person` here, for every purpose: ANALYST, AUDITOR, PUBLIC.',
    );
  });
});

describe('generated policy docs', () => {
  it('docs/policy-matrix.md and the README section are what npm run policy:matrix writes', async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const generated = await generatePolicyDocs(readme);
    expect(readFileSync(path.join(REPO_ROOT, POLICY_MATRIX_DOC), 'utf8')).toBe(generated.matrix);
    expect(readme).toBe(generated.readme);
  });

  it('replaces only the text between the markers, and refuses a README without them', () => {
    const readme = 'before\n<!-- policy-matrix:start -->\nold\n<!-- policy-matrix:end -->\nafter\n';
    expect(replaceMatrixSection(readme, 'new')).toBe(
      'before\n<!-- policy-matrix:start -->\n\nnew\n\n<!-- policy-matrix:end -->\nafter\n',
    );
    expect(() => replaceMatrixSection('# Comity\n', 'new')).toThrow(MissingMatrixMarkersError);
  });
});
