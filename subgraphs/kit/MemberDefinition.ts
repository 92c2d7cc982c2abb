import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import type { OpenedRegistries } from './registry/cacheRegistries.js';
import type { RegistryOptions } from './registry/types.js';

/** Opens a member's registries on its own storage (its `registry/index.ts`). */
export type OpenRegistries = (options: RegistryOptions) => Promise<OpenedRegistries>;

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
}

/** Refuses a definition the kit could not serve, naming what is wrong. */
export function checkMemberDefinition(member: MemberDefinition): MemberDefinition {
  if (!/^[A-Z]{2}$/.test(member.code)) {
    throw new Error(`member code must be two upper-case letters, got ${JSON.stringify(member.code)}`);
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
