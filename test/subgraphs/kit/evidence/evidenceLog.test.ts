import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AUDIT_APP_ROLE } from '../../../../subgraphs/kit/audit/ensureAuditSchema.js';
import { custodyEntryHash } from '../../../../subgraphs/kit/evidence/custodyEntryHash.js';
import { destroyExpiredEvidence } from '../../../../subgraphs/kit/evidence/destroyExpiredEvidence.js';
import { evidenceAuditProof } from '../../../../subgraphs/kit/evidence/evidenceAuditProof.js';
import { evidenceExportFiles } from '../../../../subgraphs/kit/evidence/evidenceExportFiles.js';
import { verifyEvidenceFiles } from '../../../../subgraphs/kit/evidence/verifyEvidenceFiles.js';
import { BACKENDS, closeSharedPglite, openTestAuditLog } from '../audit/auditTestLog.js';
import type { TestAuditLog } from '../audit/auditTestLog.js';
import { eventAt, storedEvidencePackage } from './storedEvidencePackage.js';

afterAll(closeSharedPglite);

const EXECUTED = '2025-03-01T12:00:00.000Z';
/** 30 days after EXECUTED: the packages' retention ends. */
const RETAINED_UNTIL = '2025-03-31T12:00:00.000Z';
const PKG = 'evp-req-fr-1';

const custodian = {
  subject: 'clerk-1',
  role: 'CUSTODIAN',
  agency: 'FR evidence custodian',
  country: 'FR',
};

/** Statements as a superuser, separated by '; ', in one transaction; each is refused (42501). */
const REFUSED_ALWAYS = [
  ['UPDATE a custody entry', `UPDATE $schema.evidence_custody SET at = '2020-01-01' WHERE seq = 1`],
  ['DELETE a custody entry', `DELETE FROM $schema.evidence_custody WHERE seq = 2`],
  ['TRUNCATE the custody chain', `TRUNCATE $schema.evidence_custody CASCADE`],
  ['DELETE an item', `DELETE FROM $schema.evidence_items`],
  ['TRUNCATE the items', `TRUNCATE $schema.evidence_items`],
  ['UPDATE a package’s manifest', `UPDATE $schema.evidence_packages SET manifest = '{}'`],
  [
    'UPDATE a package’s retention',
    `UPDATE $schema.evidence_packages SET retain_until = '2999-01-01'`,
  ],
  ['DELETE a package', `DELETE FROM $schema.evidence_packages`],
  ['TRUNCATE the packages', `TRUNCATE $schema.evidence_packages CASCADE`],
  ['UPDATE an item’s hash', `UPDATE $schema.evidence_items SET sha256 = repeat('0', 64)`],
  ['replace an item’s content', `UPDATE $schema.evidence_items SET content = '{"id":"forged"}'`],
] as const;

/** Refused before the chain records a destruction, allowed after it. */
const ONLY_AFTER_DESTROYED = [
  ['destroy an item’s content', `UPDATE $schema.evidence_items SET content = NULL`],
  [
    'mark a package destroyed',
    `UPDATE $schema.evidence_packages SET destroyed_at = '${RETAINED_UNTIL}'`,
  ],
] as const;

/** Refused even after destruction: content and dates do not come back or move. */
const REFUSED_AFTER_DESTROYED = [
  ['restore an item’s content', `UPDATE $schema.evidence_items SET content = '{}'`],
  ['move the destruction date', `UPDATE $schema.evidence_packages SET destroyed_at = '2030-01-01'`],
  ['clear the destruction date', `UPDATE $schema.evidence_packages SET destroyed_at = NULL`],
  ['null a hash with the content', `UPDATE $schema.evidence_items SET content = NULL, sha256 = ''`],
] as const;

