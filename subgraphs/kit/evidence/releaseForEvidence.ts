import { execute, parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { ContextClaims } from '../../../core/auth/ContextClaims.js';
import type { Purpose } from '../../../core/policy/policySpec.js';
import { createRegistryLoaders } from '../createRegistryLoaders.js';
import { ReleaseLedger } from '../policy/ReleaseLedger.js';
import type { JurisdictionRegistries } from '../registry/types.js';
import type { CrossBorderRequest } from '../requests/CrossBorderRequest.js';
import type { SubgraphContext } from '../SubgraphContext.js';
import type { JsonValue } from '../audit/canonicalJson.js';
import type { ItemRedaction } from './EvidencePackage.js';
import { releaseSelection } from './releaseSelection.js';

/** One record as the issuing case receives it, with what the policy did to its types. */
export interface ReleasedRecord {
  category: string;
  recordId: string;
  record: { [key: string]: JsonValue };
  redactions: ItemRedaction[];
}

export interface EvidenceRelease {
  records: ReleasedRecord[];
  /** Release categories the member did not grant (null with NOT_GRANTED). */
  withheldCategories: string[];
  /** The purpose the release was read under, as the issuing case states it. */
  purpose: Purpose;
}

/** The release fields of a disclosure or de-anonymisation, with their record types. */
const RELEASE_FIELDS = {
  freezingOrders: 'FreezingOrder',
  confiscationOrders: 'ConfiscationOrder',
  watchlistEntries: 'WatchlistEntry',
  exchangeDisclosures: 'ExchangeDisclosure',
  identity: 'DeAnonymisedIdentity',
} as const;

/** The purpose each type's issuing case reads under: case work, per the request's aim. */
const PURPOSE: Record<string, Purpose> = {
  FREEZING: 'FREEZE_EXECUTION',
  CONFISCATION: 'CONFISCATION_EXECUTION',
  DISCLOSURE: 'CRIMINAL_INVESTIGATION',
  DE_ANONYMISATION: 'CRIMINAL_INVESTIGATION',
};

export interface ReleaseForEvidenceOptions {
  schema: GraphQLSchema;
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  registries: JurisdictionRegistries;
  caseKey: (caseRef: string) => Uint8Array;
}

/**
 * What an executed request released, obtained the one way that guarantees it is what the
 * issuing case receives: the release selection run through the member's own schema — its
 * `@access` and `@minimize` transformers and resolvers — as the issuing caller (the request's
 * issuing role, country and agency, stating the issuing case). A disclosure or
 * de-anonymisation reads `request(id) { release }`; a freezing or confiscation reads the order
 * the member recorded (`rfo-…`, `rco-…`). Nothing is audited as an ACCESS: the package's own
 * event records it.
 */
export async function releaseForEvidence(
  options: ReleaseForEvidenceOptions,
  request: CrossBorderRequest,
): Promise<EvidenceRelease> {
  const { schema, code } = options;
  const ns = code.toLowerCase();
  const purpose = PURPOSE[request.type] ?? 'CRIMINAL_INVESTIGATION';
  const ledger = new ReleaseLedger();
  const context: SubgraphContext = {
    jurisdiction: code,
    claims: {} as ContextClaims,
    requestId: `evidence-${request.id}`,
    caller: {
      subject: request.issuedBy,
      roles: [request.issuingRole],
      homeCountry: request.issuingState,
      agency: request.issuingAgency,
      purpose,
      caseRef: request.caseRef,
    },
    pseudonymKey: options.caseKey(request.caseRef),
    releases: ledger,
    accessDecisions: new Map(),
    loaders: createRegistryLoaders(options.registries),
    audit: { kind: 'ACCESS', detail: {} },
  };
  const typesOf = new Map<string, Set<string>>();
  let document: string;
  let pick: (data: Record<string, any>) => Record<string, unknown>;
  if (request.type === 'FREEZING' || request.type === 'CONFISCATION') {
    const [field, typeName, prefix] =
      request.type === 'FREEZING'
        ? (['freezingOrder', 'FreezingOrder', 'rfo'] as const)
        : (['confiscationOrder', 'ConfiscationOrder', 'rco'] as const);
    const { selection, types } = releaseSelection(schema, typeName);
    typesOf.set(field, types);
    document = `query EvidenceRelease { ${ns} { ${field}(id: ${JSON.stringify(`${prefix}-${request.id}`)}) ${selection} } }`;
    pick = (data) => ({ [field]: data[ns]?.[field] ?? null });
  } else {
    const parts = Object.entries(RELEASE_FIELDS).map(([field, typeName]) => {
      const { selection, types } = releaseSelection(schema, typeName);
      typesOf.set(field, types);
      return `${field} ${selection}`;
    });
    document = `query EvidenceRelease { ${ns} { request(id: ${JSON.stringify(request.id)}) { release { ${parts.join(' ')} } } } }`;
    pick = (data) => data[ns]?.request?.release ?? {};
  }
  const result = await execute({ schema, document: parse(document), contextValue: context });
  // graphql-js builds results on null prototypes; canonical JSON takes plain data.
  const data = JSON.parse(JSON.stringify(result.data ?? {})) as Record<string, any>;
  const released = pick(data);
  const notGranted = (result.errors ?? [])
    .filter((error) => error.extensions?.reason === 'NOT_GRANTED')
    .map((error) => String(error.path?.[error.path.length - 1] ?? ''));
  const failures = (result.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
  // A release the member could not compute is no release to sign.
  if (failures.length > 0) throw failures[0];
  const redactionsOf = (field: string): ItemRedaction[] => {
    const types = typesOf.get(field) ?? new Set<string>();
    const inTypes = (coordinate: string) => types.has(coordinate.split('.')[0]!);
    return [
      ...[...ledger.minimised]
        .filter(([coordinate]) => inTypes(coordinate))
        .map(([field, strategy]) => ({ field, strategy: String(strategy) })),
      ...[...ledger.denied]
        .filter(([coordinate]) => inTypes(coordinate))
        .map(([field, reason]) => ({ field, strategy: `WITHHELD:${String(reason)}` })),
    ].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  };
  const records: ReleasedRecord[] = [];
  for (const [field, value] of Object.entries(released)) {
    if (value === null || value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    for (const record of list as { [key: string]: JsonValue }[]) {
      records.push({
        category: field,
        recordId: typeof record.id === 'string' ? record.id : 'subject',
        record,
        redactions: redactionsOf(field),
      });
    }
  }
  return { records, withheldCategories: [...new Set(notGranted)].sort(), purpose };
}
