import type { SqlExecutor } from '../../../core/sql/SqlClient.js';

/** The claim tables, for the database role's grants (`ensureAuditSchema`). */
export const CLAIM_TABLES = [
  'claims',
  'claim_transitions',
  'objections',
  'allocations',
  'dispositions',
] as const;

/**
 * Victims' claims on the assets this member holds, their history, innocent holders'
 * objections, recorded allocations and dispositions (docs/claims.md). Mutable like the
 * requests and outside the chain: each write's event is in it. Identities live in `body`
 * here, and nowhere else.
 */
export async function createClaimTables(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.claims (
        id text PRIMARY KEY,
        order_id text NOT NULL,
        asset text NOT NULL,
        state text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        filing_state text NOT NULL,
        filing_agency text NOT NULL,
        filed_at timestamptz NOT NULL,
        body jsonb NOT NULL
      )`);
  await tx.query(`CREATE INDEX IF NOT EXISTS claims_order_idx ON ${s}.claims (order_id, asset)`);
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.claim_transitions (
        claim_id text NOT NULL REFERENCES ${s}.claims (id),
        version integer NOT NULL CHECK (version > 0),
        body jsonb NOT NULL,
        audit_seq bigint NOT NULL,
        PRIMARY KEY (claim_id, version)
      )`);
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.objections (
        id text PRIMARY KEY,
        order_id text NOT NULL,
        asset text NOT NULL,
        state text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        body jsonb NOT NULL
      )`);
  await tx.query(`CREATE INDEX IF NOT EXISTS objections_order_idx ON ${s}.objections (order_id)`);
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.allocations (
        id text PRIMARY KEY,
        order_id text NOT NULL,
        asset text NOT NULL,
        computed_at timestamptz NOT NULL,
        allocation text NOT NULL,
        sha256 text NOT NULL,
        body jsonb NOT NULL
      )`);
  await tx.query(
    `CREATE INDEX IF NOT EXISTS allocations_order_idx ON ${s}.allocations (order_id, asset, computed_at)`,
  );
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.dispositions (
        id text PRIMARY KEY,
        order_id text NOT NULL,
        at timestamptz NOT NULL,
        body jsonb NOT NULL
      )`);
  await tx.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.claim_numbers`);
}
