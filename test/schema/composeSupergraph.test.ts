import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CompositionFailedError,
  composeSupergraph,
  configuredSubgraphs,
} from '../../schema/composeSupergraph.js';
import { REPO_ROOT, memberCodes } from '../../core/federationConfig.js';

describe('composeSupergraph', () => {
  it('matches the committed schema/supergraph.graphql (run `npm run compose` if not)', async () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    expect(await composeSupergraph()).toBe(committed);
  });

  it('gives every jurisdiction its namespace and wallet field', async () => {
    const supergraph = await composeSupergraph();
    for (const code of memberCodes()) {
      expect(supergraph).toMatch(new RegExp(`\\n  ${code}: Jurisdiction`));
      expect(supergraph).toMatch(new RegExp(`\\n  ${code}: WalletRecords`));
    }
  });

  it('names each problem when subgraphs do not compose', async () => {
    const broken = {
      name: 'xx',
      url: 'http://127.0.0.1:1/graphql',
      // Redefines a shared value type incompatibly: Provenance.registry becomes an Int.
      typeDefs: parse(/* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])
        type Provenance @shareable {
          registry: Int
        }
        type Query {
          xx: Provenance
        }
      `),
    };
    let failure: unknown;
    try {
      await composeSupergraph([...(await configuredSubgraphs()), broken]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CompositionFailedError);
    const message = (failure as CompositionFailedError).message;
    expect(message).toMatch(/\[FIELD_TYPE_MISMATCH\]/);
    expect(message).toMatch(/Provenance\.registry/);
  });
});
