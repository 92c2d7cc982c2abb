import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import type { OpenedRegistries } from './registry/cacheRegistries.js';
import type { ImportReport } from './registry/ImportRejectedError.js';
import type { RegistryOptions } from './registry/types.js';

/** Opens a member's registries on its own storage (its `registry/index.ts`). */
export type OpenRegistries = (options: RegistryOptions) => Promise<OpenedRegistries>;

/** One source record an import left out or loaded only in part, and why. */
export interface ImportNote {
  /** The record's id in the source file, or where it is when it has none. */
  record: string;
  /** SKIPPED: not loaded; PARTIAL: loaded without the values `reasons` name. */
  outcome: 'SKIPPED' | 'PARTIAL';
  reasons: string[];
}

/** What a member's importer did with one file: nothing is loaded unless it resolves. */
export interface MemberImportResult {
  /** What the registries serve now, as their writers reported it. */
  reports: ImportReport[];
  /** Source records loaded (PARTIAL ones included). */
  imported: number;
  notes: ImportNote[];
}

/** Reads a file of the member's own published format into its registries (`npm run import`). */
export type MemberImporter = (options: {
  file: string;
  dataDir: string;
  databaseUrl: string | null;
}) => Promise<MemberImportResult>;

/**
 * Everything the kit needs to serve one member, handed to it by the member itself: the kit
 * never looks a member up on disk, so a registry builds its subgraph outside this repository
 * with the same call the members inside it make.
 */
export interface MemberDefinition {
  /** ISO 3166-1 alpha-2, upper case; its lower case is the member's namespace field. */
  code: string;
  /** The member's name, as the directory shows it. */
  name: string;
  /** The member's own SDL: its namespace type and its `Query` field (the common types come from the kit). */
  schemaSdl: string;
  policy: JurisdictionPolicy;
  openRegistries: OpenRegistries;
  /** Optional: loads a file of the registry's published format (`npm run import -- --member`). */
  importer?: MemberImporter;
}

/** Refuses a definition the kit could not serve, naming what is wrong. */
export function checkMemberDefinition(member: MemberDefinition): MemberDefinition {
  if (!/^[A-Z]{2}$/.test(member.code)) {
    throw new Error(
      `member code must be two upper-case letters, got ${JSON.stringify(member.code)}`,
    );
  }
  if (member.name.trim() === '') throw new Error(`member ${member.code} has no name`);
  if (typeof member.openRegistries !== 'function') {
    throw new Error(`member ${member.code} has no openRegistries function`);
  }
  if (member.policy.jurisdiction !== member.code) {
    throw new Error(
      `member ${member.code}'s policy is written for ${JSON.stringify(member.policy.jurisdiction)}`,
    );
  }
  return member;
}
