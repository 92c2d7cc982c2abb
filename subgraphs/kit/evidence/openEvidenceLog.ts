import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { AuditEvent, AuditEventInput } from '../audit/AuditEvent.js';
import type { CheckpointSigningKey } from '../audit/Checkpoint.js';
import { normalizeAuditEventInput } from '../audit/normalizeAuditEventInput.js';
import type { Appender } from '../audit/openAppender.js';
import type { AuditStore } from '../audit/openAuditStore.js';
import { custodyEntryHash } from './custodyEntryHash.js';
import type { EvidenceEventBase, EvidenceLog } from './EvidenceLog.js';
import type {
  CustodyAction,
  CustodyEntry,
  CustodyEntryInput,
  EvidencePackage,
  ItemRedaction,
} from './EvidencePackage.js';
import { signDetachedJws } from './signDetachedJws.js';

interface PackageRow {
  id: string;
  request_id: string;
  jurisdiction: string;
  case_ref: string;
  issuing_state: string;
  issuing_agency: string;
  created_at: string;
  retain_until: string;
  manifest: string;
  manifest_sha256: string;
  signature: string;
  audit_seq: string | number;
  destroyed_at: string | null;
}

interface ItemRow {
  idx: number;
  name: string;
  category: string;
  record_id: string;
  sha256: string;
  size: number;
  redactions: ItemRedaction[] | string;
  content: string | null;
}

interface CustodyRow {
  package_id: string;
  seq: number;
  action: CustodyAction;
  at: string;
  actor: CustodyEntry['actor'] | string;
  detail: CustodyEntry['detail'] | string;
  prev_hash: string;
  hash: string;
}

const json = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

