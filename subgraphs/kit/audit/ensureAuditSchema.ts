import { GENESIS_HASH } from './AuditEvent.js';
import { CLAIM_TABLES, createClaimTables } from '../claims/createClaimTables.js';
import { EVIDENCE_GRANTS, createEvidenceTables } from '../evidence/createEvidenceTables.js';
import type { SqlClient, SqlExecutor } from '../../../core/sql/SqlClient.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL (identifiers cannot be parameters). */
export function checkAuditSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `invalid audit schema name ${JSON.stringify(schema)} (expected [a-z_][a-z0-9_]*)`,
    );
  }
  return schema;
}

/**
 * The database role the subgraphs should connect as in production: INSERT and SELECT on the
 * events, never UPDATE, DELETE or TRUNCATE. Retention goes through `purge_recorded`, which
 * runs with its owner's rights. NOLOGIN: a deployment grants it to its login role.
 */
export const AUDIT_APP_ROLE = 'comity_audit_app';

/** The SECURITY DEFINER function that deletes what the newest PURGE record names. */
export const PURGE_FUNCTION = 'purge_recorded';

/**
 * The columns of `events` that grow with a request (pseudonyms of every entity it touched,
 * field lists): an event of 50 orders is a few kB, past the 2 kB at which PostgreSQL
 * compresses a row's largest values before storing them.
 */
const COMPRESSED_EVENT_COLUMNS = ['entities', 'released', 'minimised', 'denied', 'detail'];

export interface AuditSchemaOptions {
  /**
   * The shortest retention the database lets a purge use, in days: it refuses to delete an
   * event when the cut-off of the PURGE record naming it is later than now minus this. Stored
   * in the schema (`retention`); default: the stored value, 0 for a new log.
   */
  minRetentionDays?: number;
}

/**
 * Creates the audit schema where missing; safe on every start and from concurrent processes
 * (one advisory lock per schema around the DDL).
 *
 * - `events`: the hash chain, one row per event, seq the primary key.
 * - `chain_head`: one row — last seq and hash (appenders lock it, which serialises them),
 *   the Merkle frontier of the current tree and the seq of the last checkpoint. A cache the
 *   verifier cross-checks, not a source of truth.
 * - `checkpoints`: signed Merkle roots.
 * - `retention`: one row, the retention floor (`AuditSchemaOptions.minRetentionDays`).
 * - `review_items`: emergency releases awaiting a judge: mutable, and not part of the log.
 * - `requests`, `request_transitions`, `request_numbers`: cross-border requests addressed to
 *   this member and their history: mutable like `review_items`; each transition's event is in
 *   the chain.
 * - `evidence_packages`, `evidence_items`, `evidence_custody`: the evidence packages of
 *   executed requests and their custody chains (`createEvidenceTables`).
 * - `claims`, `claim_transitions`, `objections`, `allocations`, `dispositions`: victims'
 *   claims on the assets this member holds (`createClaimTables`); each write's event is in the chain.
 *
 * Append-only is enforced twice. The guard triggers hold for every role, the owner and
 * superusers included, and for every DML statement: UPDATE and TRUNCATE of `events` and
 * `checkpoints` are refused; DELETE only removes the range the newest PURGE record of the
 * chain names, with a cut-off past the retention floor (so no row goes unrecorded, whoever
 * deletes it and however); `chain_head` only moves forward. The conditions are on the rows
 * themselves, not on a session setting (any session can raise one) nor on a role (PGlite has
 * only one).
 * What they do not stop is DDL by the owner or a superuser (DISABLE TRIGGER, CREATE OR
 * REPLACE FUNCTION): no database setting stops its owner; that is what the chain and the
 * signed checkpoints are for. And on a real server the application role owns nothing and gets
 * no UPDATE/DELETE grant at all (see `AUDIT_APP_ROLE`), so it cannot do that DDL either; the
 * tests connect as a superuser and check the role by `SET ROLE`. PGlite has one role, a
 * superuser owning everything: role separation is impossible there, and the triggers are all
 * that stands.
 */
