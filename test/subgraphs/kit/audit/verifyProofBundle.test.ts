import { compactVerify, importJWK } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateAuditSigningKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import type { ProofBundle } from '../../../../subgraphs/kit/audit/ProofBundle.js';
import { verifyProofBundle } from '../../../../subgraphs/kit/audit/verifyProofBundle.js';
import {
  BACKENDS,
  appendSequentially,
  closeSharedPglite,
  openTestAuditLog,
  testSigningKey,
} from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

const clone = (bundle: ProofBundle): ProofBundle =>
  JSON.parse(JSON.stringify(bundle)) as ProofBundle;

/** One change per member of the event, and to the proof around it. */
const TAMPERINGS: [string, (bundle: ProofBundle) => void][] = [
  ['kind', (b) => void (b.event.kind = 'REVIEW_DECISION')],
  ['occurredAt', (b) => void (b.event.occurredAt = '2025-01-01T05:00:00.001Z')],
  ['jurisdiction', (b) => void (b.event.jurisdiction = 'DE')],
  ['actor', (b) => void (b.event.actor += ' ')],
  ['roles', (b) => void b.event.roles.push('JUDGE')],
  ['agency', (b) => void (b.event.agency = 'DGSI')],
  ['homeCountry', (b) => void (b.event.homeCountry = 'BE')],
  ['purpose', (b) => void (b.event.purpose = null)],
  ['caseRef', (b) => void (b.event.caseRef = 'FR-2025-9')],
  ['requestId', (b) => void (b.event.requestId = 'req-x')],
  ['operationHash', (b) => void (b.event.operationHash = 'op-x')],
  ['entities', (b) => void (b.event.entities = [])],
  ['released', (b) => void b.event.released.pop()],
  ['minimised', (b) => void (b.event.minimised[0]!.strategy = 'NONE')],
  ['denied', (b) => void b.event.denied.push({ field: 'X.y', reason: 'ROLE' })],
  ['decision', (b) => void (b.event.decision = 'RELEASED')],
  ['emergency', (b) => void (b.event.emergency = true)],
  ['detail', (b) => void (b.event.detail.fieldsReleased = 3)],
  ['seq', (b) => void (b.event.seq += 1)],
  [
    'prevHash',
    (b) => void (b.event.prevHash = b.event.prevHash.replace(/^./, (c) => (c === '0' ? '1' : '0'))),
  ],
  ['hash', (b) => void (b.event.hash = b.event.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')))],
  ['leafIndex', (b) => void (b.leafIndex += 1)],
  ['an inclusion proof step', (b) => void (b.inclusionProof[1] = b.inclusionProof[0]!)],
  ['the checkpoint root', (b) => void (b.checkpoint.rootHash = '0'.repeat(64))],
  ['the checkpoint tree size', (b) => void (b.checkpoint.treeSize += 1)],
  ['the checkpoint issue time', (b) => void (b.checkpoint.issuedAt = '2030-01-01T00:00:00.000Z')],
];

describe.each(BACKENDS)(
  'exportProof and verifyProofBundle on $backend',
  ({ databaseUrl, available }) => {
    let log: TestAuditLog | null = null;
    afterEach(async () => {
      await log?.dispose();
      log = null;
    });

    const exported = async () => {
      const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 8 }));
      await appendSequentially(audit, 13);
      // Through JSON and back: what a partner receives is a file.
      return clone(await audit.exportProof(6));
    };

    it.skipIf(!available)('exports a self-contained proof that verifies offline', async () => {
      const bundle = await exported();
      expect(bundle).toMatchObject({ leafIndex: 5, checkpoint: { firstSeq: 1, treeSize: 8 } });
      expect(bundle.event.seq).toBe(6);
      expect(bundle.publicJwk.d).toBeUndefined();
      expect(verifyProofBundle(bundle)).toEqual({ ok: true });
      expect(
        verifyProofBundle(bundle, { trustedPublicJwk: (await testSigningKey()).publicJwk }),
      ).toEqual({ ok: true });
      // The signature is a standard JWS any JOSE library checks.
      const { payload, protectedHeader } = await compactVerify(
        bundle.checkpoint.signature,
        await importJWK(bundle.publicJwk, 'EdDSA'),
      );
      expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: (await testSigningKey()).kid });
      expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
        treeSize: 8,
        rootHash: bundle.checkpoint.rootHash,
      });
    });

    it.skipIf(!available)('signs a fresh checkpoint when none covers the event yet', async () => {
      const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 8 }));
      await appendSequentially(audit, 10);
      const bundle = await audit.exportProof(10);
      expect(bundle.checkpoint).toMatchObject({ treeSize: 10, headHash: bundle.event.hash });
      expect(verifyProofBundle(bundle)).toEqual({ ok: true });
      await expect(audit.exportProof(11)).rejects.toMatchObject({ code: 'AUDIT_EVENT_NOT_FOUND' });
    });

    it.skipIf(!available)(
      'fails on a key other than the pinned one, or re-signed with another key',
      async () => {
        const bundle = await exported();
        const other = await generateAuditSigningKey('fr');
        expect(verifyProofBundle(bundle, { trustedPublicJwk: other.publicJwk })).toMatchObject({
          ok: false,
        });
        expect(verifyProofBundle({ ...bundle, publicJwk: other.publicJwk })).toMatchObject({
          ok: false,
        });
      },
    );

    it.skipIf(!available)('fails when any member of the event or the proof changes', async () => {
      const bundle = await exported();
      for (const [member, tamper] of TAMPERINGS) {
        const changed = clone(bundle);
        tamper(changed);
        expect(verifyProofBundle(changed), member).toMatchObject({
          ok: false,
          reason: expect.any(String),
        });
      }
    });

    it.skipIf(!available)(
      'fails when any single byte of the serialised event changes',
      async () => {
        const bundle = await exported();
        const text = JSON.stringify(bundle.event);
        let changes = 0;
        for (let i = 0; i < text.length; i++) {
          const flipped =
            text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
          let event: ProofBundle['event'];
          try {
            event = JSON.parse(flipped) as ProofBundle['event'];
          } catch {
            continue; // no longer JSON: nothing to verify
          }
          if (JSON.stringify(event) === text) continue; // an insignificant byte
          changes++;
          expect(verifyProofBundle({ ...bundle, event }), `byte ${i}`).toMatchObject({ ok: false });
        }
        expect(changes).toBeGreaterThan(100);
      },
    );
  },
);
