// Builds the packed kit: the TypeScript of the kit and of the core it imports, compiled into
// dist/ with their relative layout, plus the SDL files they read at run time.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kit = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(kit, '..', '..');
const dist = path.join(kit, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(kit, 'tsconfig.pack.json')], {
  stdio: 'inherit',
});
const commonDir = path.join(root, 'schema', 'common');
mkdirSync(path.join(dist, 'schema', 'common'), { recursive: true });
for (const name of readdirSync(commonDir).filter((file) => file.endsWith('.graphql'))) {
  cpSync(path.join(commonDir, name), path.join(dist, 'schema', 'common', name));
}
cpSync(
  path.join(root, 'core', 'policy', 'policySpec.graphql'),
  path.join(dist, 'core', 'policy', 'policySpec.graphql'),
);
