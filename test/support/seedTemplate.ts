import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import { inject } from 'vitest';
import { seedFederation } from '../../scripts/seedFederation.js';

/**
 * Fills `dataRoot` with seeded data and development keys. Seeding the same scale again
 * gives the same data, so within one `vitest` run the first fixture seeds a template and
 * the others copy it (a copy takes a second, a seed half a minute). Outside the suite's
 * global setup every call seeds.
 */
export async function seedDataRoot(dataRoot: string, scale: number): Promise<void> {
  const templates = inject('seedTemplates');
  if (!templates) {
    await seedInto(dataRoot, scale);
    return;
  }
  const template = path.join(templates, `scale-${scale}`);
  if (!existsSync(template)) {
    // Seeded aside and renamed into place: an interrupted seed leaves no half template.
    const partial = `${template}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    await seedInto(partial, scale);
    renameSync(partial, template);
  }
  cpSync(template, dataRoot, { recursive: true });
}

async function seedInto(dataRoot: string, scale: number): Promise<void> {
  const keysDir = path.join(dataRoot, 'keys');
  await ensureDevKeys(keysDir);
  await seedFederation({
    dataRoot,
    scale,
    databaseUrl: null,
    auditDatabaseUrl: null,
    keysDir,
    log: () => {},
  });
}
