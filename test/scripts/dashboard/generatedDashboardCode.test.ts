import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { memberCodes } from '../../../core/federationConfig.js';
import { PERSISTED_OPERATIONS_FILE } from '../../../scripts/dashboard/buildDashboard.js';
import {
  apiSchemaOf,
  generateDashboardCode,
} from '../../../scripts/dashboard/generateDashboardCode.js';
import { trustedDocumentManifest } from '../../../scripts/dashboard/trustedDocumentManifest.js';
import { sha256Hex } from '../../../gateway/trustedDocuments/TrustedDocumentManifest.js';

// The committed typed documents and the gateway's trusted-document manifest are generated; this
// holds them to what `npm run dashboard:build` would write for today's membership and schema.
describe('the generated dashboard operations', async () => {
  const code = await generateDashboardCode();

  it.each([...code.files.keys()].map((file) => [path.basename(file), file]))(
    'dashboard/src/gql/%s is current (else: npm run dashboard:build)',
    (_name, file) => {
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(code.files.get(file));
    },
  );

  it('gateway/persisted-operations.json is current (else: npm run dashboard:build)', () => {
    const expected = trustedDocumentManifest(code.persistedDocuments, code.operations);
    expect(JSON.parse(readFileSync(PERSISTED_OPERATIONS_FILE, 'utf8'))).toEqual(expected);
  });

  it('spells out every member of schema/subgraphs.json in the per-member operations', () => {
    const transparency = code.operations.find(
      (operation) => operation.name === 'TransparencyStatistics',
    )!;
    const fields = (parse(transparency.document).definitions[0] as any).selectionSet.selections.map(
      (s: any) => s.name.value,
    );
    expect(fields).toEqual(memberCodes());
  });

  it('every manifest document validates against the supergraph and has the id of its text', () => {
    const schema = apiSchemaOf();
    for (const [key, body] of Object.entries(code.persistedDocuments)) {
      expect(key).toBe(`sha256:${sha256Hex(body)}`);
      expect(validate(schema, parse(body)).map((error) => error.message)).toEqual([]);
    }
  });
});
