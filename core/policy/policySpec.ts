import { readFileSync } from 'node:fs';

/**
 * The identity and version of the Comity policy spec, as every subgraph writes it in
 *
 *   extend schema
 *     @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@composeDirective"])
 *     @link(url: "https://specs.comity.dev/policy/v0.2",
 *           import: ["@access", "@minimize", "Role", "Purpose", "MinimizeStrategy"])
 *     @composeDirective(name: "@access")
 *     @composeDirective(name: "@minimize")
 *
 * Rules this URL and that wiring must follow (Apollo Federation 2 `@link` / core schema spec,
 * checked against @apollo/federation-internals `FeatureUrl.parse` and @apollo/composition
 * `ComposeDirectiveManager` 2.14):
 * - The URL's last path segment is the version `v<major>.<minor>` and the one before it is the
 *   spec name (`policy`); the name is the default namespace, so an element that is not
 *   imported is spelled `@policy__access`. Identity = the URL without the version.
 * - `@composeDirective` needs federation v2.1 or later, a name with a leading `@`, a directive
 *   defined in the subgraph and belonging to a linked (core) feature, imported under the same
 *   name in every subgraph that composes it, and not clashing with a federation directive.
 * - Every subgraph that links the feature must define the directive; subgraphs composing it
 *   must agree on the feature's major version, and the supergraph takes the highest minor
 *   version among them. So a breaking change to the directives is a new major (`v1.0`), and
 *   compatible additions are a new minor served by `policySpecSdl()` to every subgraph.
 * - Repeatable composed directives keep every distinct application from every subgraph, which
 *   is how the supergraph shows each jurisdiction's policy side by side on the shared types.
 */
export const POLICY_SPEC_URL = 'https://specs.comity.dev/policy/v0.2';

/** What a caller does, from the verified identity token (docs/architecture.md §5). ADMIN never sees data. */
export const ROLES = [
  'ANALYST',
  'INVESTIGATOR',
  'PROSECUTOR',
  'JUDGE',
  'CENTRAL_AUTHORITY',
  'FIU_OFFICER',
  'ASSET_RECOVERY_OFFICER',
  'VASP_COMPLIANCE',
  'AUDITOR',
  'PUBLIC',
  'ADMIN',
] as const;

export type Role = (typeof ROLES)[number];

/** Why the caller asks, stated with each request (docs/architecture.md §4.2). */
export const PURPOSES = [
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'FREEZE_EXECUTION',
  'CONFISCATION_EXECUTION',
  'VICTIM_RESTITUTION',
  'SANCTIONS_SCREENING',
  'AML_INTELLIGENCE',
  'EMERGENCY',
  'OVERSIGHT_AUDIT',
  'STATISTICS',
] as const;

export type Purpose = (typeof PURPOSES)[number];

/** The forms a value can be reduced to before it leaves its jurisdiction. */
export const MINIMIZE_STRATEGIES = [
  'REDACT',
  'MASK',
  'INITIALS',
  'PSEUDONYM',
  'YEAR',
  'MONTH',
  'RANGE',
  'EXISTS',
] as const;

export type MinimizeStrategy = (typeof MINIMIZE_STRATEGIES)[number];

const POLICY_SPEC_FILE = new URL('./policySpec.graphql', import.meta.url);

let cachedSdl: string | undefined;

/**
 * The spec's SDL (enums and directive definitions), which each subgraph appends to its own
 * schema next to the `@link` above. Read once from policySpec.graphql beside this module.
 */
export function policySpecSdl(): string {
  cachedSdl ??= readFileSync(POLICY_SPEC_FILE, 'utf8');
  return cachedSdl;
}