describe.each(BACKENDS)('evidence log on $backend', ({ backend, databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });
  const open = async () => (log = await openTestAuditLog(databaseUrl));
  const run = (audit: TestAuditLog, sql: string, role: string | null = null) =>
    audit.client.transaction(async (tx) => {
      if (role !== null) await tx.query(`SET LOCAL ROLE ${role}`);
      for (const statement of sql.replaceAll('$schema', audit.schema).split('; ')) {
        await tx.query(statement);
      }
    });
  const expectChainIntact = async (audit: TestAuditLog) => {
    const chain = await audit.evidence.custody(PKG);
    const pkg = (await audit.evidence.byId(PKG))!;
    let prev = pkg.manifestSha256;
    for (const entry of chain) {
      expect(entry.prevHash).toBe(prev);
      expect(custodyEntryHash(entry)).toBe(entry.hash);
      prev = entry.hash;
    }
    expect((await audit.verify()).ok).toBe(true);
    return chain;
  };

  it.skipIf(!available)(
    'records each handling hash-linked, with its EVIDENCE_CUSTODY event',
    async () => {
      const audit = await open();
      await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
      const { entry, event } = await audit.evidence.recordCustody(
        PKG,
        {
          action: 'SEALED',
          at: '2025-03-02T09:00:00.000Z',
          actor: custodian,
          detail: { side: 'EXECUTING', note: 'bag FR-77' },
        },
        eventAt('2025-03-02T09:00:00.000Z'),
      );
      expect(entry).toMatchObject({ seq: 3, action: 'SEALED', detail: { auditSeq: event.seq } });
      expect(event).toMatchObject({
        kind: 'EVIDENCE_CUSTODY',
        detail: {
          evidencePackage: PKG,
          crossBorderRequest: 'req-fr-1',
          action: 'SEALED',
          custodySeq: 3,
        },
      });
      const chain = await expectChainIntact(audit);
      expect(chain.map((e) => e.action)).toEqual(['CREATED', 'MADE_AVAILABLE', 'SEALED']);
    },
  );

  it.skipIf(!available)(
    'destroys content at the end of retention, once, keeping hashes, chain and a verifiable export',
    async () => {
      const audit = await open();
      const stored = await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
      expect(stored.retainUntil).toBe(RETAINED_UNTIL);
      const justBefore = new Date(Date.parse(RETAINED_UNTIL) - 1);
      expect(await destroyExpiredEvidence(audit, 'fr', justBefore)).toEqual([]);
      expect(await destroyExpiredEvidence(audit, 'fr', new Date(RETAINED_UNTIL))).toEqual([PKG]);
      expect(await destroyExpiredEvidence(audit, 'fr', new Date('2026-01-01'))).toEqual([]);

      const pkg = (await audit.evidence.byId(PKG))!;
      expect(pkg.destroyedAt).toBe(RETAINED_UNTIL);
      expect(pkg.items.map((i) => [i.content, i.sha256])).toEqual(
        stored.items.map((i) => [null, i.sha256]),
      );
      expect(pkg.manifest).toBe(stored.manifest);
      expect(pkg.signature).toBe(stored.signature);
      const chain = await expectChainIntact(audit);
      const destroyed = chain.at(-1)!;
      expect(destroyed).toMatchObject({
        action: 'DESTROYED',
        actor: { subject: 'comity:retention', country: 'FR' },
        detail: { reason: `retention ended ${RETAINED_UNTIL}` },
      });
      const events = await audit.list({ kind: 'EVIDENCE_CUSTODY' }, { first: 10, after: null });
      expect(events.events.map((e) => e.detail)).toEqual([
        {
          evidencePackage: PKG,
          crossBorderRequest: 'req-fr-1',
          action: 'DESTROYED',
          custodySeq: destroyed.seq,
          manifestSha256: stored.manifestSha256,
        },
      ]);

      const files = evidenceExportFiles(
        pkg,
        chain,
        await evidenceAuditProof(audit, pkg, chain),
        audit.publicJwk,
      );
      expect([...files.keys()].filter((name) => name.startsWith('items/'))).toEqual([]);
      const result = verifyEvidenceFiles(files, (cc) => (cc === 'FR' ? audit.publicJwk : null));
      expect(result).toMatchObject({ ok: true });
      expect(result.summary.join('\n')).toMatch(/content destroyed, hashes kept/);
      // Only this package's destruction may stand in for its event: not another custody event.
      const retrieved = await audit.evidence.recordCustody(
        PKG,
        { action: 'RETRIEVED', at: '2025-04-01T00:00:00.000Z', actor: custodian, detail: {} },
        eventAt('2025-04-01T00:00:00.000Z'),
      );
      const notTheDestruction = evidenceExportFiles(
        pkg,
        await audit.evidence.custody(PKG),
        await audit.exportProof(retrieved.event.seq),
        audit.publicJwk,
      );
      expect(
        verifyEvidenceFiles(notTheDestruction, (cc) => (cc === 'FR' ? audit.publicJwk : null)),
      ).toMatchObject({ ok: false, check: 'INCLUSION_PROOF' });
      expect(result.summary.join('\n')).toMatch(
        /\n {2}3\. DESTROYED .* by FR evidence retention \(FR\): retention ended/,
      );
    },
  );

  it.skipIf(!available)(
    'fails an export whose unsigned parts say what the signed ones do not',
    async () => {
      const audit = await open();
      const stored = await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
      const trusted = (cc: string) => (cc === 'FR' ? audit.publicJwk : null);
      const chain = await audit.evidence.custody(PKG);
      const files = evidenceExportFiles(
        stored,
        chain,
        await evidenceAuditProof(audit, stored, chain),
        audit.publicJwk,
      );
      expect(verifyEvidenceFiles(files, trusted)).toMatchObject({ ok: true });
      const index = JSON.parse(new TextDecoder().decode(files.get('package.json')));
      const withIndex = (change: Record<string, unknown>) =>
        new Map(files).set(
          'package.json',
          new TextEncoder().encode(JSON.stringify({ ...index, ...change })),
        );
      for (const change of [
        { caseRef: 'FR-OTHER-1' },
        { requestId: 'req-fr-2' },
        { createdAt: '2025-01-01T00:00:00.000Z' },
        { retainUntil: '2999-01-01T00:00:00.000Z' },
      ]) {
        expect(
          verifyEvidenceFiles(withIndex(change), trusted),
          JSON.stringify(change),
        ).toMatchObject({
          ok: false,
          check: 'MANIFEST',
          reason: /states a package, request, case or date/,
        });
      }
      // Items removed under a destruction the member never recorded: a DESTROYED entry
      // appended to the chain by hand links, but the log proves no such destruction.
      const last = chain.at(-1)!;
      const forged = {
        packageId: PKG,
        seq: last.seq + 1,
        action: 'DESTROYED' as const,
        at: '2025-03-05T00:00:00.000Z',
        actor: custodian,
        detail: { reason: 'retention ended', auditSeq: stored.auditSeq },
        prevHash: last.hash,
      };
      const removed = withIndex({ destroyedAt: forged.at });
      for (const name of [...removed.keys()]) if (name.startsWith('items/')) removed.delete(name);
      removed.set(
        'custody.json',
        new TextEncoder().encode(
          JSON.stringify([...chain, { ...forged, hash: custodyEntryHash(forged) }]),
        ),
      );
      expect(verifyEvidenceFiles(removed, trusted)).toMatchObject({
        ok: false,
        check: 'ITEM',
        reason: /said destroyed .* not of that destruction/,
      });
    },
  );

  it.each(REFUSED_ALWAYS)('refuses even a superuser: %s', async (_name, sql) => {
    if (!available) return;
    const audit = await open();
    await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
    const before = await audit.evidence.byId(PKG);
    await expect(run(audit, sql)).rejects.toMatchObject({ code: '42501' });
    expect(await audit.evidence.byId(PKG)).toEqual(before);
    await destroyExpiredEvidence(audit, 'fr', new Date(RETAINED_UNTIL));
    await expect(run(audit, sql)).rejects.toMatchObject({ code: '42501' });
    await expectChainIntact(audit);
  });

  it.each(ONLY_AFTER_DESTROYED)(
    'lets even a superuser %s only once the chain records the destruction',
    async (_name, sql) => {
      if (!available) return;
      const audit = await open();
      await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
      await expect(run(audit, sql)).rejects.toMatchObject({ code: '42501' });
      expect((await audit.evidence.byId(PKG))!.items[0]!.content).not.toBeNull();
      // A DESTROYED entry on the chain, as destroyExpired writes it before the content goes.
      await audit.evidence.recordCustody(
        PKG,
        { action: 'DESTROYED', at: RETAINED_UNTIL, actor: custodian, detail: { reason: 'test' } },
        eventAt(RETAINED_UNTIL),
      );
      await expect(run(audit, sql)).resolves.toBeUndefined();
    },
  );

  it.each(REFUSED_AFTER_DESTROYED)('refuses, after destruction: %s', async (_name, sql) => {
    if (!available) return;
    const audit = await open();
    await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
    await destroyExpiredEvidence(audit, 'fr', new Date(RETAINED_UNTIL));
    const destroyed = await audit.evidence.byId(PKG);
    await expect(run(audit, sql)).rejects.toMatchObject({ code: '42501' });
    expect(await audit.evidence.byId(PKG)).toEqual(destroyed);
  });

  it.skipIf(!available || backend !== 'postgresql')(
    `grants the ${AUDIT_APP_ROLE} role what the log needs on the evidence tables, and no more`,
    async () => {
      const audit = await open();
      const privileges = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'];
      const granted: Record<string, string[]> = {};
      for (const table of ['evidence_packages', 'evidence_items', 'evidence_custody']) {
        const { rows } = await audit.client.query<{ privilege: string }>(
          `SELECT p AS privilege FROM unnest($1::text[]) AS p
            WHERE has_table_privilege($2, $3, p) ORDER BY array_position($1::text[], p)`,
          [privileges, AUDIT_APP_ROLE, `${audit.schema}.${table}`],
        );
        granted[table] = rows.map((row) => row.privilege);
      }
      expect(granted).toEqual({
        evidence_packages: ['SELECT', 'INSERT', 'UPDATE'],
        evidence_items: ['SELECT', 'INSERT', 'UPDATE'],
        evidence_custody: ['SELECT', 'INSERT'],
      });
    },
  );

  it.skipIf(!available || backend !== 'postgresql')(
    `lets the ${AUDIT_APP_ROLE} role read and destroy as the log does, and refuses it the rest`,
    async () => {
      const audit = await open();
      await storedEvidencePackage(audit, 'req-fr-1', EXECUTED);
      const asApp = (sql: string) => run(audit, sql, AUDIT_APP_ROLE);
      await expect(asApp(`SELECT * FROM $schema.evidence_custody`)).resolves.toBeUndefined();
      for (const sql of [
        `UPDATE $schema.evidence_custody SET at = '2020-01-01'`,
        `DELETE FROM $schema.evidence_custody`,
        `TRUNCATE $schema.evidence_custody`,
        `DELETE FROM $schema.evidence_items`,
        `UPDATE $schema.evidence_items SET content = NULL`,
        `UPDATE $schema.evidence_packages SET signature = 'x'`,
        `DELETE FROM $schema.evidence_packages`,
      ]) {
        await expect(asApp(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
      await audit.evidence.recordCustody(
        PKG,
        { action: 'DESTROYED', at: RETAINED_UNTIL, actor: custodian, detail: { reason: 'test' } },
        eventAt(RETAINED_UNTIL),
      );
      await expect(
        asApp(
          `UPDATE $schema.evidence_items SET content = NULL; ` +
            `UPDATE $schema.evidence_packages SET destroyed_at = '${RETAINED_UNTIL}'`,
        ),
      ).resolves.toBeUndefined();
      expect((await audit.evidence.byId(PKG))!.items.every((i) => i.content === null)).toBe(true);
      await expectChainIntact(audit);
    },
  );
});
