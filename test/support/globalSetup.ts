import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's folder of seeded federation templates (test/support/seedTemplate.ts). */
    seedTemplates: string;
  }
}

// Test files run in workers of their own: the folder reaches them through `inject`.
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'comity-seed-templates-'));
  project.provide('seedTemplates', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
