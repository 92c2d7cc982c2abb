import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { loadJurisdictionSchemas } from './loadJurisdictionSchemas.js';
import { policyMatrix, renderPolicyMatrix, renderPolicyMatrixSummary } from './policyMatrix.js';

/** The generated full matrix, relative to the repository root. */
export const POLICY_MATRIX_DOC = 'docs/policy-matrix.md';

export const README_MATRIX_START = '<!-- policy-matrix:start -->';
export const README_MATRIX_END = '<!-- policy-matrix:end -->';

/** README.md lacks the markers between which the matrix summary is generated. */
export class MissingMatrixMarkersError extends Error {
  override readonly name = 'MissingMatrixMarkersError';
}

/**
 * The README with the text between the markers replaced by `section`. The markers stay, so
 * the next run finds them again; everything outside them is kept byte for byte.
 */
export function replaceMatrixSection(readme: string, section: string): string {
  const start = readme.indexOf(README_MATRIX_START);
  const end = readme.indexOf(README_MATRIX_END);
  if (start === -1 || end === -1 || end < start) {
    throw new MissingMatrixMarkersError(
      `README.md needs the lines ${README_MATRIX_START} and ${README_MATRIX_END}, in that ` +
        'order, where the policy matrix summary belongs; add them and run npm run policy:matrix',
    );
  }
  // Blank lines around the section, as Prettier prints Markdown after an HTML comment.
  const head = readme.slice(0, start + README_MATRIX_START.length);
  return `${head}\n\n${section}\n\n${readme.slice(end)}`;
}

export interface PolicyDocs {
  /** The content of docs/policy-matrix.md. */
  matrix: string;
  /** The README, its matrix section regenerated. */
  readme: string;
}

/**
 * Markdown as the repository's Prettier settings print it, so that `npm run format` leaves
 * the generated text alone and `--check` does not report formatting as staleness.
 */
async function formatMarkdown(markdown: string, file: string): Promise<string> {
  const filepath = path.join(REPO_ROOT, file);
  const options = await resolveConfig(filepath);
  return format(markdown, { ...options, filepath, parser: 'markdown' });
}

/** Both generated documents, from every jurisdiction's subgraph schema. */
export async function generatePolicyDocs(readme: string): Promise<PolicyDocs> {
  const jurisdictions = await loadJurisdictionSchemas();
  const matrices = jurisdictions.map(({ schema, policy }) => policyMatrix(schema, policy));
  const names = Object.fromEntries(
    jurisdictions.map(({ member, policy }) => [policy.jurisdiction, member.name]),
  );
  const summary = await formatMarkdown(
    renderPolicyMatrixSummary(matrices, { names, matrixPath: POLICY_MATRIX_DOC }),
    'README.md',
  );
  return {
    matrix: await formatMarkdown(renderPolicyMatrix(matrices, { names }), POLICY_MATRIX_DOC),
    readme: replaceMatrixSection(readme, summary.trimEnd()),
  };
}
