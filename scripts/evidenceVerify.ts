import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { trustedKeysDir } from '../core/auth/trustedKeysDir.js';
import { auditKeyFiles } from '../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { readEvidenceExport } from '../subgraphs/kit/evidence/readEvidenceExport.js';
import { verifyEvidenceFiles } from '../subgraphs/kit/evidence/verifyEvidenceFiles.js';
import { UsageError, commandLine } from './commandLine.js';

// `npm run evidence:verify -- pkg.zip` checks an exported evidence package offline — no
// network, no database — against the keys the members published (`audit-<cc>.public.jwk.json`
// in --keys, default COMITY_KEYS_DIR or .keys/). Exit 0 verified, 1 a check failed (named on
// the first line), 2 usage.
const COMMAND = 'evidence:verify';
const USAGE =
  'usage: npm run evidence:verify -- <pkg.zip|dir> [--keys <dir of audit-<cc>.public.jwk.json>]\n' +
  '  exit: 0 verified, 1 a check failed, 2 usage';
const values = commandLine(COMMAND, USAGE, () => {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { keys: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { ...values, path: '' };
  if (positionals.length !== 1) {
    throw new UsageError('give exactly one package: a .zip or a directory');
  }
  return { ...values, path: positionals[0]! };
});

const keysDir = values.keys ?? trustedKeysDir();
const trustedKey = (country: string): JWK | null => {
  try {
    return JSON.parse(
      readFileSync(join(keysDir, auditKeyFiles(country.toLowerCase()).publicFile), 'utf8'),
    ) as JWK;
  } catch {
    return null;
  }
};

let files: Map<string, Uint8Array>;
try {
  files = await readEvidenceExport(values.path);
} catch (error) {
  console.error(
    `${COMMAND}: ${values.path}: cannot read (${(error as { code?: string }).code ?? (error as Error).message})`,
  );
  process.exit(1);
}
const result = verifyEvidenceFiles(files, trustedKey);
if (!result.ok) {
  console.error(`FAILED ${result.check}: ${result.reason}`);
  for (const line of result.summary) console.error(`  ${line}`);
  process.exitCode = 1;
} else {
  console.log('VERIFIED');
  for (const line of result.summary) console.log(`  ${line}`);
}