export async function ensureAuditSchema(
  client: SqlClient,
  schema: string,
  options: AuditSchemaOptions = {},
): Promise<void> {
  const s = checkAuditSchemaName(schema);
  const { minRetentionDays } = options;
  if (
    minRetentionDays !== undefined &&
    (!Number.isSafeInteger(minRetentionDays) || minRetentionDays < 0)
  ) {
    throw new RangeError('minRetentionDays must be a whole number of days, 0 or more');
  }
  await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`comity-audit:${s}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await createEventsTable(tx, s);
    await createChainHead(tx, s);
    await createCheckpointsTable(tx, s);
    await createReviewItemsTable(tx, s);
    await createRequestTables(tx, s);
    await createClaimTables(tx, s);
    await createEvidenceTables(tx, s);
    await createRetention(tx, s, minRetentionDays);
    // A retired purge function let any session DELETE: it goes where an older log has it.
    await tx.query(`DROP FUNCTION IF EXISTS ${s}.purge_before(bigint)`);
    await guardEventsAndCheckpoints(tx, s);
    await guardChainHead(tx, s);
    await createPurgeFunction(tx, s);
  });
  if (client.backend === 'postgresql') await grantAppRole(client, s);
}

/** The hash chain: one row per event, seq the primary key. */
async function createEventsTable(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.events (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        jurisdiction text NOT NULL,
        actor text NOT NULL,
        roles text[] NOT NULL,
        agency text NOT NULL,
        home_country text NOT NULL,
        purpose text,
        case_ref text,
        request_id text NOT NULL,
        operation_hash text NOT NULL,
        entities text[] NOT NULL,
        released text[] NOT NULL,
        minimised jsonb NOT NULL,
        denied jsonb NOT NULL,
        decision text NOT NULL,
        emergency boolean NOT NULL,
        detail jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
  await tx.query(`CREATE INDEX IF NOT EXISTS events_occurred_at_idx ON ${s}.events (occurred_at)`);
  await tx.query(`CREATE INDEX IF NOT EXISTS events_actor_idx ON ${s}.events (actor, seq)`);
  await tx.query(`CREATE INDEX IF NOT EXISTS events_case_ref_idx ON ${s}.events (case_ref, seq)`);
  await tx.query(`CREATE INDEX IF NOT EXISTS events_kind_idx ON ${s}.events (kind, seq)`);
  await compressEventsWithLz4(tx, s);
}

/** One row: the last seq and hash, the Merkle frontier and the last checkpoint's seq. */
async function createChainHead(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.chain_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL,
        hash text NOT NULL,
        anchor_seq bigint NOT NULL,
        frontier text[] NOT NULL,
        checkpoint_seq bigint NOT NULL
      )`);
  await tx.query(
    `INSERT INTO ${s}.chain_head (id, seq, hash, anchor_seq, frontier, checkpoint_seq)
       VALUES (true, 0, $1, 0, '{}', 0) ON CONFLICT (id) DO NOTHING`,
    [GENESIS_HASH],
  );
}

async function createCheckpointsTable(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        jurisdiction text NOT NULL,
        first_seq bigint NOT NULL,
        tree_size bigint NOT NULL,
        root_hash text NOT NULL,
        head_hash text NOT NULL,
        issued_at text NOT NULL,
        signature text NOT NULL
      )`);
}

/** Emergency releases awaiting a judge: mutable, and not part of the log. */
async function createReviewItemsTable(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.review_items (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        request_id text NOT NULL,
        event_seq bigint NOT NULL,
        actor text NOT NULL,
        case_ref text,
        fields text[] NOT NULL,
        created_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED')),
        decided_by text,
        decided_at timestamptz,
        note text
      )`);
  await tx.query(
    `CREATE INDEX IF NOT EXISTS review_items_pending_idx ON ${s}.review_items (status, deadline)`,
  );
}

