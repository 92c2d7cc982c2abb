import type { Member } from '../graphql/useMembers.js';

/** The member of the caller's own country, if its country is a member (desks are national). */
export function ownMember(members: readonly Member[], country: string | null): Member | null {
  return members.find((member) => member.code === country) ?? null;
}
