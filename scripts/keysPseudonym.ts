import { randomUUID } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { trustedKeysDir } from '../core/auth/trustedKeysDir.js';
import { memberExchangeKey } from '../subgraphs/kit/keys/exchangeKey.js';
import { MemberKeysError } from '../subgraphs/kit/keys/MemberKeys.js';
import {
  PseudonymEnvelopeError,
  envelopeHeader,
  openPseudonymSecret,
  sealPseudonymSecret,
} from '../subgraphs/kit/keys/pseudonymEnvelope.js';
import { loadPseudonymSecret } from '../subgraphs/kit/policy/loadPseudonymSecret.js';
import { UsageError, commandLine } from './commandLine.js';
import { KeysFetchError, fetchMemberKeys } from './keys/fetchMemberKeys.js';

// The federation's pseudonym secret handed to a new member without it ever travelling in
// clear (docs/keys.md): the new member publishes an X25519 exchange key, a member holding the
// secret seals it to that key, the new member opens the envelope into its keys folder.
//   npm run keys:pseudonym -- exchange-key --member us
//   npm run keys:pseudonym -- seal --member us --for <gateway url | public JWK file> --out us.jwe
//   npm run keys:pseudonym -- open --member us --in us.jwe [--out <file>]
// Exit 0 done, 1 failed (one line: the reason and why), 2 usage.
const COMMAND = 'keys:pseudonym';
const USAGE =
  'usage: npm run keys:pseudonym -- exchange-key --member <cc>\n' +
  '       npm run keys:pseudonym -- seal --member <cc> --for <gateway url | public JWK file> --out <envelope>\n' +
  '       npm run keys:pseudonym -- open --member <cc> --in <envelope> [--out <file>]\n' +
  "  exchange-key: print the member's public exchange key (made in COMITY_KEYS_DIR or .keys/ on first use)\n" +
  "  seal: wrap this member's secret (COMITY_PSEUDONYM_SECRET, else <keys>/pseudonym-secret) for <cc>\n" +
  "  open: unwrap it with <cc>'s exchange key into <keys>/pseudonym-secret (or --out)\n" +
  '  exit: 0 done, 1 failed, 2 usage';
const ACTIONS = ['exchange-key', 'seal', 'open'] as const;
type Action = (typeof ACTIONS)[number];

const options = commandLine(COMMAND, USAGE, () => {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        member: { type: 'string' },
        for: { type: 'string' },
        in: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { ...values, action: 'seal' as Action, member: '' };
  const action = positionals[0] as Action | undefined;
  if (positionals.length !== 1 || !action || !ACTIONS.includes(action)) {
    throw new UsageError(`give one action: ${ACTIONS.join(', ')}`);
  }
  const member = values.member?.trim().toUpperCase();
  if (!member || !/^[A-Z]{2}$/.test(member)) {
    throw new UsageError('--member must be a two-letter member code');
  }
  if (action === 'seal' && (!values.for || !values.out)) {
    throw new UsageError('seal needs --for and --out');
  }
  if (action === 'open' && !values.in) throw new UsageError('open needs --in');
  return { ...values, action, member };
});

const fail = (reason: string, message: string): never => {
  console.error(`${COMMAND}: ${reason}: ${message}`);
  process.exit(1);
};

/** Writes `contents` to `file` (0600) only if nothing is there: a secret never overwrites one. */
async function writeNew(file: string, contents: string): Promise<'written' | 'same'> {
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing !== null) {
    if (existing.trim() === contents.trim()) return 'same';
    return fail('SECRET_EXISTS', `${file} already holds a different secret; move it away first`);
  }
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, contents, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
  return 'written';
}

/** The recipient's public exchange key: fetched through the directory, or read from a file. */
async function recipientKey(source: string, member: string): Promise<JWK> {
  if (/^https?:\/\//i.test(source)) {
    try {
      return (await fetchMemberKeys(source, member)).secretExchange.jwk;
    } catch (error) {
      if (error instanceof KeysFetchError || error instanceof MemberKeysError) {
        return fail(error.reason, error.message);
      }
      throw error;
    }
  }
  try {
    return JSON.parse(await readFile(source, 'utf8')) as JWK;
  } catch (error) {
    return fail(
      'BAD_KEY',
      `${source} is not a readable JWK file (${(error as NodeJS.ErrnoException).code ?? 'not JSON'})`,
    );
  }
}

try {
  const keysDir = trustedKeysDir();
  switch (options.action) {
    case 'exchange-key': {
      const key = await memberExchangeKey(options.member, keysDir);
      console.log(JSON.stringify(key.publicJwk, null, 2));
      break;
    }
    case 'seal': {
      const recipient = await recipientKey(options.for!, options.member);
      const envelope = await sealPseudonymSecret(
        await loadPseudonymSecret(),
        recipient,
        options.member,
      );
      await writeNew(path.resolve(options.out!), `${envelope}\n`);
      console.log(
        `sealed the pseudonym secret for ${options.member} (key ${String(recipient.kid)}) in ${options.out}`,
      );
      break;
    }
    case 'open': {
      const envelope = await readFile(options.in!, 'utf8').catch((error: NodeJS.ErrnoException) =>
        fail('MALFORMED', `${options.in} cannot be read (${error.code ?? 'error'})`),
      );
      const header = envelopeHeader(envelope);
      if (header.for !== options.member) {
        fail('WRONG_RECIPIENT', `the envelope is for ${header.for}, not ${options.member}`);
      }
      const key = await memberExchangeKey(options.member, keysDir);
      const secret = await openPseudonymSecret(envelope, key.privateJwk);
      const out = path.resolve(options.out ?? path.join(keysDir, 'pseudonym-secret'));
      const written = await writeNew(out, Buffer.from(secret).toString('base64'));
      console.log(
        written === 'same'
          ? `${out} already holds this secret`
          : `opened the pseudonym secret sealed ${header.sealedAt} into ${out}`,
      );
      break;
    }
  }
} catch (error) {
  if (error instanceof PseudonymEnvelopeError) fail(error.reason, error.message);
  throw error;
}
