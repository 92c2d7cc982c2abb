import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateContextKey } from '../../core/auth/devKeys.js';
import {
  REPO_ROOT,
  federationConfig,
  memberCodes,
  memberConfigs,
  subgraphUrlVariable,
} from '../../core/federationConfig.js';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../../scripts/exampleQuery.js';
import { NODE_FLAGS } from '../../scripts/startFederation.js';
import type { RunningFederation } from '../../scripts/startFederation.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';
import { postGraphQL, readCounter } from '../support/graphqlClient.js';

/** Every subgraph of the composition: the directory and each member. */
const subgraphNames = () => federationConfig().subgraphs.map((subgraph) => subgraph.name);

// Real processes over real HTTP: the directory, France (SQL on PGlite), Germany (a
// FollowTheMoney file), Singapore (IVMS101 documents) and the gateway, as `npm start` runs
// them, on ports offset so they do not collide with a running `npm start`.
let fixture: FederationFixture;
let federation: RunningFederation;
let supergraphFile: string;
/** An investigator in a French case: allowed everywhere the example query goes. */
const INVESTIGATOR: Asking = { role: 'INVESTIGATOR', purpose: 'CRIMINAL_INVESTIGATION' };
const ask = (query: string, variables?: Record<string, unknown>) =>
  fixture.ask(INVESTIGATOR, query, variables);

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 20_000 });
  federation = fixture.federation;
  supergraphFile = fixture.supergraphFile;
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

