import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { AuditEvent, AuditEventInput } from '../audit/AuditEvent.js';
import { checkAuditSchemaName } from '../audit/ensureAuditSchema.js';
import { normalizeAuditEventInput } from '../audit/normalizeAuditEventInput.js';
import type { Appender } from '../audit/openAppender.js';
import { ClaimRefusal } from './ClaimRefusal.js';
import type { RecordedAllocation } from './ClaimStore.js';
import type { ClaimTransition, Disposition, Objection, VictimClaim } from './VictimClaim.js';

type Step = { claim: VictimClaim; transition: Omit<ClaimTransition, 'auditSeq'> };

/** One audited write of the claims procedure: what changes, and with it one CLAIM_EVENT. */
export type ClaimWrite =
  | { kind: 'FILE_CLAIM'; step: Step }
  | { kind: 'CLAIM_TRANSITION'; step: Step; expectedVersion: number; disposition?: Disposition }
  | { kind: 'FILE_OBJECTION'; objection: Objection }
  | {
      kind: 'DECIDE_OBJECTION';
      objection: Objection;
      expectedVersion: number;
      /** UPHELD: the holder's amount going back to the holder, recorded with the decision. */
      disposition?: Disposition;
    }
  | {
      kind: 'ALLOCATE';
      allocation: RecordedAllocation;
      steps: (Step & { expectedVersion: number })[];
    }
  | { kind: 'DISPOSITION'; disposition: Disposition };

/**
 * The CLAIM_EVENT of a write: ids, states, versions, the asset, amounts, the allocation's
 * hash. Never a name, birth date or identity number: the chain is read by oversight bodies.
 */
export function claimEventDetail(write: ClaimWrite): AuditEventInput['detail'] {
  switch (write.kind) {
    case 'FILE_CLAIM':
    case 'CLAIM_TRANSITION': {
      const { claim, transition } = write.step;
      return {
        action: transition.action,
        claim: claim.id,
        order: claim.form.orderId,
        asset: claim.form.asset,
        from: transition.from,
        to: transition.to,
        version: transition.version,
        ground: transition.ground,
        ...(write.kind === 'CLAIM_TRANSITION' && write.disposition
          ? { disposition: write.disposition.id, amountUnits: write.disposition.amountUnits }
          : {}),
      };
    }
    case 'FILE_OBJECTION':
    case 'DECIDE_OBJECTION':
      return {
        action: write.kind === 'FILE_OBJECTION' ? 'FILE_OBJECTION' : 'DECIDE_OBJECTION',
        objection: write.objection.id,
        order: write.objection.orderId,
        asset: write.objection.asset,
        to: write.objection.state,
        version: write.objection.version,
        ...(write.kind === 'DECIDE_OBJECTION' && write.disposition
          ? { disposition: write.disposition.id, amountUnits: write.disposition.amountUnits }
          : {}),
      };
    case 'ALLOCATE':
      return {
        action: 'ALLOCATE',
        allocation: write.allocation.id,
        order: write.allocation.orderId,
        asset: write.allocation.asset,
        sha256: write.allocation.sha256,
        claims: write.steps.length,
      };
    case 'DISPOSITION':
      return {
        action: 'DISPOSITION',
        disposition: write.disposition.id,
        kind: write.disposition.kind,
        order: write.disposition.orderId,
        asset: write.disposition.asset,
        amountUnits: write.disposition.amountUnits,
      };
  }
}

/**
 * A write and its CLAIM_EVENT in one transaction. Versioned rows are compared-and-set first:
 * when one moved on since it was read, nothing is written, not even the event, and a
 * VERSION_CONFLICT refusal is thrown.
 */
export async function recordClaimEvent(
  appender: Appender,
  schema: string,
  jurisdiction: string,
  write: ClaimWrite,
  event: Omit<AuditEventInput, 'kind' | 'detail'>,
): Promise<AuditEvent> {
  const s = checkAuditSchemaName(schema);
  const input = normalizeAuditEventInput(
    { ...event, kind: 'CLAIM_EVENT', detail: claimEventDetail(write) },
    jurisdiction,
  );
  const recorded = await appender.appendWith(async (tx, appendEvent) => {
    if (!(await swapAll(tx, s, write))) return null;
    const appended = await appendEvent(input);
    await insertAll(tx, s, write, appended.seq);
    return appended;
  });
  if (recorded === null) {
    throw new ClaimRefusal(
      ErrorCode.VERSION_CONFLICT,
      'VERSION_CONFLICT',
      'The claim or objection changed since it was read; read it again and retry',
    );
  }
  return recorded;
}

