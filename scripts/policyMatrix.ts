import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../core/federationConfig.js';
import { POLICY_MATRIX_DOC, generatePolicyDocs } from '../schema/policy/generatePolicyDocs.js';
import { commandLine, parseOptions } from './commandLine.js';

// `npm run policy:matrix [-- --check]`: writes docs/policy-matrix.md and the README's
// policy-matrix section from every jurisdiction's subgraph schema (docs/architecture.md §5: the matrix is
// generated, never written by hand). With --check it writes nothing and exits 1 when either
// committed file differs from what would be generated, so a policy change cannot land
// without its documentation.
const values = commandLine(
  'policy:matrix',
  'usage: npm run policy:matrix [-- --check]\n' +
    '  --check  write nothing; exit 1 when docs/policy-matrix.md or the README is out of date',
  () => parseOptions({ check: { type: 'boolean', default: false } }, process.argv.slice(2)),
);

const readmeFile = path.join(REPO_ROOT, 'README.md');
const matrixFile = path.join(REPO_ROOT, POLICY_MATRIX_DOC);

try {
  const readme = readFileSync(readmeFile, 'utf8');
  const generated = await generatePolicyDocs(readme);
  if (values.check) {
    const stale = [
      ...(existsSync(matrixFile) && readFileSync(matrixFile, 'utf8') === generated.matrix
        ? []
        : [POLICY_MATRIX_DOC]),
      ...(generated.readme === readme ? [] : ['README.md (policy-matrix section)']),
    ];
    if (stale.length > 0) {
      console.error(`policy:matrix: out of date: ${stale.join(', ')}; run npm run policy:matrix`);
      process.exitCode = 1;
    } else {
      console.log('policy:matrix: docs are up to date');
    }
  } else {
    mkdirSync(path.dirname(matrixFile), { recursive: true });
    writeFileSync(matrixFile, generated.matrix);
    writeFileSync(readmeFile, generated.readme);
    console.log(`policy:matrix: wrote ${POLICY_MATRIX_DOC} and the README section`);
  }
} catch (error) {
  console.error(`policy:matrix: ${(error as Error).message}`);
  process.exitCode = 1;
}
