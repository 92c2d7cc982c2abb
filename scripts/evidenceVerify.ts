import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { trustedKeysDir } from '../core/auth/trustedKeysDir.js';
import { auditKeyFiles } from '../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { readEvidenceExport } from '../subgraphs/kit/evidence/readEvidenceExport.js';
import { verifyEvidenceFiles } from '../subgraphs/kit/evidence/verifyEvidenceFiles.js';
import { EXPORT_FILES } from '../subgraphs/kit/evidence/evidenceExportFiles.js';
import { MemberKeysError } from '../subgraphs/kit/keys/MemberKeys.js';
import type { MemberKeysDocument } from '../subgraphs/kit/keys/MemberKeys.js';
import { UsageError, commandLine } from './commandLine.js';
import { KeysFetchError, fetchAllMemberKeys } from './keys/fetchMemberKeys.js';

// `npm run evidence:verify -- pkg.zip` checks an exported evidence package — no database —
// against the keys the members published: fetched through the federation's directory with
// `--keys-from <gateway url>` (docs/keys.md), or offline from a folder of pinned
// `audit-<cc>.public.jwk.json` (--keys, default COMITY_KEYS_DIR or .keys/). Exit 0 verified,
// 1 a check failed (named on the first line), 2 usage.
const COMMAND = 'evidence:verify';
const USAGE =
  'usage: npm run evidence:verify -- <pkg.zip|dir> [--keys-from <gateway url> | --keys <dir of audit-<cc>.public.jwk.json>]\n' +
  '  exit: 0 verified, 1 a check failed, 2 usage';
const values = commandLine(COMMAND, USAGE, () => {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        keys: { type: 'string' },
        'keys-from': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  if (values.keys !== undefined && values['keys-from'] !== undefined) {
    throw new UsageError('give --keys or --keys-from, not both');
  }
  return { ...values, path: positionals[0]! };
});

const keysDir = values.keys ?? trustedKeysDir();
const pinnedKey = (country: string): JWK | null => {
  try {
    return JSON.parse(
      readFileSync(join(keysDir, auditKeyFiles(country.toLowerCase()).publicFile), 'utf8'),
    ) as JWK;
  } catch {
    return null;
  }
};
const gateway = values['keys-from'];
let fetched: Map<string, MemberKeysDocument | MemberKeysError> | null = null;
if (gateway !== undefined) {
  try {
    fetched = await fetchAllMemberKeys(gateway);
  } catch (error) {
    if (!(error instanceof KeysFetchError)) throw error;
    console.error(`${COMMAND}: cannot fetch the members' keys: ${error.reason}: ${error.message}`);
    process.exit(1);
  }
}
const published = (country: string) => fetched?.get(country.toUpperCase());
const trustedKey = (country: string): JWK | null => {
  if (fetched === null) return pinnedKey(country);
  const keys = published(country);
  return keys && !(keys instanceof MemberKeysError) ? keys.auditCheckpoint.jwk : null;
};

/** Why the fetched keys cannot verify the package, said before the check that fails on it. */
function keyMismatch(files: ReadonlyMap<string, Uint8Array>): string | null {
  if (fetched === null) return null;
  let index: { jurisdiction?: string };
  let proof: { publicJwk?: JWK };
  try {
    index = JSON.parse(new TextDecoder().decode(files.get(EXPORT_FILES.index)));
    proof = JSON.parse(new TextDecoder().decode(files.get(EXPORT_FILES.proof)));
  } catch {
    return null;
  }
  const cc = String(index.jurisdiction ?? '').toUpperCase();
  const keys = published(cc);
  if (keys === undefined) return `${cc} is not a member of the federation at ${gateway}`;
  if (keys instanceof MemberKeysError) return `${keys.reason}: ${keys.message}`;
  const kid = proof.publicJwk?.kid;
  if (kid !== keys.auditCheckpoint.kid || proof.publicJwk?.x !== keys.auditCheckpoint.jwk.x) {
    return `KEY_NOT_PUBLISHED: the package is signed with key ${String(kid)}, but ${cc} publishes ${keys.auditCheckpoint.kid}`;
  }
  return null;
}

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
  const mismatch = result.check === 'UNKNOWN_KEY' ? keyMismatch(files) : null;
  if (mismatch) console.error(`  ${mismatch}`);
  for (const line of result.summary) console.error(`  ${line}`);
  process.exitCode = 1;
} else {
  console.log('VERIFIED');
  for (const line of result.summary) console.log(`  ${line}`);
  if (gateway !== undefined) console.log(`  keys fetched through the directory of ${gateway}`);
}
