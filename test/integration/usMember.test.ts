import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { FederationFixture } from '../support/federationFixture.js';

// The United States member, written with `npm run member:new` and seeded from its shipped
// sdn.xml, in the running federation: a wallet on the SDN list is found through the
// directory's `wallet(id)` beside the other members' records of it, by every role, PUBLIC
// included, from any country.
//
// Port offset 7 500 (ports 11 500–11 605): below the ephemeral range, and between the
// thousands the other suites use.
let fixture: FederationFixture;

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 7_500 });
}, 240_000);

afterAll(async () => {
  await fixture?.stop();
});

const WALLET_QUERY = `query ($id: WalletId!) {
  wallet(id: $id) {
    id
    us { hit watchlistEntries { id program authority sourceUrl subject { ... on Organization { name } ... on Person { name } } } }
    de { hit }
  }
}`;

describe('the United States member (OFAC SDN list)', () => {
  it('answers wallet(id) for an SDN-listed wallet that another member also holds', async () => {
    const shared = crossBorderWallets()[0]!;
    const { status, body } = await fixture.ask(
      { role: 'INVESTIGATOR', country: 'FR' },
      WALLET_QUERY,
      { id: shared },
    );
    expect(status).toBe(200);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.wallet.us).toEqual({
      hit: true,
      watchlistEntries: [
        {
          id: 'us-sdn-9000001',
          program: 'CYBER2',
          authority: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
          sourceUrl: 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=9000001',
          subject: { name: 'EXAMPLE DIGITAL EXCHANGE LLC' },
        },
      ],
    });
    expect(body.data.wallet.de.hit).toBe(true);
  });

  it.each([
    ['PUBLIC', 'SANCTIONS_SCREENING', 'BR'],
    ['ANALYST', 'SANCTIONS_SCREENING', 'SG'],
    ['JUDGE', 'CRIMINAL_INVESTIGATION', 'DE'],
  ] as const)(
    'releases the published entries to %s (%s, from %s)',
    async (role, purpose, country) => {
      const { body } = await fixture.ask(
        { role, purpose, country },
        `query ($id: WalletId!) { wallet(id: $id) { us { watchlistEntries { id subject { ... on Person { name birthDate nationality } } } } } }`,
        { id: 'btc:bc1qqscce3zguxj4vez2xsmtk93cwdkvmf0h45u7p3' },
      );
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(body.data.wallet.us.watchlistEntries).toEqual([
        {
          id: 'us-sdn-9000002',
          subject: { name: 'Jonas Alexei SAMPLEMAN', birthDate: '1983-12-17', nationality: 'RU' },
        },
      ]);
    },
  );

  it('lists nothing under a misfiled address the importer refused', async () => {
    const { body } = await fixture.ask(
      { role: 'PUBLIC', purpose: 'SANCTIONS_SCREENING' },
      `query ($id: WalletId!) { wallet(id: $id) { us { hit } } }`,
      { id: 'trx:TBqz9EXWeXgyvem3U1S4PGVmLmDoKmkhQz' },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.wallet.us.hit).toBe(false);
  });

  it('is listed by the directory with its registry', async () => {
    const { body } = await fixture.ask(
      { role: 'PUBLIC', purpose: 'SANCTIONS_SCREENING' },
      '{ members { code name registries { name kind backend } } }',
    );
    expect(body.data.members).toContainEqual({
      code: 'US',
      name: 'United States',
      registries: [{ name: 'us-watchlist', kind: 'WATCHLIST', backend: 'ftm-jsonl' }],
    });
  });
});
