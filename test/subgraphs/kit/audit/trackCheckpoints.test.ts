import { bytesToHex } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import type { AuditEventInput } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import type { ChainHead } from '../../../../subgraphs/kit/audit/ChainHead.js';
import { signCheckpoint } from '../../../../subgraphs/kit/audit/Checkpoint.js';
import type { StoredCheckpoint } from '../../../../subgraphs/kit/audit/CheckpointRow.js';
import { chainEvent } from '../../../../subgraphs/kit/audit/chainEvent.js';
import type { ChainPoint } from '../../../../subgraphs/kit/audit/diagnoseChainBreak.js';
import { importCheckpointKey } from '../../../../subgraphs/kit/audit/importCheckpointKey.js';
import type { CheckpointKey } from '../../../../subgraphs/kit/audit/importCheckpointKey.js';
import { generateAuditSigningKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { emptyFrontier, frontierRoot } from '../../../../subgraphs/kit/audit/merkle.js';
import { trackCheckpoints } from '../../../../subgraphs/kit/audit/trackCheckpoints.js';

const input = (n: number): AuditEventInput => ({
  kind: 'ACCESS',
  occurredAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
  jurisdiction: 'FR',
  actor: `officer-${n}`,
  roles: [],
  agency: 'OCRGDF',
  homeCountry: 'FR',
  purpose: null,
  caseRef: null,
  requestId: `req-${n}`,
  operationHash: 'op',
  entities: [],
  released: [],
  minimised: [],
  denied: [],
  decision: 'NONE',
  emergency: false,
  detail: {},
});

const ANCHOR: ChainPoint = { seq: 0, hash: GENESIS_HASH, prevHash: null };

/** The heads after each of `count` events, genesis first. */
function chainHeads(count: number): ChainHead[] {
  const heads: ChainHead[] = [
    { seq: 0, hash: GENESIS_HASH, anchorSeq: 0, frontier: emptyFrontier(), checkpointSeq: 0 },
  ];
  for (let n = 1; n <= count; n++) heads.push(chainEvent(heads[n - 1]!, input(n)).head);
  return heads;
}

const points = (heads: ChainHead[]): ChainPoint[] =>
  heads.slice(1).map((head, i) => ({ seq: head.seq, hash: head.hash, prevHash: heads[i]!.hash }));

let key: CheckpointKey;
beforeAll(async () => {
  key = await importCheckpointKey(await generateAuditSigningKey('fr'));
});

let nextId = 1;
async function checkpointOf(
  head: ChainHead,
  change: Partial<StoredCheckpoint> = {},
): Promise<StoredCheckpoint> {
  const signed = await signCheckpoint(
    {
      jurisdiction: 'FR',
      firstSeq: 1,
      treeSize: head.frontier.size,
      rootHash: bytesToHex(frontierRoot(head.frontier)),
      headHash: head.hash,
      issuedAt: '2025-01-02T00:00:00.000Z',
      ...change,
    },
    key,
  );
  return { id: nextId++, ...signed };
}

/** Walks the chain of `heads` through a tracker of `checkpoints`; returns its failure. */
function track(heads: ChainHead[], checkpoints: StoredCheckpoint[]) {
  const tracker = trackCheckpoints(checkpoints, ANCHOR, key.publicJwk, 'FR');
  for (const point of points(heads)) tracker.append(point);
  return tracker.failure(heads.length - 1);
}

describe('trackCheckpoints', () => {
  it('passes checkpoints of the empty tree and of every size the chain reaches', async () => {
    const heads = chainHeads(6);
    const checkpoints = await Promise.all([0, 1, 4, 6].map((size) => checkpointOf(heads[size]!)));
    expect(track(heads, checkpoints)).toBeNull();
  });

  it('reports a checkpoint whose root differs from the tree of its size, at its last seq', async () => {
    const heads = chainHeads(6);
    const forged = await checkpointOf(heads[4]!, {
      rootHash: bytesToHex(frontierRoot(heads[3]!.frontier)),
    });
    expect(track(heads, [await checkpointOf(heads[2]!), forged])).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      problem: 'CHECKPOINT_MISMATCH',
    });
  });

  it('reports a checkpoint past the end of the log', async () => {
    const heads = chainHeads(8);
    const beyond = await checkpointOf(heads[8]!);
    expect(track(heads.slice(0, 6), [beyond])).toMatchObject({
      firstBadSeq: 8,
      problem: 'CHECKPOINT_MISMATCH',
      message: `checkpoint ${beyond.id} covers 8 events; the log holds 5`,
    });
  });

  it('reports the earliest failure: a bad signature before a later mismatch', async () => {
    const heads = chainHeads(6);
    const late = await checkpointOf(heads[5]!, { headHash: heads[4]!.hash });
    const early = { ...(await checkpointOf(heads[2]!)), treeSize: 3 };
    expect(track(heads, [late, early])).toMatchObject({ firstBadSeq: 3, problem: 'BAD_SIGNATURE' });
  });

  it('reports a checkpoint of another jurisdiction or another start', async () => {
    const heads = chainHeads(3);
    const other = await checkpointOf(heads[3]!, { jurisdiction: 'DE' });
    expect(track(heads, [other])).toMatchObject({
      firstBadSeq: 3,
      problem: 'CHECKPOINT_MISMATCH',
      message: `checkpoint ${other.id} starts at seq 1, the log at 1`,
    });
  });
});
