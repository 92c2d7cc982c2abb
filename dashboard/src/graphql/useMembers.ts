import { MembersDocument } from '../gql/graphql.js';
import { useOperation } from './useOperation.js';

export interface Member {
  /** The namespace field: `fr`, `de`, … */
  field: string;
  code: string;
  name: string;
}

/** The members, from the directory (public): every page lists what this returns, never a fixed list. */
export function useMembers(): { members: Member[]; loading: boolean } {
  const state = useOperation(MembersDocument, {}, { purpose: 'STATISTICS' });
  const members = (state.result?.data?.members ?? []).map((member) => ({
    field: member.namespaceField,
    code: member.code,
    name: member.name,
  }));
  return { members, loading: state.loading };
}
