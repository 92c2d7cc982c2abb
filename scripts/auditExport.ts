import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import type { ProofBundle } from '../subgraphs/kit/audit/ProofBundle.js';
import { verifyProofBundle } from '../subgraphs/kit/audit/verifyProofBundle.js';

// `npm run audit:export -- --jurisdiction fr --seq 42 --out proof.json` writes a proof that
// event 42 is in the log a signed checkpoint describes; `--verify proof.json` checks one
// offline (no database), against `--public-key audit-fr.public.jwk.json` when given.
const { values } = parseArgs({
  options: {
    jurisdiction: { type: 'string' },
    seq: { type: 'string' },
    out: { type: 'string' },
    verify: { type: 'string' },
    'public-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const usage =
  'usage: npm run audit:export -- --jurisdiction <cc> --seq <n> [--out proof.json]\n' +
  '       npm run audit:export -- --verify proof.json [--public-key audit-<cc>.public.jwk.json]';
if (values.help) {
  console.log(usage);
  process.exit(0);
}

if (values.verify) {
  const bundle = JSON.parse(await readFile(values.verify, 'utf8')) as ProofBundle;
  const trustedPublicJwk = values['public-key']
    ? (JSON.parse(await readFile(values['public-key'], 'utf8')) as JWK)
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
  const seq = Number(values.seq);
  if (!values.jurisdiction || !Number.isSafeInteger(seq) || seq < 1) {
    console.error(usage);
    process.exit(2);
  }
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