/**
 * Cross-border requests addressed to this member (the whole request in `body`, the columns it
 * is listed by beside it) and one row per transition, naming the audit event that recorded it.
 * Mutable, and not part of the log: the events are.
 */
async function createRequestTables(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.requests (
        id text PRIMARY KEY,
        type text NOT NULL,
        state text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        executing_state text NOT NULL,
        issuing_state text NOT NULL,
        issuing_agency text NOT NULL,
        issuing_role text NOT NULL,
        issued_by text NOT NULL,
        case_ref text NOT NULL,
        received_at timestamptz NOT NULL,
        urgent boolean NOT NULL,
        body jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  await tx.query(
    `CREATE INDEX IF NOT EXISTS requests_state_idx ON ${s}.requests (state, received_at, id)`,
  );
  await tx.query(
    `CREATE INDEX IF NOT EXISTS requests_issuer_idx
       ON ${s}.requests (issuing_state, issuing_agency, received_at, id)`,
  );
  await tx.query(
    `CREATE INDEX IF NOT EXISTS requests_received_idx ON ${s}.requests (received_at, id)`,
  );
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.request_transitions (
        request_id text NOT NULL REFERENCES ${s}.requests (id),
        version integer NOT NULL CHECK (version > 0),
        body jsonb NOT NULL,
        audit_seq bigint NOT NULL,
        PRIMARY KEY (request_id, version)
      )`);
  await tx.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.request_numbers`);
}

/** One row, the retention floor; `minRetentionDays` replaces the stored one when given. */
async function createRetention(
  tx: SqlExecutor,
  s: string,
  minRetentionDays: number | undefined,
): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.retention (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        min_days integer NOT NULL CHECK (min_days >= 0)
      )`);
  await tx.query(
    `INSERT INTO ${s}.retention (id, min_days) VALUES (true, 0) ON CONFLICT (id) DO NOTHING`,
  );
  if (minRetentionDays !== undefined) {
    await tx.query(`UPDATE ${s}.retention SET min_days = $1 WHERE id`, [minRetentionDays]);
  }
}

/**
 * The guard trigger of `events` and `checkpoints`: no UPDATE, no TRUNCATE, and DELETE only of
 * what a PURGE record names. The guards pin search_path: a session that put a schema of its own before pg_catalog
 * could otherwise swap now() or an operator under them.
 *
 * DELETE passes only for a row the newest PURGE record of the chain names: an event in its
 * range, older than it and than its cut-off, or a checkpoint whose tree starts before the
 * range ends; and only if that cut-off is past the retention floor. This blocks deleting
 * events without a trace (by hand, under any session setting, or through purge_recorded),
 * and deleting events still inside retention: a deleter must first append a PURGE record,
 * which stays in the chain (it is never covered by its own range) and which the verifier
 * checks like any other event.
 */
async function guardEventsAndCheckpoints(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE OR REPLACE FUNCTION ${s}.refuse_audit_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        purge record;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          SELECT e.seq,
                 (e.detail->>'purgedFromSeq')::bigint AS from_seq,
                 (e.detail->>'purgedToSeq')::bigint AS to_seq,
                 (e.detail->>'before')::timestamptz AS cut_off,
                 (e.detail->>'before')::timestamptz <= now() - make_interval(days => r.min_days)
                   AS past_retention
            INTO purge
            FROM ${s}.events e, ${s}.retention r
           WHERE e.kind = 'PURGE'
           ORDER BY e.seq DESC
           LIMIT 1;
          IF purge.past_retention THEN
            IF TG_TABLE_NAME = 'events' THEN
              IF OLD.seq < purge.seq AND OLD.seq BETWEEN purge.from_seq AND purge.to_seq
                 AND OLD.occurred_at < purge.cut_off THEN
                RETURN OLD;
              END IF;
            ELSIF OLD.first_seq <= purge.to_seq THEN
              RETURN OLD;
            END IF;
          END IF;
        END IF;
        RAISE EXCEPTION 'the audit log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Only a purge deletes, and only what its PURGE record names, past retention.';
      END
      $fn$`);
  for (const table of ['events', 'checkpoints']) {
    await tx.query(`
        CREATE OR REPLACE TRIGGER ${table}_append_only
        BEFORE UPDATE OR DELETE ON ${s}.${table}
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_audit_change()`);
    await tx.query(`
        CREATE OR REPLACE TRIGGER ${table}_no_truncate
        BEFORE TRUNCATE ON ${s}.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_audit_change()`);
  }
}

