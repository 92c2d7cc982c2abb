import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextSigner } from '../../../gateway/auth/createContextSigner.js';
import { laterFetchServices } from '../../../gateway/apolloInternals/presignLaterFetches.js';
import { subgraphAudience } from '../../../core/auth/createContextVerifier.js';
import { startFakeSubgraph, startInProcessGateway } from '../inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from '../inProcessGateway.js';

type Plan = Parameters<typeof laterFetchServices>[0];
/** A plan node other than a subscription's root. */
type Node = Extract<NonNullable<Plan['node']>, { kind: 'Sequence' }>['nodes'][number];

const fetchFrom = (serviceName: string): Node =>
  ({ kind: 'Fetch', serviceName, operation: '', operationKind: 'query' }) as unknown as Node;
const flatten = (node: Node): Node => ({ kind: 'Flatten', path: ['wallet'], node }) as Node;
const sequence = (...nodes: Node[]): Node => ({ kind: 'Sequence', nodes });
const parallel = (...nodes: Node[]): Node => ({ kind: 'Parallel', nodes });
const condition = (ifClause: Node): Node => ({ kind: 'Condition', condition: 'x', ifClause });

describe('laterFetchServices', () => {
  const cases: [string, Node | undefined, string[]][] = [
    ['no plan (an introspection-only operation)', undefined, []],
    ['one fetch', fetchFrom('fr'), []],
    ['parallel fetches: all in the first stage', parallel(fetchFrom('fr'), fetchFrom('de')), []],
    [
      'the directory, then three jurisdictions (scenario 1)',
      sequence(
        fetchFrom('directory'),
        parallel(flatten(fetchFrom('fr')), flatten(fetchFrom('de')), flatten(fetchFrom('sg'))),
      ),
      ['fr', 'de', 'sg'],
    ],
    [
      'a subgraph fetched again later is signed by then',
      sequence(fetchFrom('fr'), flatten(fetchFrom('de')), flatten(fetchFrom('fr'))),
      ['de'],
    ],
    [
      'nested: the first stage of the first stage',
      sequence(
        sequence(fetchFrom('directory'), flatten(fetchFrom('fr'))),
        flatten(fetchFrom('sg')),
      ),
      ['fr', 'sg'],
    ],
    [
      'a branch under @include/@skip may never run',
      sequence(
        fetchFrom('directory'),
        condition(flatten(fetchFrom('fr'))),
        flatten(fetchFrom('de')),
      ),
      ['de'],
    ],
  ];
  it.each(cases)('%s', (_name, node, expected) => {
    expect(laterFetchServices({ kind: 'QueryPlan', node })).toEqual(expected);
  });
});

describe('presigning through the gateway', () => {
  const WALLET = 'eip155:1:0x4932F051e3e38675D54fB0CA874fB6C75831143c';
  const events: string[] = [];
  const presigned = new Map<string, string>();
  let fake: FakeSubgraph;
  let gateway: InProcessGateway;
  const audienceOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).aud as string;

  beforeAll(async () => {
    fake = await startFakeSubgraph();
    // Long enough for the gateway to do its presigning while the directory is answering.
    fake.delayMs = 30;
    fake.respond = ({ headers, body }) => {
      const audience = audienceOf(String(headers['x-comity-context']));
      events.push(`received ${audience}`);
      setTimeout(() => events.push(`answered ${audience}`), fake.delayMs);
      if (body.query?.includes('_entities')) {
        const { representations } = body.variables as { representations: unknown[] };
        return {
          body: { data: { _entities: representations.map(() => ({ fr: { hit: true } })) } },
        };
      }
      return { body: { data: { wallet: { __typename: 'Wallet', id: WALLET } } } };
    };
    gateway = await startInProcessGateway({}, fake.url, (trust) => {
      const signer: ContextSigner = {
        sign: (claims, audience) => {
          events.push(`sign ${audience}`);
          return trust.signer.sign(claims, audience);
        },
        presign: (claims, audience) => {
          events.push(`presign ${audience}`);
          // What the later fetch will be handed.
          const token = trust.signer.presign(claims, audience);
          void token?.then((signed) => presigned.set(audience, signed));
          return token;
        },
      };
      return { ...trust, signer };
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
  });

  it('signs the second stage while the first is out, and the second stage uses that token', async () => {
    const response = await gateway.post({
      query: 'query W($id: WalletId!) { wallet(id: $id) { fr { hit } } }',
      variables: { id: WALLET },
    });
    expect(response.json).toEqual({ data: { wallet: { fr: { hit: true } } } });

    const directory = subgraphAudience('directory');
    const fr = subgraphAudience('fr');
    const at = (event: string) => events.indexOf(event);
    // Only the later stage is presigned; the first signs as it always did.
    expect(events.filter((event) => event.startsWith('presign'))).toEqual([`presign ${fr}`]);
    expect(at(`sign ${directory}`)).toBeLessThan(at(`presign ${fr}`));
    expect(at(`presign ${fr}`)).toBeLessThan(at(`answered ${directory}`));
    expect(at(`answered ${directory}`)).toBeLessThan(at(`received ${fr}`));
    // FR received the very token signed ahead (one signature, not two).
    const frToken = fake.received.map((r) => String(r.headers['x-comity-context']));
    expect(frToken.filter((token) => audienceOf(token) === fr)).toEqual([presigned.get(fr)]);
  });
});
