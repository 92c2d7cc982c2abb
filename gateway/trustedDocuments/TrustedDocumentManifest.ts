import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** One trusted document: its sha256 id (hex, of `body` exactly) and its text. */
export interface TrustedDocument {
  id: string;
  name: string;
  /** Who uses it: a dashboard, the README. */
  usedBy: string;
  /** Whether an anonymous caller (the public) may run it. Default false. */
  public?: boolean;
  body: string;
}

/** The trusted documents by sha256 id. */
export type TrustedDocumentManifest = ReadonlyMap<string, TrustedDocument>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads the persisted-operation manifest (`{ "format": "comity-persisted-operations", "version": 1,
 * "operations": [...] }`), which `npm run dashboard:build` generates from the dashboard's
 * documents and the README's example (scripts/trustedDocumentManifest.ts). An entry whose id is not the sha256 of its body is refused at start,
 * so a tampered or stale manifest never serves.
 */
export function loadTrustedDocuments(file: string): TrustedDocumentManifest {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { operations?: TrustedDocument[] };
  const manifest = new Map<string, TrustedDocument>();
  for (const operation of parsed.operations ?? []) {
    if (sha256Hex(operation.body) !== operation.id) {
      throw new Error(
        `${file}: operation ${operation.name} has an id that is not the sha256 of its body`,
      );
    }
    manifest.set(operation.id, operation);
  }
  return manifest;
}
