import { memberCode } from '../../core/federationConfig.js';
import type { OpenedRegistries } from './registry/cacheRegistries.js';
import type { RegistryOptions } from './registry/types.js';

export type OpenRegistries = (options: RegistryOptions) => Promise<OpenedRegistries>;

/**
 * Member `code`'s registry opener, from its `subgraphs/<cc>/registry/index.ts`. Loaded by name,
 * like its policy, so the kit never imports a member.
 */
export async function loadMemberRegistries(code: string): Promise<OpenRegistries> {
  const cc = memberCode(code);
  const url = new URL(`../${cc}/registry/index.js`, import.meta.url).href;
  const module = (await import(url)) as { openRegistries?: OpenRegistries };
  if (!module.openRegistries) {
    throw new Error(`subgraphs/${cc}/registry/index.ts exports no \`openRegistries\``);
  }
  return module.openRegistries;
}
