import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../subgraphs/kit/audit/canonicalJson.js';
import { evidenceManifest } from '../../../../subgraphs/kit/evidence/evidenceManifest.js';
import type { EvidenceManifestInput } from '../../../../subgraphs/kit/evidence/evidenceManifest.js';
import { validateCaseUco } from '../../../support/validateCaseUco.js';

const input: EvidenceManifestInput = {
  packageId: 'evp-req-de-7',
  jurisdiction: 'DE',
  request: {
    id: 'req-de-7',
    type: 'DISCLOSURE',
    instrument: 'Regulation (EU) 2023/1543',
    caseRef: 'FR-PNF-2026-0042',
    issuingState: 'FR',
    issuingAgency: 'Parquet national financier',
    authorisation: {
      type: 'Recognition',
      identifier: 'req-de-7 recognised',
      at: '2026-03-01T10:00:00.000Z',
    },
  },
  performer: {
    subject: 'ca@bfj',
    role: 'CENTRAL_AUTHORITY',
    agency: 'Bundesamt für Justiz',
    country: 'DE',
  },
  executedAt: '2026-03-02T10:00:00.000Z',
  createdAt: '2026-03-02T10:00:01.000Z',
  retainUntil: '2028-03-01T10:00:00.000Z',
  withheldCategories: ['freezingOrders'],
  items: [
    {
      name: 'items/001-watchlistEntries-wl-1.json',
      category: 'watchlistEntries',
      recordId: 'wl-1',
      sha256: 'a'.repeat(64),
      size: 120,
      redactions: [{ field: 'WatchlistEntry.subject', strategy: 'PSEUDONYM' }],
    },
  ],
};

describe('evidenceManifest', () => {
  it('conforms to the CASE/UCO shapes, with no blank node', async () => {
    const report = await validateCaseUco(canonicalJson(evidenceManifest(input)));
    expect(report.results).toEqual([]);
    expect(report.sparqlResults).toEqual([]);
    expect(report.conforms).toBe(true);
    expect(report.quads).toBeGreaterThan(30);
    expect(report.blankNodes).toBe(0);
  });

  it('is the same bytes for the same input', () => {
    expect(canonicalJson(evidenceManifest(input))).toBe(canonicalJson(evidenceManifest(input)));
  });

  // The shapes must be able to fail: a manifest that breaks them is reported by the engine.
  it.each([
    [
      'a hash without its value',
      (graph: any[]) =>
        (graph.find((n) => n['@type'] === 'uco-types:Hash')!['uco-types:hashValue'] = undefined),
      'hashValue',
    ],
    [
      'an action with two start times',
      (graph: any[]) => {
        const action = graph.find((n) => n['@type'] === 'case-investigation:InvestigativeAction')!;
        action['uco-action:startTime'] = [
          action['uco-action:startTime'],
          { '@type': 'xsd:dateTime', '@value': '2026-03-03T00:00:00Z' },
        ];
      },
      'startTime',
    ],
    [
      'a hash value that is not hexBinary-typed',
      (graph: any[]) => {
        graph.find((n) => n['@type'] === 'uco-types:Hash')!['uco-types:hashValue'] = 'abc';
      },
      'hashValue',
    ],
  ])('does not conform with %s', async (_label, breakIt, path) => {
    const manifest = evidenceManifest(input) as any;
    breakIt(manifest['@graph']);
    const report = await validateCaseUco(JSON.stringify(manifest));
    expect(report.conforms).toBe(false);
    expect(report.results.some((r) => r.path?.includes(path))).toBe(true);
  });
});
