import path from 'node:path';
import { REPO_ROOT } from '../core/federationConfig.js';
import { UsageError, commandLine, parseOptions } from './commandLine.js';
import { BACKEND_KINDS, MemberNewError, createMember } from './memberNew/createMember.js';

// `npm run member:new -- --code us --name "United States" --backend ftm-jsonl [--root DIR]`:
// writes a working member that denies all personal data (docs/members.md).
const USAGE =
  'usage: npm run member:new -- --code CC --name NAME --backend KIND [--root DIR]\n' +
  '  --code     ISO 3166-1 alpha-2 country code of the new member (e.g. us)\n' +
  '  --name     its name as the directory shows it (e.g. "United States")\n' +
  `  --backend  the storage its registry adapter uses: ${BACKEND_KINDS.join(', ')}\n` +
  '  --root     the repository to write into (default this one)';
const options = commandLine('member:new', USAGE, () => {
  const values = parseOptions(
    {
      code: { type: 'string' },
      name: { type: 'string' },
      backend: { type: 'string' },
      root: { type: 'string' },
    },
    process.argv.slice(2),
  );
  if (values.help) return { help: true, code: '', name: '', backend: '', root: '' };
  for (const required of ['code', 'name', 'backend'] as const) {
    if (!values[required]) throw new UsageError(`--${required} is required`);
  }
  return {
    code: values.code!,
    name: values.name!,
    backend: values.backend!,
    root: path.resolve(values.root ?? REPO_ROOT),
  };
});
try {
  const created = await createMember({ ...options, log: (line) => console.error(line) });
  console.log(
    `member:new: ${created.code} on port ${created.port}; wrote or changed:\n` +
      created.files.map((file) => `  ${file}`).join('\n'),
  );
  console.log(
    `next: npm run seed -- --only ${created.code.toLowerCase()}, then npm start; open the policy in subgraphs/${created.code.toLowerCase()}/policy.ts (docs/members.md)`,
  );
} catch (error) {
  if (!(error instanceof MemberNewError)) throw error;
  console.error(`member:new: ${error.code}: ${error.message}`);
  process.exit(error.code === 'GENERATION_FAILED' ? 1 : 2);
}
