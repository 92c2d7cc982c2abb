import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSupergraph } from '../../gateway/watchSupergraph.js';
import { REPO_ROOT } from '../../core/federationConfig.js';

async function until(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

describe('watchSupergraph with the real @apollo/gateway', () => {
  let dir: string;
  let file: string;
  let gateway: ApolloGateway;
  const logs: string[] = [];
  const schemaTexts: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'comity-supergraph-'));
    file = path.join(dir, 'supergraph.graphql');
    copyFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), file);
    gateway = new ApolloGateway({
      supergraphSdl: watchSupergraph({ file, debounceMs: 20, log: (line) => logs.push(line) }),
    });
    gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => schemaTexts.push(coreSupergraphSdl));
    await gateway.load();
  });
  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that does not build and keeps serving the previous supergraph', async () => {
    const loaded = schemaTexts.length;
    writeFileSync(file, 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query ');
    expect(await until(() => logs.some((line) => line.includes('refused')))).toBe(true);
    expect(schemaTexts).toHaveLength(loaded);
    expect(logs.join('\n')).not.toContain(os.tmpdir());
  });

  it('then takes a valid change without a restart', async () => {
    const marker = 'Reloaded by the watch test.';
    const original = readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    const changed = original.replace(
      /"""\nA jurisdiction's namespace[\s\S]*?"""/,
      `"""${marker}"""`,
    );
    expect(changed).not.toBe(original);
    writeFileSync(file, changed);
    expect(await until(() => schemaTexts.at(-1)?.includes(marker) === true)).toBe(true);
    expect(logs.at(-1)).toBe('supergraph reloaded');
  });
});
