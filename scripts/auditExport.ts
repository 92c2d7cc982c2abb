import { loadMemberPolicy } from '../subgraphs/membership.js';
import { readFile, writeFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { memberCodes } from '../core/federationConfig.js';
import {
  AuditCommandError,
  AuditCommandExit,
  heldRange,
  openAuditLogForCommand,
  runAuditCommand,
} from '../subgraphs/kit/audit/auditCommand.js';
import { AuditError, AuditErrorCode } from '../subgraphs/kit/audit/AuditError.js';
import type { AuditLog } from '../subgraphs/kit/audit/AuditLog.js';
import type { ProofBundle } from '../subgraphs/kit/audit/ProofBundle.js';
import { verifyProofBundle } from '../subgraphs/kit/audit/verifyProofBundle.js';
import { MemberKeysError, publishedSigningKey } from '../subgraphs/kit/keys/MemberKeys.js';
import {
  UsageError,
  choiceOption,
  commandLine,
  integerOption,
  parseOptions,
} from './commandLine.js';
import { KeysFetchError, fetchMemberKeys } from './keys/fetchMemberKeys.js';

// `npm run audit:export -- --jurisdiction fr --seq 42 --out proof.json` writes a proof that
// event 42 is in the log a signed checkpoint describes; `--verify proof.json` checks one
// offline (no database), against `--public-key audit-fr.public.jwk.json` when given, or the key
// the member publishes, fetched through the directory with `--keys-from <gateway url>`.
// Exit 0 done, 1 failed (one line: no such event, unreadable file…), 2 usage, 4 a running
// member holds the embedded store (nothing read).
const COMMAND = 'audit:export';
const USAGE =
  'usage: npm run audit:export -- --jurisdiction <cc> --seq <n> [--out proof.json]\n' +
  '       npm run audit:export -- --verify proof.json [--public-key audit-<cc>.public.jwk.json | --keys-from <gateway url>]\n' +
  '  exit: 0 done, 1 failed, 2 usage, 4 the embedded store is in use (stop the member first)';
const values = commandLine(COMMAND, USAGE, () => {
  const values = parseOptions(
    {
      jurisdiction: { type: 'string' },
      seq: { type: 'string' },
      out: { type: 'string' },
      verify: { type: 'string' },
      'public-key': { type: 'string' },
      'keys-from': { type: 'string' },
    },
    process.argv.slice(2),
  );
  if (values['public-key'] !== undefined && values['keys-from'] !== undefined) {
    throw new UsageError('give --public-key or --keys-from, not both');
  }
  if (values.help || values.verify !== undefined) return { ...values, jurisdiction: '', seq: 0 };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required (or --verify FILE)');
  if (values.seq === undefined) throw new UsageError('--seq is required');
  return {
    ...values,
    jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()),
    seq: integerOption('seq', values.seq, 0, { min: 1 }),
  };
});

/** A JSON file given on the command line; a one-line reason when it cannot be read. */
async function readJsonFile<T>(option: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? 'not JSON'
        : ((error as { code?: string }).code ?? 'unreadable');
    throw new AuditCommandError(`${option} ${file}: ${reason}`);
  }
}

/** Why `seq` is not in the log, as the operator can act on it. */
async function noSuchEvent(log: AuditLog, seq: number): Promise<AuditCommandError> {
  const { head, oldest } = await heldRange(log);
  const cc = log.jurisdiction;
  if (head === 0) return new AuditCommandError(`${cc} has no event ${seq} (the log is empty)`);
  if (seq > head) return new AuditCommandError(`${cc} has no event ${seq} (head is ${head})`);
  return new AuditCommandError(
    `${cc} has no event ${seq}: it was purged` +
      (oldest === null ? '' : ` (the log holds ${oldest}..${head})`),
  );
}

async function exportProof(jurisdiction: string, seq: number, out: string | undefined) {
  const { log } = await openAuditLogForCommand(
    COMMAND,
    jurisdiction,
    (await loadMemberPolicy(jurisdiction)).auditRetentionDays,
  );
  try {
    const { head, oldest } = await heldRange(log);
    if (seq > head || oldest === null || seq < oldest) throw await noSuchEvent(log, seq);
    let bundle: ProofBundle;
    try {
      bundle = await log.exportProof(seq);
    } catch (error) {
      if (error instanceof AuditError && error.code === AuditErrorCode.AUDIT_EVENT_NOT_FOUND) {
        throw await noSuchEvent(log, seq);
      }
      throw error;
    }
    const text = `${JSON.stringify(bundle, null, 2)}\n`;
    if (out) {
      try {
        await writeFile(out, text);
      } catch (error) {
        const reason = (error as { code?: string }).code ?? (error as Error).message;
        throw new AuditCommandError(`--out ${out}: cannot write (${reason})`);
      }
      console.log(`wrote the proof of ${log.jurisdiction} event ${seq} to ${out}`);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await log.close();
  }
}

await runAuditCommand(COMMAND, async () => {
  if (!values.verify) {
    await exportProof(values.jurisdiction, values.seq, values.out);
    return AuditCommandExit.OK;
  }
  const bundle = await readJsonFile<ProofBundle>('--verify', values.verify);
  let trustedPublicJwk = values['public-key']
    ? await readJsonFile<JWK>('--public-key', values['public-key'])
    : undefined;
  if (values['keys-from'] !== undefined) {
    // The checkpoint's kid must be the one the member publishes, and its key the published one.
    const cc = String(bundle?.checkpoint?.jurisdiction ?? '');
    let kid: string | undefined;
    try {
      kid = JSON.parse(
        Buffer.from(String(bundle.checkpoint.signature).split('.')[0]!, 'base64url').toString(),
      ).kid;
    } catch {
      kid = undefined;
    }
    try {
      trustedPublicJwk = publishedSigningKey(await fetchMemberKeys(values['keys-from'], cc), kid);
    } catch (error) {
      if (!(error instanceof KeysFetchError) && !(error instanceof MemberKeysError)) throw error;
      console.error(`proof does not verify: ${error.reason}: ${error.message}`);
      return AuditCommandExit.FAILED;
    }
  }
  const result = verifyProofBundle(bundle, { trustedPublicJwk });
  if (!result.ok) {
    console.error(`proof does not verify: ${result.reason}`);
    return AuditCommandExit.FAILED;
  }
  console.log(
    `ok: event ${bundle.event.seq} is leaf ${bundle.leafIndex} of the ${bundle.checkpoint.jurisdiction} ` +
      `checkpoint of ${bundle.checkpoint.treeSize} events issued ${bundle.checkpoint.issuedAt}` +
      (trustedPublicJwk
        ? ''
        : ' (signature checked with the embedded key; pass --public-key or --keys-from to pin it)'),
  );
  return AuditCommandExit.OK;
});
