import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { ensureDevKeys } from '../core/auth/devKeys.js';
import { trustedKeysDir } from '../core/auth/trustedKeysDir.js';
import { federationConfig } from '../core/federationConfig.js';
import { CONFORMANCE_DIR, reportPath } from '../schema/admission.js';
import { configuredSubgraphs } from '../schema/composeSupergraph.js';
import { publishedMemberKey } from '../subgraphs/kit/evidence/publishedMemberKey.js';
import { UsageError, commandLine, parseOptions } from './commandLine.js';
import { runConformance } from './conformance/runConformance.js';

// `npm run member:conformance -- --url <subgraph url> [--code <cc>] [--keys <dir>]`: certifies a
// running candidate member (docs/conformance.md). One line per check, the report written to
// schema/conformance/<cc>.json, exit 1 on any failure.
const USAGE = [
  'usage: npm run member:conformance -- --url URL [--code CC] [--keys DIR] [--audit-key FILE] [--out DIR]',
  '  --url        the candidate subgraph\'s GraphQL URL (it must be running)',
  '  --code       its country code; default: the member schema/subgraphs.json lists at that URL',
  "  --keys       the hub's keys directory (context-signing key; default COMITY_KEYS_DIR or .keys)",
  "  --audit-key  the candidate's published audit-checkpoint public JWK (default: audit-<cc>.public.jwk.json in --keys)",
  '  --out        where the report goes (default schema/conformance)',
].join('\n');

const options = commandLine('member:conformance', USAGE, () => {
  const values = parseOptions(
    {
      url: { type: 'string' },
      code: { type: 'string' },
      keys: { type: 'string' },
      'audit-key': { type: 'string' },
      out: { type: 'string' },
    },
    process.argv.slice(2),
  );
  if (!values.url) throw new UsageError('--url is required');
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new UsageError(`--url must be a URL, got ${JSON.stringify(values.url)}`);
  }
  const listed = federationConfig().subgraphs.find(
    (subgraph) => subgraph.member && new URL(subgraph.url).href === url.href,
  );
  const code = (values.code ?? listed?.name)?.toLowerCase();
  if (!code) throw new UsageError('--code is required: no member of schema/subgraphs.json is at that URL');
  if (!/^[a-z]{2}$/.test(code)) throw new UsageError(`--code must be two letters, got ${JSON.stringify(code)}`);
  return { ...values, url: url.href, code };
});

const keysDir = path.resolve(options.keys ?? trustedKeysDir());
const keys = await ensureDevKeys(keysDir);
const auditKey = options['audit-key']
  ? (JSON.parse(readFileSync(options['audit-key'], 'utf8')) as JWK)
  : await publishedMemberKey(options.code, keysDir);

let report;
try {
  report = await runConformance({
    url: options.url,
    code: options.code,
    contextKey: keys.context.current.privateJwk,
    federation: await configuredSubgraphs(),
    auditKey,
  });
} catch (error) {
  console.error(`member:conformance: ${(error as Error).message}`);
  process.exit(1);
}
for (const check of report.checks) {
  console.log(`${check.pass ? 'PASS' : 'FAIL'} ${check.check} — ${check.reason}`);
}
if (!auditKey) console.log(`note: no published audit key for ${options.code}; the latest checkpoint's signature was not checked`);
const dir = path.resolve(options.out ?? CONFORMANCE_DIR);
mkdirSync(dir, { recursive: true });
const file = reportPath(options.code, dir);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`${report.passed ? 'conformant' : 'NOT conformant'}: report written to ${path.relative(process.cwd(), file)}`);
process.exit(report.passed ? 0 : 1);
