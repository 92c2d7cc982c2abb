import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { REPO_ROOT } from '../../core/federationConfig.js';
import type { SubgraphConfig } from '../../core/federationConfig.js';
import { applyPolicyDirectives } from '../../core/policy/applyPolicyDirectives.js';
import { loadJurisdictionPolicy } from '../../core/policy/loadJurisdictionPolicy.js';
import { POLICY_SPEC_URL, policySpecSdl } from '../../core/policy/policySpec.js';

const COMMON_SCHEMA_DIR = path.join(REPO_ROOT, 'schema', 'common');

/** The common cross-border schema: every `.graphql` file of schema/common/, in name order. */
export function commonSchemaSdl(): string {
  return readdirSync(COMMON_SCHEMA_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(path.join(COMMON_SCHEMA_DIR, name), 'utf8'))
    .join('\n');
}

/**
 * Every jurisdiction links the policy spec and composes its directives, so the supergraph
 * shows each jurisdiction's policy on the shared types side by side. (A schema extension of
 * its own: the subgraph's file links federation itself.)
 */
export const POLICY_LINK_SDL = `
extend schema
  @link(url: "${POLICY_SPEC_URL}", import: ["@access", "@minimize", "@personalData"])
  @composeDirective(name: "@access")
  @composeDirective(name: "@minimize")
  @composeDirective(name: "@personalData")
`;

/**
 * A subgraph's full schema document. The directory serves only its own file (it holds no
 * records). A jurisdiction serves its own file, the policy spec, the common cross-border
 * types, and its policy written onto them as directives.
 */
export async function subgraphTypeDefs(
  subgraph: Pick<SubgraphConfig, 'name' | 'schema'>,
): Promise<DocumentNode> {
  const own = readFileSync(path.join(REPO_ROOT, subgraph.schema), 'utf8');
  if (subgraph.name === 'directory') return parse(own);
  const document = parse(
    [own, POLICY_LINK_SDL, policySpecSdl(), commonSchemaSdl()].join('\n'),
  );
  return applyPolicyDirectives(document, await loadJurisdictionPolicy(subgraph.name));
}
