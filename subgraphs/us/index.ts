import { readFileSync } from 'node:fs';
import type { MemberDefinition } from '../kit/MemberDefinition.js';
import { policy } from './policy.js';
import { importSdn } from './registry/importSdn.js';
import { openRegistries } from './registry/index.js';

/**
 * The United States as the kit serves it: its schema, its policy, its registry (the SDN list)
 * and the importer of OFAC's sdn.xml.
 */
export const member: MemberDefinition = {
  code: 'US',
  name: 'United States',
  schemaSdl: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  policy,
  openRegistries,
  importer: importSdn,
};