function toCustodyEntry(row: CustodyRow): CustodyEntry {
  return {
    packageId: row.package_id,
    seq: Number(row.seq),
    action: row.action,
    at: row.at,
    actor: json(row.actor),
    detail: json(row.detail),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function openEvidenceLog(
  store: AuditStore,
  appender: Appender,
  key: CheckpointSigningKey,
): EvidenceLog {
  const s = store.schema;

  const read = async (db: SqlExecutor, where: string, value: string) => {
    const { rows } = await db.query<PackageRow>(
      `SELECT * FROM ${s}.evidence_packages WHERE ${where} = $1`,
      [value],
    );
    const row = rows[0];
    if (!row) return null;
    const items = await db.query<ItemRow>(
      `SELECT * FROM ${s}.evidence_items WHERE package_id = $1 ORDER BY idx`,
      [row.id],
    );
    return {
      id: row.id,
      requestId: row.request_id,
      jurisdiction: row.jurisdiction,
      caseRef: row.case_ref,
      issuingState: row.issuing_state,
      issuingAgency: row.issuing_agency,
      createdAt: row.created_at,
      retainUntil: row.retain_until,
      manifest: row.manifest,
      manifestSha256: row.manifest_sha256,
      signature: row.signature,
      auditSeq: Number(row.audit_seq),
      destroyedAt: row.destroyed_at,
      items: items.rows.map((item) => ({
        name: item.name,
        category: item.category,
        recordId: item.record_id,
        sha256: item.sha256,
        size: Number(item.size),
        redactions: json(item.redactions),
        content: item.content,
      })),
    } satisfies EvidencePackage;
  };

  const custody = async (db: SqlExecutor, packageId: string) => {
    const { rows } = await db.query<CustodyRow>(
      `SELECT * FROM ${s}.evidence_custody WHERE package_id = $1 ORDER BY seq`,
      [packageId],
    );
    return rows.map(toCustodyEntry);
  };

  /** Appends one entry on the package's chain; the caller holds the chain-head lock. */
  const appendEntry = async (
    tx: SqlExecutor,
    packageId: string,
    input: CustodyEntryInput,
  ): Promise<CustodyEntry> => {
    const { rows } = await tx.query<{ seq: number; hash: string; manifest_sha256: string }>(
      `SELECT c.seq, c.hash, p.manifest_sha256
         FROM ${s}.evidence_packages p
         LEFT JOIN ${s}.evidence_custody c ON c.package_id = p.id
        WHERE p.id = $1
        ORDER BY c.seq DESC NULLS LAST LIMIT 1`,
      [packageId],
    );
    const last = rows[0];
    if (!last) throw new Error(`no evidence package ${packageId}`);
    const unlinked: Omit<CustodyEntry, 'hash'> = {
      packageId,
      seq: last.seq === null ? 1 : Number(last.seq) + 1,
      action: input.action,
      at: input.at,
      actor: { ...input.actor },
      detail: { ...input.detail },
      prevHash: last.seq === null ? last.manifest_sha256 : last.hash,
    };
    const entry = { ...unlinked, hash: custodyEntryHash(unlinked) };
    await tx.query(
      `INSERT INTO ${s}.evidence_custody (package_id, seq, action, at, actor, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.packageId,
        entry.seq,
        entry.action,
        entry.at,
        JSON.stringify(entry.actor),
        JSON.stringify(entry.detail),
        entry.prevHash,
        entry.hash,
      ],
    );
    return entry;
  };

  const custodyEvent = (
    base: EvidenceEventBase,
    packageId: string,
    requestId: string,
    action: CustodyAction,
    custodySeq: number,
    manifestSha256: string,
  ): AuditEventInput =>
    normalizeAuditEventInput(
      {
        ...base,
        kind: 'EVIDENCE_CUSTODY',
        detail: {
          evidencePackage: packageId,
          crossBorderRequest: requestId,
          action,
          custodySeq,
          // A destruction names the manifest: once the EVIDENCE_PACKAGE event is purged with
          // the rest of the retention period, this event is the package's place in the log.
          ...(action === 'DESTROYED' ? { manifestSha256 } : {}),
        },
      },
      store.jurisdiction,
    );

  /** The custody entry first knows its seq; the event then names it, and the entry's detail the event. */
  const recordOn = async (
    tx: SqlExecutor,
    appendEvent: (input: AuditEventInput) => Promise<AuditEvent>,
    pkg: { id: string; requestId: string; manifestSha256: string },
    input: CustodyEntryInput,
    base: EvidenceEventBase,
  ) => {
    const { rows } = await tx.query<{ next: number }>(
      `SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM ${s}.evidence_custody WHERE package_id = $1`,
      [pkg.id],
    );
    const event = await appendEvent(
      custodyEvent(
        base,
        pkg.id,
        pkg.requestId,
        input.action,
        Number(rows[0]!.next),
        pkg.manifestSha256,
      ),
    );
    const entry = await appendEntry(tx, pkg.id, {
      ...input,
      detail: { ...input.detail, auditSeq: event.seq },
    });
    return { entry, event };
  };

  return {
    byRequest: (requestId) => read(store.client, 'request_id', requestId),
    byId: (packageId) => read(store.client, 'id', packageId),
    custody: (packageId) => custody(store.client, packageId),
    sign: (payload, typ) => signDetachedJws(payload, typ, key),
    store: (draft, base, madeAvailableTo) =>
      appender.appendWith(async (tx, appendEvent) => {
        const existing = await read(tx, 'request_id', draft.requestId);
        if (existing) return existing;
        const event = await appendEvent(
          normalizeAuditEventInput(
            {
              ...base,
              kind: 'EVIDENCE_PACKAGE',
              detail: {
                evidencePackage: draft.id,
                crossBorderRequest: draft.requestId,
                manifestSha256: draft.manifestSha256,
                items: draft.items.length,
              },
            },
            store.jurisdiction,
          ),
        );
        await tx.query(
          `INSERT INTO ${s}.evidence_packages (id, request_id, jurisdiction, case_ref, issuing_state,
             issuing_agency, created_at, retain_until, manifest, manifest_sha256, signature, audit_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            draft.id,
            draft.requestId,
            draft.jurisdiction,
            draft.caseRef,
            draft.issuingState,
            draft.issuingAgency,
            draft.createdAt,
            draft.retainUntil,
            draft.manifest,
            draft.manifestSha256,
            draft.signature,
            event.seq,
          ],
        );
        for (const [idx, item] of draft.items.entries()) {
          await tx.query(
            `INSERT INTO ${s}.evidence_items (package_id, idx, name, category, record_id, sha256, size, redactions, content)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              draft.id,
              idx,
              item.name,
              item.category,
              item.recordId,
              item.sha256,
              item.size,
              JSON.stringify(item.redactions),
              item.content,
            ],
          );
        }
        const executor = {
          subject: base.actor,
          role: base.roles[0] ?? 'SYSTEM',
          agency: base.agency,
          country: base.homeCountry,
        };
        await appendEntry(tx, draft.id, {
          action: 'CREATED',
          at: draft.createdAt,
          actor: executor,
          detail: { auditSeq: event.seq, manifestSha256: draft.manifestSha256 },
        });
        await appendEntry(tx, draft.id, {
          action: 'MADE_AVAILABLE',
          at: draft.createdAt,
          actor: executor,
          detail: {
            to: `${madeAvailableTo.agency} (${madeAvailableTo.country})`,
            caseRef: draft.caseRef,
            via: `${store.jurisdiction.toLowerCase()} { request(id) { evidence } }`,
          },
        });
        return { ...draft, auditSeq: event.seq, destroyedAt: null };
      }),
    recordCustody: (packageId, input, base) =>
      appender.appendWith(async (tx, appendEvent) => {
        const pkg = await read(tx, 'id', packageId);
        if (!pkg) throw new Error(`no evidence package ${packageId}`);
        return recordOn(tx, appendEvent, pkg, input, base);
      }),
    destroyExpired: async (now, base) => {
      // The member's clock asks every minute: most times nothing is due, and a locking
      // append transaction for nothing would cost the group commit its known head.
      const { rows: due } = await store.client.query(
        `SELECT 1 FROM ${s}.evidence_packages WHERE destroyed_at IS NULL AND retain_until <= $1 LIMIT 1`,
        [now],
      );
      if (due.length === 0) return [];
      return appender.appendWith(async (tx, appendEvent) => {
        const { rows } = await tx.query<{
          id: string;
          request_id: string;
          retain_until: string;
          manifest_sha256: string;
        }>(
          `SELECT id, request_id, retain_until, manifest_sha256 FROM ${s}.evidence_packages
            WHERE destroyed_at IS NULL AND retain_until <= $1 ORDER BY id`,
          [now],
        );
        for (const row of rows) {
          await recordOn(
            tx,
            appendEvent,
            { id: row.id, requestId: row.request_id, manifestSha256: row.manifest_sha256 },
            {
              action: 'DESTROYED',
              at: now,
              actor: {
                subject: base.actor,
                role: base.roles[0] ?? 'SYSTEM',
                agency: base.agency,
                country: base.homeCountry,
              },
              detail: { reason: `retention ended ${row.retain_until}` },
            },
            base,
          );
          await tx.query(`UPDATE ${s}.evidence_items SET content = NULL WHERE package_id = $1`, [
            row.id,
          ]);
          await tx.query(`UPDATE ${s}.evidence_packages SET destroyed_at = $2 WHERE id = $1`, [
            row.id,
            now,
          ]);
        }
        return rows.map((row) => row.id);
      });
    },
  };
}
