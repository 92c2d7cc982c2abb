import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { parse, validate } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../../../gateway/trustedDocuments/TrustedDocumentManifest.js';
import { REPO_ROOT, memberCodes } from '../../../core/federationConfig.js';

const MANIFEST = path.join(REPO_ROOT, 'gateway', 'persisted-operations.json');
const operations = (
  JSON.parse(readFileSync(MANIFEST, 'utf8')) as { operations: { name: string; body: string }[] }
).operations;

// In production, the roles in COMITY_TRUSTED_DOCUMENT_ROLES (ANALYST and PUBLIC by default)
// may run only these operations: one that no longer validates locks its dashboard out.
describe('the persisted-operation manifest', () => {
  let gateway: ApolloGateway;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    gateway = new ApolloGateway({
      supergraphSdl: readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    });
    ({ schema } = await gateway.load());
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('loads, every id the sha256 of its body', () => {
    expect(loadTrustedDocuments(MANIFEST).size).toBe(operations.length);
  });

  it.each(operations.map((operation) => [operation.name, operation.body] as const))(
    '%s validates against the committed supergraph',
    (_name, body) => {
      expect(validate(schema, parse(body)).map((error) => error.message)).toEqual([]);
    },
  );

  it('holds what the public dashboard sends: the federated transparency report, for every member', () => {
    const report = operations.find((operation) => operation.name === 'TransparencyStatistics');
    for (const member of memberCodes())
      expect(report?.body).toContain(`${member} { transparency {`);
  });
});
