import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { trustedKeysDir } from '../core/auth/trustedKeysDir.js';
import { runAuditCommand, AuditCommandError } from '../subgraphs/kit/audit/auditCommand.js';
import { importCheckpointKey } from '../subgraphs/kit/audit/importCheckpointKey.js';
import { auditKeyFiles } from '../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { parseEvidenceReceipt } from '../subgraphs/kit/evidence/parseEvidenceReceipt.js';
import { receiptPayload, RECEIPT_JWS_TYPE } from '../subgraphs/kit/evidence/receiptPayload.js';
import { signDetachedJws } from '../subgraphs/kit/evidence/signDetachedJws.js';
import { UsageError, commandLine, parseOptions } from './commandLine.js';

// `npm run evidence:countersign -- --receipt evidence.json --country FR` signs, with the
// receiving country's own key (`audit-<cc>.private.jwk.json` in --keys-dir, default
// COMITY_KEYS_DIR or .keys/), the receipt of an evidence package its case fetched — the JSON
// of `request(id) { evidence { id manifestSha256 receipt { seq hash } } }` — and prints the
// detached JWS for `countersignEvidenceReceipt` (docs/evidence.md). It never makes a key.
// Exit 0 signed, 1 failed (unreadable receipt or key), 2 usage.
const COMMAND = 'evidence:countersign';
const USAGE =
  'usage: npm run evidence:countersign -- --receipt <evidence.json> --country <cc> [--keys-dir <dir>]\n' +
  '  prints the JWS to send with countersignEvidenceReceipt(requestId, seq, signature)\n' +
  '  exit: 0 signed, 1 failed, 2 usage';
const values = commandLine(COMMAND, USAGE, () => {
  const values = parseOptions(
    { receipt: { type: 'string' }, country: { type: 'string' }, 'keys-dir': { type: 'string' } },
    process.argv.slice(2),
  );
  if (values.help) return { help: true, receipt: '', country: '', keysDir: '' };
  if (!values.receipt) throw new UsageError('--receipt is required');
  if (!values.country) throw new UsageError('--country is required');
  const country = values.country.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(country)) {
    throw new UsageError(
      `--country must be an ISO 3166-1 alpha-2 code; got ${JSON.stringify(values.country)}`,
    );
  }
  return {
    receipt: values.receipt,
    country,
    keysDir: values['keys-dir'] ?? trustedKeysDir(),
  };
});

const readJson = async (file: string, what: string): Promise<unknown> => {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AuditCommandError(
      `${what} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AuditCommandError(`${what} ${file} is not JSON`);
  }
};

await runAuditCommand(COMMAND, async () => {
  let receipt;
  try {
    receipt = parseEvidenceReceipt(await readJson(values.receipt, '--receipt'));
  } catch (error) {
    if (error instanceof AuditCommandError) throw error;
    throw new AuditCommandError(`--receipt ${values.receipt} ${(error as Error).message}`);
  }
  const keyFile = join(values.keysDir, auditKeyFiles(values.country).privateFile);
  const jwk = (await readJson(keyFile, 'key')) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || !jwk.kid) {
    throw new AuditCommandError(`key ${keyFile} is not an Ed25519 private JWK with a kid`);
  }
  const { d: _d, ...publicJwk } = jwk;
  const key = await importCheckpointKey({ kid: jwk.kid, privateJwk: jwk, publicJwk });
  console.log(
    await signDetachedJws(receiptPayload(receipt.pkg, receipt.entry), RECEIPT_JWS_TYPE, key),
  );
});
