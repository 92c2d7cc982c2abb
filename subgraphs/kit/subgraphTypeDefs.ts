import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { applyPolicyDirectives } from '../../core/policy/applyPolicyDirectives.js';
import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { POLICY_SPEC_URL, policySpecSdl } from '../../core/policy/policySpec.js';

// Found beside the kit's own files, so the packed kit (which ships schema/common) finds it too.
const COMMON_SCHEMA_DIR = fileURLToPath(new URL('../../schema/common/', import.meta.url));

/** The common cross-border schema: every `.graphql` file of schema/common/, in name order. */
export function commonSchemaSdl(): string {
  return readdirSync(COMMON_SCHEMA_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(`${COMMON_SCHEMA_DIR}${name}`, 'utf8'))
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
 * A member's full schema document: its own SDL, the policy spec, the common cross-border
 * types, and its policy written onto them as directives.
 */
export function jurisdictionTypeDefs(ownSdl: string, policy: JurisdictionPolicy): DocumentNode {
  const document = parse([ownSdl, POLICY_LINK_SDL, policySpecSdl(), commonSchemaSdl()].join('\n'));
  return applyPolicyDirectives(document, policy);
}