describe('the federation, end to end', () => {
  it('follows a French freezing order into the German watchlist and the Singapore disclosures', async () => {
    const { status, body } = await ask(EXAMPLE_QUERY, EXAMPLE_VARIABLES);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const order = body.data.fr.freezingOrder;
    expect(order.id).toBe('FR-FO-0000001');
    // Record 1 of every registry carries the first cross-border wallet (the seed's promise).
    const shared = order.wallets.find(
      (wallet: { id: string }) => wallet.id === crossBorderWallets()[0],
    );
    expect(shared).toBeDefined();
    expect(shared.de.watchlistEntries.map((entry: { id: string }) => entry.id)).toContain(
      'de-sanction-0000001',
    );
    expect(shared.sg.exchangeDisclosures.map((entry: { id: string }) => entry.id)).toContain(
      'SG-TR-0000001',
    );
    for (const disclosure of shared.sg.exchangeDisclosures) {
      expect(disclosure.originatingVasp.name).toEqual(expect.any(String));
      // Singapore releases amounts to investigators as ranges only (its @minimize RANGE).
      expect(disclosure.transaction.amount).toMatch(/^(<\d+|\d+-\d+|>=\d+)$/);
    }
  });

  /** One jurisdiction's `_entities` calls and backend queries of the given registry methods. */
  async function batchCounters(jurisdiction: string, methods: string[]) {
    const baseUrl = federation.baseUrls[jurisdiction]!;
    const counts: Record<string, number> = {
      entities: await readCounter(baseUrl, 'comity_subgraph_operations_total', {
        kind: 'entities',
      }),
    };
    for (const method of methods) {
      counts[method] = await readCounter(baseUrl, 'comity_registry_queries_total', { method });
    }
    return counts;
  }

  /** Sends `query` and asserts each jurisdiction got one `_entities` call and one query per method. */
  async function expectOneCallPerHop(
    query: string,
    hops: Record<string, string[]>,
    nodesOf: (data: any) => { wallets: { id: string }[] }[],
  ) {
    const before = Object.fromEntries(
      await Promise.all(
        Object.entries(hops).map(async ([name, methods]) => [
          name,
          await batchCounters(name, methods),
        ]),
      ),
    );
    const { body } = await ask(query);
    expect(body.errors).toBeUndefined();
    const nodes = nodesOf(body.data);
    expect(nodes).toHaveLength(50);
    const wallets = new Set(nodes.flatMap((node) => node.wallets.map((wallet) => wallet.id)));
    expect(wallets.size).toBeGreaterThan(40);
    for (const [name, methods] of Object.entries(hops)) {
      const after = await batchCounters(name, methods);
      for (const [counter, value] of Object.entries(after)) {
        expect(value - before[name]![counter]!, `${name} ${counter}`).toBe(1);
      }
    }
  }

  it('batches each hop into one _entities call and one backend query per jurisdiction', async () => {
    await expectOneCallPerHop(
      /* GraphQL */ `
        query FiftyOrders {
          fr {
            freezingOrders(first: 50) {
              nodes {
                id
                wallets {
                  id
                  de {
                    watchlistEntries {
                      id
                    }
                  }
                  sg {
                    exchangeDisclosures {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { de: ['entriesByWallets'], sg: ['disclosuresByWallets'] },
      (data) => data.fr.freezingOrders.nodes,
    );
  });

  it('batches the SQL jurisdiction too: 50 German entries cost France one _entities call and one SQL statement per table', async () => {
    await expectOneCallPerHop(
      /* GraphQL */ `
        query FiftyEntries {
          de {
            watchlistEntries(first: 50) {
              nodes {
                id
                wallets {
                  id
                  fr {
                    freezingOrders {
                      id
                    }
                    watchlistEntries {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { fr: ['freezingOrdersByWallets', 'entriesByWallets'] },
      (data) => data.de.watchlistEntries.nodes,
    );
  });

  it('starts from a wallet in the directory, accepting an alias and returning CAIP-10', async () => {
    const canonical = crossBorderWallets().find((id) => id.startsWith('eip155:1:'))!;
    const alias = `eth:${canonical.split(':')[2]!.toLowerCase()}`;
    const { body } = await ask(
      /* GraphQL */ `
        query ($id: WalletId!) {
          wallet(id: $id) {
            id
            fr {
              freezingOrders {
                id
              }
            }
            de {
              watchlistEntries {
                id
              }
            }
            sg {
              exchangeDisclosures {
                id
              }
              watchlistEntries {
                id
              }
            }
          }
        }
      `,
      { id: alias },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.wallet.id).toBe(canonical);
    expect(body.data.wallet.fr.freezingOrders.length).toBeGreaterThan(0);
    expect(body.data.wallet.de.watchlistEntries.length).toBeGreaterThan(0);
    expect(body.data.wallet.sg.watchlistEntries.length).toBeGreaterThan(0);
  });

  it('refuses a bad wallet id with BAD_USER_INPUT naming the argument and the reason', async () => {
    const canonical = crossBorderWallets().find((id) => id.startsWith('eip155:1:'))!;
    const address = canonical.split(':')[2]!;
    // Flip the case of one letter: still hex, but no longer the EIP-55 checksum.
    const index = address.search(/[a-fA-F]/);
    const flipped =
      address.slice(0, index) +
      (address[index] === address[index]!.toUpperCase()
        ? address[index]!.toLowerCase()
        : address[index]!.toUpperCase()) +
      address.slice(index + 1);
    const cases = [
      { id: `eip155:1:${flipped}`, reason: 'CHECKSUM_MISMATCH', text: 'checksum mismatch' },
      {
        id: 'dogecoin:DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L',
        reason: 'UNKNOWN_CHAIN',
        text: 'unknown chain',
      },
      { id: 'eth:0x1234', reason: 'BAD_LENGTH', text: 'bad length' },
      {
        id: 'btc:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
        reason: 'WRONG_NETWORK',
        text: 'different network (Tron)',
      },
    ];
    for (const testCase of cases) {
      const { body } = await ask('query ($id: WalletId!) { wallet(id: $id) { id } }', {
        id: testCase.id,
      });
      expect(body.data).toEqual({ wallet: null });
      const [error] = body.errors!;
      expect(error!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(error!.extensions!.reason).toBe(testCase.reason);
      expect(error!.message).toContain('argument "id"');
      expect(error!.message).toContain(testCase.text);
    }
  });

  // Every list of every member's registries, whatever its backend.
  const LIST_OF_KIND = {
    ASSET_REGISTRY: 'freezingOrders',
    WATCHLIST: 'watchlistEntries',
    EXCHANGE_DISCLOSURES: 'exchangeDisclosures',
  } as const;
  it.each(
    memberConfigs().flatMap((member) =>
      member.registries.map((registry) => [member.code.toLowerCase(), LIST_OF_KIND[registry.kind]]),
    ),
  )('%s answers a bad %s cursor with BAD_USER_INPUT naming the argument', async (cc, list) => {
    const wellFormedButWrong = Buffer.from(JSON.stringify({ v: 'x', id: 1 })).toString('base64url');
    for (const after of ['garbage', wellFormedButWrong]) {
      const { body } = await ask(
        `query ($after: String) { ${cc} { ${list}(first: 2, after: $after) { nodes { id } } } }`,
        {
          after,
        },
      );
      expect(body.data[cc][list]).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'BAD_CURSOR',
        argumentName: 'after',
        jurisdiction: cc.toUpperCase(),
      });
    }
  });

  it('lets one bad wallet id cost only its own field', async () => {
    const good = crossBorderWallets()[0]!;
    const { body } = await ask(
      `query ($good: WalletId!) {
        bad: wallet(id: "eth:0x1234") { id }
        good: wallet(id: $good) { id de { watchlistEntries { id } } }
        members { code }
      }`,
      { good },
    );
    expect(body.data.bad).toBeNull();
    expect(body.data.good.id).toBe(good);
    expect(body.data.good.de.watchlistEntries.length).toBeGreaterThan(0);
    expect(body.data.members.map((member: { code: string }) => member.code)).toContain('FR');
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.path).toEqual(['bad']);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('reports every jurisdiction ready once its registries and audit log answer', async () => {
    for (const name of memberCodes()) {
      const response = await fetch(`${federation.baseUrls[name]}/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        checks: { registries: true, auditLog: true },
      });
    }
  });

  it('runs every process with the node flags of NODE_FLAGS, as docker-compose does', async () => {
    const compose = readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain(`NODE_OPTIONS: ${NODE_FLAGS.join(' ')}`);
    for (const proc of Object.values(federation.processes)) {
      const argv = readFileSync(`/proc/${proc.child!.pid}/cmdline`, 'utf8').split('\0');
      for (const flag of NODE_FLAGS) expect(argv, proc.name).toContain(flag);
    }
  });

  it('serves from several gateway workers sharing one port (GATEWAY_WORKERS)', async () => {
    const port = 20_000 + 4_050;
    const subgraphUrls = Object.fromEntries(
      subgraphNames().map((name) => [
        subgraphUrlVariable(name),
        `${federation.baseUrls[name]}/graphql`,
      ]),
    );
    const primary = spawn(process.execPath, ['--import', 'tsx', 'gateway/index.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...subgraphUrls,
        GATEWAY_WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        COMITY_SUPERGRAPH: supergraphFile,
        COMITY_KEYS_DIR: path.join(fixture.dataRoot, 'keys'),
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      const deadline = Date.now() + 60_000;
      let answer: Awaited<ReturnType<typeof postGraphQL>> | null = null;
      while (answer === null && Date.now() < deadline) {
        answer = await postGraphQL(
          url,
          '{ fr { code } }',
          {},
          await fixture.headers(INVESTIGATOR),
        ).catch(() => null);
        if (answer === null) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(answer?.body.data).toEqual({ fr: { code: 'FR' } });
      const children = readFileSync(`/proc/${primary.pid}/task/${primary.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      expect(children).toHaveLength(2);
    } finally {
      const exited = new Promise((resolve) => primary.once('exit', resolve));
      primary.kill('SIGTERM');
      await exited;
    }
  });

  it('lists the members and their registries from the directory', async () => {
    const { body } = await ask('{ members { code namespaceField registries { kind backend } } }');
    expect(body.errors).toBeUndefined();
    const byCode = Object.fromEntries(
      body.data.members.map((member: { code: string }) => [member.code, member]),
    );
    expect(Object.keys(byCode).sort()).toEqual(
      memberConfigs()
        .map(({ code }) => code)
        .sort(),
    );
    expect(byCode.DE.registries.map((r: { backend: string }) => r.backend)).toEqual([
      'ftm-jsonl',
      'ftm-jsonl',
    ]);
  });

  it('reloads a changed supergraph without a restart and without failing requests in flight', async () => {
    const marker = 'Reloaded description of the jurisdiction namespace.';
    const original = readFileSync(supergraphFile, 'utf8');
    const changed = original.replace(
      /"""\nA jurisdiction's namespace[\s\S]*?"""/,
      `"""${marker}"""`,
    );
    expect(changed).not.toBe(original);
    const introspect = async () => {
      // Introspection is for operators (ADMIN) outside development.
      const { body } = await fixture.ask(
        { role: 'ADMIN', purpose: null, caseRef: null },
        '{ __type(name: "Jurisdiction") { description } }',
      );
      return body.data?.__type?.description as string | undefined;
    };
    let failures = 0;
    let sent = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const { status, body } = await ask(EXAMPLE_QUERY, EXAMPLE_VARIABLES);
        sent += 1;
        if (status !== 200 || body.errors) failures += 1;
      }
    })();
    writeFileSync(supergraphFile, changed);
    const deadline = Date.now() + 15_000;
    while ((await introspect()) !== marker && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    running = false;
    await load;
    expect(await introspect()).toBe(marker);
    expect(sent).toBeGreaterThan(0);
    expect(failures).toBe(0);
    expect(federation.processes.gateway!.restarts).toBe(0);
  });

  it('keeps serving the other jurisdictions when one crashes, and brings it back', async () => {
    const sg = federation.processes.sg!;
    sg.child!.kill('SIGKILL');
    const { body } = await ask('{ fr { freezingOrders(first: 1) { nodes { id } } } sg { code } }');
    expect(body.data.fr.freezingOrders.nodes).toHaveLength(1);
    expect(body.errors?.length).toBeGreaterThan(0);
    // The launcher logs the exit when the child's exit event arrives, which may follow the answer.
    const exitLogged = () =>
      fixture.logs.some((line) => line.includes('[sg] exited (signal SIGKILL); restarting'));
    const logDeadline = Date.now() + 10_000;
    while (!exitLogged() && Date.now() < logDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(exitLogged()).toBe(true);
    const deadline = Date.now() + 60_000;
    let restored = false;
    while (!restored && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const again = await ask('{ sg { code } }');
      restored = again.body.data?.sg?.code === 'SG';
    }
    expect(restored).toBe(true);
  });

  it('rotates the context-signing key: subgraphs restarted first, then the gateway', async () => {
    const members = memberCodes();
    const EVERYWHERE = `{ members { code } ${members.map((cc) => `${cc} { code }`).join(' ')} }`;
    const answersEverywhere = async () => {
      try {
        const { status, body } = await ask(EVERYWHERE);
        return (
          status === 200 &&
          body.errors === undefined &&
          members.every((cc) => body.data[cc]?.code === cc.toUpperCase())
        );
      } catch {
        return false; // the gateway itself restarting: connection refused
      }
    };
    const restart = async (name: string) => {
      const proc = federation.processes[name]!;
      const before = proc.restarts;
      proc.child!.kill('SIGTERM');
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (proc.restarts > before && proc.child !== null && (await answersEverywhere())) return;
      }
      throw new Error(`${name} did not come back answering with the rotated keys`);
    };
    expect(await answersEverywhere()).toBe(true);
    const rotated = await rotateContextKey(path.join(fixture.dataRoot, 'keys'));
    expect(rotated.context.publicJwks).toHaveLength(2);
    // Each restarted subgraph trusts the new key and the old one, which the gateway still
    // signs with; the others still trust the old one. Every step answers in full.
    for (const name of subgraphNames()) await restart(name);
    // Now the gateway signs with the new key, which every subgraph has loaded.
    await restart('gateway');
    expect(await answersEverywhere()).toBe(true);
    // Five restarts one after another, each with its own 60 s deadline: on a slow, busy
    // machine they take longer together than vitest's default test timeout.
  }, 330_000);
});

describe('a jurisdiction that cannot start', () => {
  it('is reported, and the federation starts and serves without it', async () => {
    // A disclosure document that is not JSON: Singapore's importer refuses the whole
    // directory, so its process exits at every start, through every restart.
    const broken = await startFederationFixture({
      portOffset: 26_000,
      maxRestarts: 1,
      beforeStart: (dataRoot) =>
        writeFileSync(path.join(dataRoot, 'sg', 'disclosures', 'zz-truncated.json'), '{"origin'),
    });
    try {
      expect(broken.federation.notStarted).toEqual(['sg']);
      expect(
        broken.logs.some((line) => line.includes('[sg]') && line.includes('starts without it')),
      ).toBe(true);
      const { body } = await broken.ask(
        { role: 'INVESTIGATOR' },
        '{ fr { freezingOrders(first: 1) { nodes { id } } } sg { code } }',
      );
      expect(body.data.fr.freezingOrders.nodes).toHaveLength(1);
      expect(body.data.sg).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        jurisdiction: 'SG',
      });
    } finally {
      await broken.stop();
    }
  });
});