/** The compare-and-sets of the write; false when one found another version (nothing swapped). */
async function swapAll(tx: SqlExecutor, s: string, write: ClaimWrite): Promise<boolean> {
  const swapClaim = async (claim: VictimClaim, expected: number) =>
    (
      await tx.query(
        `UPDATE ${s}.claims SET state = $2, version = $3, body = $4::jsonb
          WHERE id = $1 AND version = $5 RETURNING id`,
        [claim.id, claim.state, claim.version, JSON.stringify(claim), expected],
      )
    ).rows.length === 1;
  switch (write.kind) {
    case 'CLAIM_TRANSITION':
      return swapClaim(write.step.claim, write.expectedVersion);
    case 'ALLOCATE': {
      // Lock and check every claim before changing any, so a lost race writes nothing.
      const { rows } = await tx.query<{ id: string; version: number }>(
        `SELECT id, version FROM ${s}.claims WHERE id = ANY ($1::text[]) FOR UPDATE`,
        [write.steps.map((step) => step.claim.id)],
      );
      const stored = new Map(rows.map((row) => [row.id, Number(row.version)]));
      if (write.steps.some((step) => stored.get(step.claim.id) !== step.expectedVersion)) {
        return false;
      }
      for (const step of write.steps) await swapClaim(step.claim, step.expectedVersion);
      return true;
    }
    case 'DECIDE_OBJECTION': {
      const { objection } = write;
      const { rows } = await tx.query(
        `UPDATE ${s}.objections SET state = $2, version = $3, body = $4::jsonb
          WHERE id = $1 AND version = $5 RETURNING id`,
        [
          objection.id,
          objection.state,
          objection.version,
          JSON.stringify(objection),
          write.expectedVersion,
        ],
      );
      return rows.length === 1;
    }
    default:
      return true;
  }
}

async function insertAll(
  tx: SqlExecutor,
  s: string,
  write: ClaimWrite,
  seq: number,
): Promise<void> {
  const addTransition = (step: Step) =>
    tx.query(
      `INSERT INTO ${s}.claim_transitions (claim_id, version, body, audit_seq) VALUES ($1, $2, $3::jsonb, $4)`,
      [
        step.claim.id,
        step.transition.version,
        JSON.stringify({ ...step.transition, auditSeq: seq }),
        seq,
      ],
    );
  const addDisposition = (disposition: Disposition) =>
    tx.query(
      `INSERT INTO ${s}.dispositions (id, order_id, at, body) VALUES ($1, $2, $3, $4::jsonb)`,
      [
        disposition.id,
        disposition.orderId,
        disposition.at,
        JSON.stringify({ ...disposition, auditSeq: seq }),
      ],
    );
  switch (write.kind) {
    case 'FILE_CLAIM': {
      const { claim } = write.step;
      await tx.query(
        `INSERT INTO ${s}.claims (id, order_id, asset, state, version, filing_state, filing_agency, filed_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [
          claim.id,
          claim.form.orderId,
          claim.form.asset,
          claim.state,
          claim.version,
          claim.filingState,
          claim.filingAgency,
          claim.filedAt,
          JSON.stringify(claim),
        ],
      );
      await addTransition(write.step);
      return;
    }
    case 'CLAIM_TRANSITION':
      await addTransition(write.step);
      if (write.disposition) await addDisposition(write.disposition);
      return;
    case 'FILE_OBJECTION': {
      const { objection } = write;
      await tx.query(
        `INSERT INTO ${s}.objections (id, order_id, asset, state, version, body) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [
          objection.id,
          objection.orderId,
          objection.asset,
          objection.state,
          objection.version,
          JSON.stringify(objection),
        ],
      );
      return;
    }
    case 'DECIDE_OBJECTION':
      if (write.disposition) await addDisposition(write.disposition);
      return;
    case 'ALLOCATE': {
      const { allocation } = write;
      await tx.query(
        `INSERT INTO ${s}.allocations (id, order_id, asset, computed_at, allocation, sha256, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [
          allocation.id,
          allocation.orderId,
          allocation.asset,
          allocation.computedAt,
          allocation.json,
          allocation.sha256,
          JSON.stringify({ ...allocation, json: undefined, auditSeq: seq }),
        ],
      );
      for (const step of write.steps) await addTransition(step);
      return;
    }
    case 'DISPOSITION':
      await addDisposition(write.disposition);
      return;
  }
}