/**
 * The head is a cache, but rewinding it would hide the events after it from the next
 * append (which would then fail on the primary key) and move the anchor the verifier
 * starts from. It moves forward only; the anchor moves only to where the newest PURGE
 * record ends; the row cannot go.
 */
async function guardChainHead(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE OR REPLACE FUNCTION ${s}.refuse_head_rewind() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND (NEW.seq > OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash = OLD.hash))
           AND NEW.checkpoint_seq >= OLD.checkpoint_seq
           AND (NEW.anchor_seq = OLD.anchor_seq
                OR (NEW.anchor_seq > OLD.anchor_seq
                    AND NEW.anchor_seq = (SELECT (e.detail->>'purgedToSeq')::bigint
                                            FROM ${s}.events e WHERE e.kind = 'PURGE'
                                           ORDER BY e.seq DESC LIMIT 1))) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the audit log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'The chain head only moves forward.';
      END
      $fn$`);
  await tx.query(`
      CREATE OR REPLACE TRIGGER chain_head_forward_only
      BEFORE UPDATE OR DELETE ON ${s}.chain_head
      FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_head_rewind()`);
  await tx.query(`
      CREATE OR REPLACE TRIGGER chain_head_no_truncate
      BEFORE TRUNCATE ON ${s}.chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_head_rewind()`);
}

/**
 * The one way to delete: the range the newest PURGE record names, which must be the next
 * event after the head (appended in this transaction, before the head is saved), start at
 * the first retained event and name the hash of its last event as it is. SECURITY DEFINER
 * with a fixed search_path: it runs with its owner's DELETE right, which the app role
 * lacks; the guard trigger still checks every row, so calling it directly deletes nothing
 * a PURGE record does not name. The checkpoints whose trees start in the range go too
 * (they can no longer be recomputed; the caller issues a fresh one).
 */
async function createPurgeFunction(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE OR REPLACE FUNCTION ${s}.${PURGE_FUNCTION}() RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        head record;
        purge record;
        removed bigint;
      BEGIN
        SELECT seq, hash, anchor_seq INTO head FROM ${s}.chain_head WHERE id FOR UPDATE;
        SELECT seq, prev_hash,
               (detail->>'purgedFromSeq')::bigint AS from_seq,
               (detail->>'purgedToSeq')::bigint AS to_seq,
               (detail->>'purgedCount')::bigint AS count,
               detail->>'purgedHeadHash' AS last_hash
          INTO purge
          FROM ${s}.events WHERE kind = 'PURGE' ORDER BY seq DESC LIMIT 1;
        IF purge.seq IS DISTINCT FROM head.seq + 1 OR purge.prev_hash IS DISTINCT FROM head.hash THEN
          RAISE EXCEPTION 'purge refused: the newest event must be a PURGE record appended after the chain head'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF purge.from_seq IS NULL THEN
          RETURN 0;
        END IF;
        IF purge.from_seq <> head.anchor_seq + 1 OR purge.to_seq < purge.from_seq
           OR purge.to_seq > head.seq
           OR purge.last_hash IS DISTINCT FROM (SELECT hash FROM ${s}.events WHERE seq = purge.to_seq) THEN
          RAISE EXCEPTION 'purge refused: the PURGE record does not name the oldest events of the chain'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        DELETE FROM ${s}.events WHERE seq BETWEEN purge.from_seq AND purge.to_seq;
        GET DIAGNOSTICS removed = ROW_COUNT;
        IF removed <> purge.to_seq - purge.from_seq + 1 OR removed IS DISTINCT FROM purge.count THEN
          RAISE EXCEPTION 'events % to % are not all present; run verify before purging',
            purge.from_seq, purge.to_seq;
        END IF;
        DELETE FROM ${s}.checkpoints WHERE first_seq <= purge.to_seq;
        RETURN removed;
      END
      $fn$`);
  // Functions are executable by PUBLIC unless revoked, whichever role connects.
  await tx.query(`REVOKE ALL ON FUNCTION ${s}.${PURGE_FUNCTION}() FROM PUBLIC`);
}

