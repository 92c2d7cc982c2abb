import { readFileSync } from 'node:fs';
import type { MemberDefinition } from '../kit/MemberDefinition.js';
import { policy } from './policy.js';
import { openRegistries } from './registry/index.js';

/** Singapore as the kit serves it: its schema, its policy and its registries. */
export const member: MemberDefinition = {
  code: 'SG',
  name: 'Singapore',
  schemaSdl: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  policy,
  openRegistries,
};
