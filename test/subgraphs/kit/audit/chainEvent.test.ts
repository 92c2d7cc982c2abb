import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditEventHash } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import type { AuditEventInput } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import type { ChainHead } from '../../../../subgraphs/kit/audit/ChainHead.js';
import { chainEvent, eventLeaf } from '../../../../subgraphs/kit/audit/chainEvent.js';
import {
  emptyFrontier,
  frontierRoot,
  leafHash,
  merkleRoot,
} from '../../../../subgraphs/kit/audit/merkle.js';

const input = (n: number): AuditEventInput => ({
  kind: 'ACCESS',
  occurredAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
  jurisdiction: 'FR',
  actor: `officer-${n}`,
  roles: ['INVESTIGATOR'],
  agency: 'OCRGDF',
  homeCountry: 'FR',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: null,
  requestId: `req-${n}`,
  operationHash: 'op',
  entities: [`ps_${n}`],
  released: ['FreezingOrder.status'],
  minimised: [],
  denied: [],
  decision: 'RELEASED',
  emergency: false,
  detail: {},
});

const genesis: ChainHead = {
  seq: 0,
  hash: GENESIS_HASH,
  anchorSeq: 0,
  frontier: emptyFrontier(),
  checkpointSeq: 0,
};

describe('chainEvent', () => {
  it('links each event to the head it was chained on and hashes it', () => {
    const first = chainEvent(genesis, input(1));
    const second = chainEvent(first.head, input(2));
    expect(first.event).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, requestId: 'req-1' });
    expect(second.event).toMatchObject({ seq: 2, prevHash: first.event.hash });
    expect(second.event.hash).toBe(auditEventHash(second.event));
    expect(second.head).toMatchObject({ seq: 2, hash: second.event.hash, checkpointSeq: 0 });
  });

  it('grows the Merkle frontier by the leaf of each event hash', () => {
    let head = genesis;
    const hashes: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const chained = chainEvent(head, input(n));
      hashes.push(chained.event.hash);
      head = chained.head;
    }
    expect(head.frontier.size).toBe(5);
    expect(bytesToHex(frontierRoot(head.frontier))).toBe(
      bytesToHex(merkleRoot(hashes.map((hash) => hexToBytes(hash)))),
    );
    expect(eventLeaf(hashes[0]!)).toEqual(leafHash(hexToBytes(hashes[0]!)));
  });

  it('leaves the head it was given as it was', () => {
    chainEvent(genesis, input(1));
    expect(genesis).toMatchObject({ seq: 0, hash: GENESIS_HASH, frontier: { size: 0 } });
  });
});
