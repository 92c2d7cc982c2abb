import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEV_KEYS_DIR, ensureDevKeys } from '../core/auth/devKeys.js';
import {
  DEFAULT_DEV_TOKEN_TTL,
  DevTokenOptionError,
  mintDevToken,
} from '../gateway/auth/mintDevToken.js';
import { ROLES } from '../core/policy/policySpec.js';

// `npm run token -- --role INVESTIGATOR [--role PROSECUTOR] --country FR --agency OCLCTIC
// [--subject alice] [--ttl 1h]`: mints a development caller token signed by the dev identity
// provider key in .keys/ (generated on first use). Only the token goes to stdout, so that
// `TOKEN=$(npm run -s token -- …)` works; everything else goes to stderr.
const USAGE =
  'usage: npm run -s token -- --role ROLE [--role ROLE…] --country CC --agency NAME\n' +
  '                           [--subject ID] [--ttl 1h] [--keys-dir DIR]\n' +
  `  --role      repeatable or comma-separated; one of ${ROLES.join(', ')}\n` +
  "  --country   the caller's home country, ISO 3166-1 alpha-2 (FR, DE, SG, …)\n" +
  "  --agency    the caller's agency (e.g. OCLCTIC)\n" +
  "  --subject   the caller's subject (default dev-<role>-<country>, lower case)\n" +
  `  --ttl       lifetime: seconds or <n>s|m|h|d, at most 24h (default ${DEFAULT_DEV_TOKEN_TTL})\n` +
  '  --keys-dir  where the dev keys live (default .keys, or COMITY_KEYS_DIR)';

function fail(message: string): never {
  console.error(`token: ${message}\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      country: { type: 'string' },
      agency: { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string' },
      'keys-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.error(USAGE);
  process.exit(0);
}

const roles = (values.role ?? [])
  .flatMap((role) => role.split(','))
  .map((role) => role.trim().toUpperCase())
  .filter((role) => role !== '');
if (roles.length === 0) fail('at least one --role is required');
if (values.country === undefined) fail('--country is required');
if (values.agency === undefined) fail('--agency is required');

const keysDir = path.resolve(
  values['keys-dir'] ?? process.env.COMITY_KEYS_DIR ?? DEFAULT_DEV_KEYS_DIR,
);
try {
  const keys = await ensureDevKeys(keysDir);
  const token = await mintDevToken(keys, {
    subject:
      values.subject ?? `dev-${roles[0].toLowerCase()}-${values.country.trim().toLowerCase()}`,
    roles,
    country: values.country,
    agency: values.agency,
    ttl: values.ttl ?? DEFAULT_DEV_TOKEN_TTL,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  if (error instanceof DevTokenOptionError) fail(error.message);
  console.error('token: could not mint a token:', error);
  process.exit(1);
}
