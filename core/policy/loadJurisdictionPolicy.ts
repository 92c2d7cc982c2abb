import { memberCode } from '../federationConfig.js';
import type { JurisdictionPolicy } from './JurisdictionPolicy.js';

/**
 * Member `code`'s policy, from its `subgraphs/<cc>/policy.ts`. Loaded by name at run time:
 * the core and the kit know a member only through the membership configuration, never by
 * an import, so adding a member touches no code below it.
 */
export async function loadJurisdictionPolicy(code: string): Promise<JurisdictionPolicy> {
  const cc = memberCode(code);
  const url = new URL(`../../subgraphs/${cc}/policy.js`, import.meta.url).href;
  const module = (await import(url)) as { policy?: JurisdictionPolicy };
  if (!module.policy) throw new Error(`subgraphs/${cc}/policy.ts exports no \`policy\``);
  return module.policy;
}
