import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseMatchQuery } from '../../core/matching/parseMatchQuery.js';
import type { OrganizationRecord, PersonRecord } from '../../core/records.js';
import { PartyIndex } from '../../subgraphs/kit/matching/PartyIndex.js';
import { createRng } from '../../subgraphs/kit/seed/createRng.js';
import type { Rng } from '../../subgraphs/kit/seed/createRng.js';
import { matchingParties } from '../../subgraphs/kit/seed/matchingParties.js';
import { syntheticOrganization } from '../../subgraphs/kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../subgraphs/kit/seed/syntheticPerson.js';
import { partyQueries } from './partyQueries.js';

// `npm run bench:matching:index [-- --records 1000000 --invented 0.5]`: one member's party
// index at a million records, built in this process from synthetic records (no storage, no
// network): build time, heap, and match latency per query, then a 500-query screen on the
// index alone. `--invented` is the share of people given an invented family name, so that the
// index also holds a large vocabulary, not only the seeds' few hundred common names.

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    invented: { type: 'string', default: '0.5' },
    queries: { type: 'string', default: '1000' },
  },
});
const RECORDS = Number(values.records);
const INVENTED = Number(values.invented);
const QUERIES = Number(values.queries);
const SCREEN = 500;
const COUNTRIES = ['FR', 'DE', 'SG', 'RU', 'CN', 'GB', 'TR', 'NL', 'IT', 'ES', 'US'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ner', 'sto', 'vad', 'ri', 'el', 'an', 'dor', 'bu', 'tek'];

const log = (message: string) => console.error(`[bench:matching:index] ${message}`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A family name no seed list holds: two to four syllables (about 20,000 of them). */
function inventedName(rng: Rng): string {
  const length = rng.int(2, 4);
  const name = Array.from({ length }, () => rng.pick(SYLLABLES)).join('');
  return name[0]!.toUpperCase() + name.slice(1);
}

function syntheticParty(rng: Rng, i: number): PersonRecord | OrganizationRecord {
  const country = rng.pick(COUNTRIES);
  if (i % 4 === 3) return syntheticOrganization(rng, country);
  const person = syntheticPerson(rng, country);
  if (!rng.chance(INVENTED)) return person;
  const lastName = inventedName(rng);
  return { ...person, lastName, name: `${person.firstName} ${lastName}` };
}

async function main() {
  log(`generating ${RECORDS} synthetic parties (${INVENTED * 100}% of people named anew)`);
  const rng = createRng('bench-party-index');
  gc();
  const heapAtStart = heapMb();
  const parties: (PersonRecord | OrganizationRecord)[] = [];
  for (let i = 0; i < RECORDS; i++) parties.push(syntheticParty(rng, i));
  // The seeded cross-member identities, so that queries for them have something to find.
  for (const seeded of matchingParties()) parties.push(seeded.party);
  gc();
  const heapRecords = heapMb() - heapAtStart;

  log('building the index');
  let started = performance.now();
  const index = new PartyIndex();
  parties.forEach((party, i) =>
    index.add({ party, registry: 'WATCHLIST', recordId: `R-${i}`, walletIds: [] }),
  );
  const buildMs = performance.now() - started;
  gc();
  const heapIndex = heapMb() - heapAtStart - heapRecords;
  log(`built in ${(buildMs / 1000).toFixed(1)} s`);

  const queries = partyQueries(QUERIES).map((input) => parseMatchQuery(input));
  // One untimed pass: the figures are of a warm process, as a member serving requests is.
  for (const query of queries.slice(0, 50)) index.match(query, 0.8, 10);
  const latencies: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const at = performance.now();
    const found = index.match(query, 0.8, 10);
    latencies.push(performance.now() - at);
    if (found.length > 0) hits += 1;
  }
  latencies.sort((a, b) => a - b);

  const screen = partyQueries(SCREEN).map((input) => parseMatchQuery(input));
  started = performance.now();
  for (const query of screen) index.match(query, 0.8, 10);
  const screenMs = performance.now() - started;

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at the end ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| parties (${INVENTED * 100}% of people with an invented family name) | ${index.size.toLocaleString('en')} |`,
    `| distinct names / name parts | ${index.distinct.names.toLocaleString('en')} / ${index.distinct.tokens.toLocaleString('en')} |`,
    `| build | ${(buildMs / 1000).toFixed(1)} s |`,
    `| heap: the records / the index beside them | ${heapRecords.toFixed(0)} MB / ${heapIndex.toFixed(0)} MB |`,
    `| match, ${queries.length} queries one at a time (${hits} with a hit) | p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms |`,
    `| ${SCREEN}-query screen on the index alone | ${screenMs.toFixed(0)} ms, ${Math.round(SCREEN / (screenMs / 1000))} parties/s |`,
  ];
  console.log(lines.join('\n'));
}

await main();
