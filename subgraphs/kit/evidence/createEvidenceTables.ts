import type { SqlExecutor } from '../../../core/sql/SqlClient.js';

/**
 * The evidence packages of executed requests (docs/evidence.md), in the member's audit
 * schema beside `requests`: the package and its manifest, its items, and each package's
 * custody chain. Times are stored as the ISO text that was hashed and signed.
 *
 * The custody chain is append-only for every role (a trigger, like the audit log's): no
 * UPDATE, DELETE or TRUNCATE. An item's content may only be set to NULL, and a package's
 * `destroyed_at` only set once, both only after its chain records the destruction: a purge
 * destroys content, never a hash, a manifest or a signature. Nothing is ever deleted.
 */
export async function createEvidenceTables(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.evidence_packages (
        id text PRIMARY KEY,
        request_id text NOT NULL UNIQUE REFERENCES ${s}.requests (id),
        jurisdiction text NOT NULL,
        case_ref text NOT NULL,
        issuing_state text NOT NULL,
        issuing_agency text NOT NULL,
        created_at text NOT NULL,
        retain_until text NOT NULL,
        manifest text NOT NULL,
        manifest_sha256 text NOT NULL,
        signature text NOT NULL,
        audit_seq bigint NOT NULL,
        destroyed_at text
      )`);
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.evidence_items (
        package_id text NOT NULL REFERENCES ${s}.evidence_packages (id),
        idx integer NOT NULL CHECK (idx >= 0),
        name text NOT NULL,
        category text NOT NULL,
        record_id text NOT NULL,
        sha256 text NOT NULL,
        size integer NOT NULL,
        redactions jsonb NOT NULL,
        content text,
        PRIMARY KEY (package_id, idx)
      )`);
  await tx.query(`
      CREATE TABLE IF NOT EXISTS ${s}.evidence_custody (
        package_id text NOT NULL REFERENCES ${s}.evidence_packages (id),
        seq integer NOT NULL CHECK (seq > 0),
        action text NOT NULL,
        at text NOT NULL,
        actor jsonb NOT NULL,
        detail jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (package_id, seq)
      )`);
  await tx.query(`
      CREATE OR REPLACE FUNCTION ${s}.refuse_custody_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
  await tx.query(`
      CREATE OR REPLACE TRIGGER evidence_custody_append_only
      BEFORE UPDATE OR DELETE ON ${s}.evidence_custody
      FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_custody_change()`);
  await tx.query(`
      CREATE OR REPLACE TRIGGER evidence_custody_no_truncate
      BEFORE TRUNCATE ON ${s}.evidence_custody
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_custody_change()`);
  await tx.query(`
      CREATE OR REPLACE FUNCTION ${s}.refuse_item_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.content IS NULL
           AND (NEW.package_id, NEW.idx, NEW.name, NEW.category, NEW.record_id, NEW.sha256, NEW.size, NEW.redactions)
               IS NOT DISTINCT FROM
               (OLD.package_id, OLD.idx, OLD.name, OLD.category, OLD.record_id, OLD.sha256, OLD.size, OLD.redactions)
           AND EXISTS (SELECT 1 FROM ${s}.evidence_custody c
                        WHERE c.package_id = OLD.package_id AND c.action = 'DESTROYED') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'evidence items change only by destruction: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
  await tx.query(`
      CREATE OR REPLACE TRIGGER evidence_items_destroy_only
      BEFORE UPDATE OR DELETE ON ${s}.evidence_items
      FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_item_change()`);
  await tx.query(`
      CREATE OR REPLACE FUNCTION ${s}.refuse_package_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.destroyed_at IS NULL AND NEW.destroyed_at IS NOT NULL
           AND (NEW.id, NEW.request_id, NEW.jurisdiction, NEW.case_ref, NEW.issuing_state,
                NEW.issuing_agency, NEW.created_at, NEW.retain_until, NEW.manifest,
                NEW.manifest_sha256, NEW.signature, NEW.audit_seq)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.request_id, OLD.jurisdiction, OLD.case_ref, OLD.issuing_state,
                OLD.issuing_agency, OLD.created_at, OLD.retain_until, OLD.manifest,
                OLD.manifest_sha256, OLD.signature, OLD.audit_seq)
           AND EXISTS (SELECT 1 FROM ${s}.evidence_custody c
                        WHERE c.package_id = OLD.id AND c.action = 'DESTROYED') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'evidence packages change only by destruction: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$`);
  await tx.query(`
      CREATE OR REPLACE TRIGGER evidence_packages_destroy_only
      BEFORE UPDATE OR DELETE ON ${s}.evidence_packages
      FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_package_change()`);
  // Row triggers do not see TRUNCATE; a statement trigger refuses it on every table.
  for (const table of ['evidence_packages', 'evidence_items']) {
    await tx.query(`
      CREATE OR REPLACE TRIGGER ${table}_no_truncate
      BEFORE TRUNCATE ON ${s}.${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_custody_change()`);
  }
}

/** What the application role needs on the evidence tables (see `AUDIT_APP_ROLE`). */
export const EVIDENCE_GRANTS = [
  'GRANT SELECT, INSERT, UPDATE ON {s}.evidence_packages TO {role}',
  'GRANT SELECT, INSERT, UPDATE ON {s}.evidence_items TO {role}',
  'GRANT SELECT, INSERT ON {s}.evidence_custody TO {role}',
];
