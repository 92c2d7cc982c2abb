import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createHttpHandler,
  logFailureClass,
} from '../../../../subgraphs/kit/http/createHttpHandler.js';
import type { ReplacedAnswer } from '../../../../subgraphs/kit/http/createHttpHandler.js';

describe('logFailureClass', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [
      'an Error with a secret and SQL',
      Object.assign(new Error('password=hunter2 SELECT * FROM fr.persons'), { code: '42P01' }),
      'request failed: Error 42P01',
    ],
    [
      'a TypeError',
      new TypeError("Cannot read properties of undefined (reading 'Zeta-77')"),
      'request failed: TypeError',
    ],
    ['a thrown string', 'registry key s3cr3t-Zeta-77', 'request failed: string'],
    [
      'an error whose code is free text',
      Object.assign(new Error('x'), { code: 'see http://10.0.0.5:4101' }),
      'request failed: Error',
    ],
  ])('logs %s by its class and code only', (_name, failure, expected) => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    logFailureClass(failure);
    expect(lines).toEqual([expected]);
    expect(lines.join('\n')).not.toMatch(/hunter2|SELECT|Zeta-77|10\.0\.0\.5|\n\s+at /);
  });
});

describe('createHttpHandler beforeRelease', () => {
  const servers: { stop: () => Promise<void> }[] = [];
  afterEach(async () => {
    while (servers.length > 0) await servers.pop()!.stop();
  });

  /** An Apollo server behind the handler; `gate` is what beforeRelease waits for. */
  async function serve(gate: (context: { id: number }) => Promise<ReplacedAnswer | null>) {
    const apollo = new ApolloServer<{ id: number }>({
      typeDefs: 'type Query { secret: String, id: Int }',
      resolvers: { Query: { secret: () => 'Zeta-77', id: (_: unknown, __: unknown, c) => c.id } },
    });
    await apollo.start();
    let next = 0;
    const seen: { id: number }[] = [];
    const handler = createHttpHandler<{ id: number }>({
      apollo,
      context: async () => ({ id: ++next }),
      beforeRelease: (context) => {
        seen.push(context);
        return gate(context);
      },
    });
    const server = http.createServer((request, response) => void handler(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({
      stop: async () => {
        await new Promise((resolve) => server.close(resolve));
        await apollo.stop();
      },
    });
    const { port } = server.address() as AddressInfo;
    const ask = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ secret id }' }),
      });
      return { status: response.status, body: await response.json() };
    };
    return { ask, seen };
  }

  it('writes nothing before the gate opens, then the response Apollo built', async () => {
    let open!: () => void;
    const opened = new Promise<null>((resolve) => (open = () => resolve(null)));
    const { ask, seen } = await serve(() => opened);
    let settled = false;
    const answer = ask().finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([{ id: 1 }]);
    expect(settled).toBe(false);
    open();
    expect(await answer).toEqual({ status: 200, body: { data: { secret: 'Zeta-77', id: 1 } } });
  });

  it('sends the replacement instead of the response, and none of the response', async () => {
    const { ask } = await serve(async () => ({
      status: 200,
      body: { data: null, errors: [{ message: 'not recorded', extensions: { code: 'NOPE' } }] },
    }));
    const answer = await ask();
    expect(answer).toEqual({
      status: 200,
      body: { data: null, errors: [{ message: 'not recorded', extensions: { code: 'NOPE' } }] },
    });
    expect(JSON.stringify(answer)).not.toContain('Zeta-77');
  });
});
