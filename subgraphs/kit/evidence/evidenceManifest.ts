import { createHash } from 'node:crypto';
import type { JsonValue } from '../audit/canonicalJson.js';
import type { EvidenceItem } from './EvidencePackage.js';

/**
 * The JSON-LD context of every manifest, inline so that reading one needs no network: the
 * CASE 1.4.0 / UCO 1.4.0 namespaces (schema/standards/case-uco/).
 */
export const EVIDENCE_MANIFEST_CONTEXT = {
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-role': 'https://ontology.unifiedcyberontology.org/uco/role/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export interface EvidenceManifestInput {
  packageId: string;
  jurisdiction: string;
  request: {
    id: string;
    type: string;
    instrument: string;
    caseRef: string;
    issuingState: string;
    issuingAgency: string;
    /** The judicial decision the execution rests on: the de-anonymisation's authorisation, or the recognition. */
    authorisation: { type: string; identifier: string; at: string | null };
  };
  /** Who executed it, from the gateway-signed context. */
  performer: { subject: string; role: string; agency: string; country: string };
  executedAt: string;
  createdAt: string;
  retainUntil: string;
  /** Release categories asked for but not granted: named, never filled. */
  withheldCategories: string[];
  items: EvidenceItem[];
}

/**
 * A node id ending in a UUID, as UCO advises (`core:UcoThing-identifier-regex-shape`):
 * derived from the package and the node's role in it, so one package always names its
 * nodes alike.
 */
function nodeId(packageId: string, role: string): string {
  const hex = createHash('sha256').update(`${packageId}\u0000${role}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `urn:comity:evidence:${role.split(':')[0]}-${uuid}`;
}

const dateTime = (value: string) => ({ '@type': 'xsd:dateTime', '@value': value });
const text = (value: string) => ({ '@type': 'xsd:string', '@value': value });

/**
 * The manifest of an evidence package in the CASE/UCO vocabulary (DESIGN: docs/evidence.md):
 * each item a `uco-observable:File` whose `ContentDataFacet` carries its SHA-256 as a
 * `uco-types:Hash`; the execution a `case-investigation:InvestigativeAction` (performer with
 * role and agency, time, the request as its object, the legal basis as a
 * `case-investigation:Authorization` instrument, the items its result); a
 * `case-investigation:ProvenanceRecord` tying the items to it. Pure: same input, same bytes.
 */
export function evidenceManifest(input: EvidenceManifestInput): { [key: string]: JsonValue } {
  const id = (role: string) => nodeId(input.packageId, role);
  const { request, performer } = input;
  const performerId = id('identity:performer');
  const roleId = id('role:performer');
  const agencyId = id('organization:agency');
  const authorisationId = id('authorization:basis');
  const requestId = id('request:cross-border');
  const actionId = id('investigative-action:execution');
  type Node = { [key: string]: JsonValue };
  const itemNodes = input.items.flatMap((item, index): Node[] => {
    const fileId = id(`file:item-${index}`);
    const facetId = id(`content-data-facet:item-${index}`);
    const hashId = id(`hash:item-${index}`);
    return [
      {
        '@id': fileId,
        '@type': 'uco-observable:File',
        'uco-core:name': text(item.name),
        'uco-core:description': text(
          `${input.jurisdiction} ${item.category} record ${item.recordId} as released to case ${request.caseRef}` +
            (item.redactions.length
              ? `; minimised or withheld: ${item.redactions.map((r) => `${r.field} (${r.strategy})`).join(', ')}`
              : ''),
        ),
        'uco-core:tag': item.redactions.map((r) => text(`redacted:${r.field}:${r.strategy}`)),
        'uco-core:hasFacet': [{ '@id': facetId }],
      },
      {
        '@id': facetId,
        '@type': 'uco-observable:ContentDataFacet',
        'uco-observable:mimeType': text('application/json'),
        'uco-observable:sizeInBytes': { '@type': 'xsd:integer', '@value': String(item.size) },
        'uco-observable:hash': [{ '@id': hashId }],
      },
      {
        '@id': hashId,
        '@type': 'uco-types:Hash',
        'uco-types:hashMethod': text('SHA256'),
        'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': item.sha256 },
      },
    ];
  });
  const itemRefs = input.items.map((_, index) => ({ '@id': id(`file:item-${index}`) }));
  return {
    '@context': { ...EVIDENCE_MANIFEST_CONTEXT },
    '@graph': [
      {
        '@id': performerId,
        '@type': 'uco-identity:Identity',
        'uco-core:name': text(performer.subject),
      },
      { '@id': roleId, '@type': 'uco-role:Role', 'uco-core:name': text(performer.role) },
      {
        '@id': agencyId,
        '@type': 'uco-identity:Organization',
        'uco-core:name': text(performer.agency),
        'uco-core:description': text(`Authority of ${performer.country}`),
      },
      relationship(id('relationship:has-role'), performerId, roleId, 'Has_Role'),
      relationship(id('relationship:member-of'), performerId, agencyId, 'Member_Of'),
      {
        '@id': authorisationId,
        '@type': 'case-investigation:Authorization',
        'case-investigation:authorizationType': text(request.authorisation.type),
        'case-investigation:authorizationIdentifier': [text(request.authorisation.identifier)],
        ...(request.authorisation.at
          ? { 'uco-core:startTime': dateTime(request.authorisation.at) }
          : {}),
        'uco-core:description': text(`Legal basis: ${request.instrument}`),
      },
      {
        '@id': requestId,
        '@type': 'uco-core:UcoObject',
        'uco-core:name': text(request.id),
        'uco-core:description': text(
          `${request.type} request of ${request.issuingAgency} (${request.issuingState}), case ${request.caseRef}, under ${request.instrument}` +
            (input.withheldCategories.length
              ? `; not granted: ${input.withheldCategories.join(', ')}`
              : ''),
        ),
      },
      {
        '@id': actionId,
        '@type': 'case-investigation:InvestigativeAction',
        'uco-core:name': text(`EXECUTE ${request.type} ${request.id}`),
        'uco-action:performer': { '@id': performerId },
        'uco-action:startTime': dateTime(input.executedAt),
        'uco-action:endTime': dateTime(input.executedAt),
        'uco-action:instrument': [{ '@id': authorisationId }],
        'uco-action:object': [{ '@id': requestId }],
        'uco-action:result': itemRefs,
      },
      {
        '@id': id('provenance-record:package'),
        '@type': 'case-investigation:ProvenanceRecord',
        'case-investigation:exhibitNumber': text(input.packageId),
        'uco-core:description': text(
          `Evidence package ${input.packageId} of ${input.jurisdiction}, created ${input.createdAt}, retained until ${input.retainUntil}`,
        ),
        'uco-core:objectCreatedTime': dateTime(input.createdAt),
        'uco-core:object': [{ '@id': actionId }, ...itemRefs],
      },
      ...itemNodes,
    ],
  };
}

function relationship(id: string, source: string, target: string, kind: string) {
  return {
    '@id': id,
    '@type': 'uco-core:Relationship',
    'uco-core:source': [{ '@id': source }],
    'uco-core:target': { '@id': target },
    'uco-core:kindOfRelationship': text(kind),
    'uco-core:isDirectional': { '@type': 'xsd:boolean', '@value': 'true' },
  };
}