/**
 * Creates `comity_audit_app` (NOLOGIN) and grants it exactly what the log needs, when the
 * connecting role may create roles; otherwise the deployment does it. Roles are per cluster,
 * so concurrent creators race: a duplicate is fine.
 */
async function grantAppRole(client: SqlClient, s: string): Promise<void> {
  const { rows } = await client.query<{ allowed: boolean }>(
    `SELECT rolsuper OR rolcreaterole AS allowed FROM pg_roles WHERE rolname = current_user`,
  );
  if (!rows[0]?.allowed) return;
  await client.query(`
    DO $do$
    BEGIN
      CREATE ROLE ${AUDIT_APP_ROLE} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END
    $do$`);
  await client.transaction(async (tx) => {
    await tx.query(`GRANT USAGE ON SCHEMA ${s} TO ${AUDIT_APP_ROLE}`);
    await tx.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT SELECT, INSERT ON ${s}.events, ${s}.checkpoints TO ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT SELECT, UPDATE ON ${s}.chain_head TO ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT SELECT ON ${s}.retention TO ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.review_items TO ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.requests TO ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT SELECT, INSERT ON ${s}.request_transitions TO ${AUDIT_APP_ROLE}`);
    for (const table of CLAIM_TABLES) {
      await tx.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.${table} TO ${AUDIT_APP_ROLE}`);
    }
    for (const grant of EVIDENCE_GRANTS) {
      await tx.query(grant.replace('{s}', s).replace('{role}', AUDIT_APP_ROLE));
    }
    await tx.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${AUDIT_APP_ROLE}`);
    await tx.query(`GRANT EXECUTE ON FUNCTION ${s}.${PURGE_FUNCTION}() TO ${AUDIT_APP_ROLE}`);
  });
}

/** Drops the schema and everything in it (test teardown). */
export async function dropAuditSchema(client: SqlClient, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${checkAuditSchemaName(schema)} CASCADE`);
}

/**
 * Compresses the large columns of `events` with lz4 where the server has it (PostgreSQL 14+
 * built with lz4, as Debian's and the official images are; PGlite is not, and keeps pglz).
 * It costs the server less CPU and disk per event than pglz (see BENCHMARKS.md). Only new
 * values are affected,
 * and the column setting is changed only where it differs, so restarts take no table lock.
 */
async function compressEventsWithLz4(tx: SqlExecutor, s: string): Promise<void> {
  const { rows: available } = await tx.query<{ lz4: boolean }>(
    `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
  );
  if (!available[0]?.lz4) return;
  const { rows: columns } = await tx.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute
      WHERE attrelid = '${s}.events'::regclass AND attname = ANY ($1) AND attcompression <> 'l'
      ORDER BY attnum`,
    [COMPRESSED_EVENT_COLUMNS],
  );
  if (columns.length === 0) return;
  await tx.query(
    `ALTER TABLE ${s}.events ${columns
      .map(({ attname }) => `ALTER COLUMN ${attname} SET COMPRESSION lz4`)
      .join(', ')}`,
  );
}
