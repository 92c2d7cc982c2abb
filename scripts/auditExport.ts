import { readFile, writeFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { memberCodes } from '../core/federationConfig.js';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import type { ProofBundle } from '../subgraphs/kit/audit/ProofBundle.js';
import { verifyProofBundle } from '../subgraphs/kit/audit/verifyProofBundle.js';
import {
  UsageError,
  choiceOption,
  commandLine,
  integerOption,
  parseOptions,
} from './commandLine.js';

// `npm run audit:export -- --jurisdiction fr --seq 42 --out proof.json` writes a proof that
// event 42 is in the log a signed checkpoint describes; `--verify proof.json` checks one
// offline (no database), against `--public-key audit-fr.public.jwk.json` when given.
const USAGE =
  'usage: npm run audit:export -- --jurisdiction <cc> --seq <n> [--out proof.json]\n' +
  '       npm run audit:export -- --verify proof.json [--public-key audit-<cc>.public.jwk.json]';
const values = commandLine('audit:export', USAGE, () => {
  const values = parseOptions(
    {
      jurisdiction: { type: 'string' },
      seq: { type: 'string' },
      out: { type: 'string' },
      verify: { type: 'string' },
      'public-key': { type: 'string' },
    },
    process.argv.slice(2),
  );
  if (values.help || values.verify !== undefined) return { ...values, jurisdiction: '', seq: 0 };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required (or --verify FILE)');
  if (values.seq === undefined) throw new UsageError('--seq is required');
  return {
    ...values,
    jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()),
    seq: integerOption('seq', values.seq, 0, { min: 1 }),
  };
});

/** A JSON file given on the command line; exits 1 with a one-line reason when it cannot be read. */
async function readJsonFile<T>(option: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? 'not JSON'
        : ((error as { code?: string }).code ?? 'unreadable');
    console.error(`audit:export: ${option} ${file}: ${reason}`);
    process.exit(1);
  }
}

if (values.verify) {
  const bundle = await readJsonFile<ProofBundle>('--verify', values.verify);
  const trustedPublicJwk = values['public-key']
    ? await readJsonFile<JWK>('--public-key', values['public-key'])
    : undefined;
  const result = verifyProofBundle(bundle, { trustedPublicJwk });
  if (result.ok) {
    console.log(
      `ok: event ${bundle.event.seq} is leaf ${bundle.leafIndex} of the ${bundle.checkpoint.jurisdiction} ` +
        `checkpoint of ${bundle.checkpoint.treeSize} events issued ${bundle.checkpoint.issuedAt}` +
        (trustedPublicJwk
          ? ''
          : ' (signature checked with the embedded key; pass --public-key to pin it)'),
    );
  } else {
    console.error(`proof does not verify: ${result.reason}`);
    process.exitCode = 1;
  }
} else {
  const { seq } = values;
  const log = await openJurisdictionAuditLog(values.jurisdiction, { checkpointIntervalMs: 0 });
  try {
    const text = `${JSON.stringify(await log.exportProof(seq), null, 2)}\n`;
    if (values.out) {
      await writeFile(values.out, text);
      console.log(`wrote the proof of ${log.jurisdiction} event ${seq} to ${values.out}`);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await log.close();
  }
}
