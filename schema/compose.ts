import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompositionFailedError, composeSupergraph } from './composeSupergraph.js';
import { REPO_ROOT } from '../core/federationConfig.js';
import { commandLine, parseOptions } from '../scripts/commandLine.js';

// `npm run compose`: writes schema/supergraph.graphql, or prints why composition failed and
// exits non-zero.
commandLine(
  'compose',
  'usage: npm run compose\n  writes schema/supergraph.graphql from every subgraph (takes no options)',
  () => parseOptions({}, process.argv.slice(2)),
);
const target = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');
try {
  writeFileSync(target, await composeSupergraph());
  console.log(`supergraph written to ${path.relative(process.cwd(), target)}`);
} catch (error) {
  if (error instanceof CompositionFailedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
