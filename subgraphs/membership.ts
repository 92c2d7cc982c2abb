import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { REPO_ROOT, memberCode } from '../core/federationConfig.js';
import type { SubgraphConfig } from '../core/federationConfig.js';
import type { JurisdictionPolicy } from '../core/policy/JurisdictionPolicy.js';
import { checkMemberDefinition } from './kit/MemberDefinition.js';
import type { MemberDefinition } from './kit/MemberDefinition.js';
import { jurisdictionTypeDefs } from './kit/subgraphTypeDefs.js';

// The hub's members live in folders beside the kit, listed in schema/subgraphs.json. This is
// the one place that finds them by name: the kit takes a MemberDefinition from whoever runs
// it, here or in a registry's own repository.

/** Member `code`'s definition, from `subgraphs/<cc>/index.ts` (its export `member`). */
export async function loadMember(code: string): Promise<MemberDefinition> {
  const cc = memberCode(code);
  const url = new URL(`./${cc}/index.js`, import.meta.url).href;
  const module = (await import(url)) as { member?: MemberDefinition };
  if (!module.member) throw new Error(`subgraphs/${cc}/index.ts exports no \`member\``);
  const member = checkMemberDefinition(module.member);
  if (member.code.toLowerCase() !== cc) {
    throw new Error(`subgraphs/${cc}/index.ts defines member ${member.code}`);
  }
  return member;
}

/** Member `code`'s policy, from its `subgraphs/<cc>/policy.ts`. */
export async function loadMemberPolicy(code: string): Promise<JurisdictionPolicy> {
  const cc = memberCode(code);
  const url = new URL(`./${cc}/policy.js`, import.meta.url).href;
  const module = (await import(url)) as { policy?: JurisdictionPolicy };
  if (!module.policy) throw new Error(`subgraphs/${cc}/policy.ts exports no \`policy\``);
  return module.policy;
}

/**
 * A subgraph's schema document as it serves it: the directory its own file (it holds no
 * records); a member its own file with the common types and its policy as directives.
 */
export async function subgraphTypeDefs(
  subgraph: Pick<SubgraphConfig, 'name' | 'schema'>,
): Promise<DocumentNode> {
  const own = readFileSync(path.join(REPO_ROOT, subgraph.schema), 'utf8');
  if (subgraph.name === 'directory') return parse(own);
  return jurisdictionTypeDefs(own, await loadMemberPolicy(subgraph.name));
}
