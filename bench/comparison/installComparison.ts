import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../core/federationConfig.js';

const COMPARISON_DIR = path.join(REPO_ROOT, 'bench', 'comparison');

/**
 * Installs the comparison gateways from bench/comparison's own lockfile when they are
 * missing. They live apart from the project's install because their dependencies ask for a
 * newer Node than the project does, and only the bench needs them.
 */
export function installComparison(log: (message: string) => void): void {
  if (existsSync(path.join(COMPARISON_DIR, 'node_modules', '@graphql-hive', 'gateway'))) return;
  log('installing the comparison gateways (bench/comparison, once)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: COMPARISON_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`npm ci in bench/comparison failed (exit ${result.status ?? result.signal})`);
  }
}
