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
import { loadJurisdictionSchemas } from '../../../schema/policy/loadJurisdictionSchemas.js';
import {
  fieldOutcome,
  policyMatrix,
  renderPolicyMatrix,
} from '../../../schema/policy/policyMatrix.js';
import type { PolicyMatrix, PolicyOutcome } from '../../../schema/policy/policyMatrix.js';
import { PURPOSES } from '../../../core/policy/policySpec.js';
import type { Purpose, Role } from '../../../core/policy/policySpec.js';

let matrices: Map<string, PolicyMatrix>;

beforeAll(async () => {
  const jurisdictions = await loadJurisdictionSchemas();
  matrices = new Map(
    jurisdictions.map(({ schema, policy }) => [policy.jurisdiction, policyMatrix(schema, policy)]),
  );
});

function outcome(jurisdiction: string, coordinate: string, role: Role, purpose: Purpose) {
  const field = matrices.get(jurisdiction)?.fields.find((f) => f.coordinate === coordinate);
  if (!field) throw new Error(`${jurisdiction} ${coordinate} is not in the matrix`);
  return field.outcomes[role]?.[purpose];
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
      fr.recognisedRoles.flatMap((role) =>
        field.outcomes[role]!.EMERGENCY.startsWith('denied:')
          ? []
          : [`${field.coordinate} ${role}: ${field.outcomes[role]!.EMERGENCY}`],
      ),
    );
    expect(released).toEqual([]);
  });

  it('covers every recognised role and every purpose, and leaves unpoliced fields out', () => {
    for (const matrix of matrices.values()) {
      for (const field of matrix.fields) {
        expect(Object.keys(field.outcomes)).toEqual([...matrix.recognisedRoles]);
        for (const role of matrix.recognisedRoles) {
          expect(Object.keys(field.outcomes[role]!)).toEqual([...PURPOSES]);
        }
      }
    }
    expect(matrices.get('FR')!.fields.map((field) => field.coordinate)).not.toContain(
      'Transaction.amount',
    );
  });

  it('denies case-work purposes without a case reference, as enforcement does', () => {
    const effective = {
      access: { roles: ['PROSECUTOR' as const], purposes: null },
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
