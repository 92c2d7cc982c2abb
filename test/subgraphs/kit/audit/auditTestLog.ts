import { randomBytes } from 'node:crypto';
import type { AuditEventInput } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import { dropAuditSchema } from '../../../../subgraphs/kit/audit/ensureAuditSchema.js';
import { generateAuditSigningKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import type { AuditSigningKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import { openSqlClient } from '../../../../core/sql/SqlClient.js';
import type { SqlClient } from '../../../../core/sql/SqlClient.js';
import type { AuditLog, AuditLogOptions } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import { POSTGRES_URL, postgresAvailable } from '../../../support/services.js';

/** Every suite runs on embedded PGlite (in memory) and on the real PostgreSQL server. */
export const BACKENDS = [
  { backend: 'pglite', databaseUrl: null, available: true },
  { backend: 'postgresql', databaseUrl: POSTGRES_URL, available: await postgresAvailable() },
] as const;

/**
 * One in-memory PGlite per test file (it takes seconds to start), every log in a schema of
 * its own; PostgreSQL logs open their own pool. Close it in `afterAll`.
 */
let sharedPglite: Promise<SqlClient> | null = null;
export async function closeSharedPglite(): Promise<void> {
  const client = sharedPglite;
  sharedPglite = null;
  await (await client)?.close();
}

let signingKey: Promise<AuditSigningKey> | null = null;
export const testSigningKey = () => (signingKey ??= generateAuditSigningKey('fr'));

export interface TestAuditLog extends AuditLog {
  /** Drops the run's schema and closes the log. */
  dispose(): Promise<void>;
  /** Runs raw SQL with the append-only triggers off, as a superuser tampering with the tables. */
  tamper(...statements: string[]): Promise<void>;
}

/** The tables the guard triggers of ensureAuditSchema protect. */
const GUARDED_TABLES = ['events', 'checkpoints', 'chain_head'];

/** A log in a schema of its own, so parallel runs on one server never collide. */
export async function openTestAuditLog(
  databaseUrl: string | null,
  options: Partial<AuditLogOptions> = {},
): Promise<TestAuditLog> {
  const schema = `audit_test_${randomBytes(6).toString('hex')}`;
  const client =
    databaseUrl === null
      ? await (sharedPglite ??= openSqlClient({ databaseUrl: null, pgliteDataDir: null }))
      : undefined;
  const log = await openAuditLog({
    databaseUrl,
    pgliteDataDir: null,
    client,
    schema,
    jurisdiction: 'fr',
    signingKey: await testSigningKey(),
    checkpointIntervalMs: 0,
    ...options,
  });
  return Object.assign(log, {
    async dispose() {
      try {
        await dropAuditSchema(log.client, schema);
      } finally {
        await log.close();
      }
    },
    async tamper(...statements: string[]) {
      await log.client.transaction(async (tx) => {
        for (const table of GUARDED_TABLES) {
          await tx.query(`ALTER TABLE ${schema}.${table} DISABLE TRIGGER USER`);
        }
        for (const sql of statements) await tx.query(sql.replaceAll('$schema', schema));
        for (const table of GUARDED_TABLES) {
          await tx.query(`ALTER TABLE ${schema}.${table} ENABLE TRIGGER USER`);
        }
      });
    },
  });
}

/** The n-th synthetic ACCESS event: field names and pseudonyms only, as the subgraphs record them. */
export function accessEvent(n: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    kind: 'ACCESS',
    occurredAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
    jurisdiction: 'FR',
    actor: `officer-${n % 3}`,
    roles: n % 2 ? ['INVESTIGATOR'] : ['PROSECUTOR', 'CENTRAL_AUTHORITY'],
    agency: 'OCRGDF',
    homeCountry: 'FR',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef: `FR-2025-${n % 4}`,
    requestId: `req-${n}`,
    operationHash: `op-${n % 5}`,
    entities: [`ps_${n.toString(16).padStart(8, '0')}`],
    released: ['FreezingOrder.walletId', 'FreezingOrder.status'],
    minimised: [{ field: 'FreezingOrder.holderName', strategy: 'INITIALS' }],
    denied: n % 3 === 0 ? [{ field: 'FreezingOrder.holderBirthDate', reason: 'ROLE' }] : [],
    decision: n % 3 === 0 ? 'DENIED' : 'MINIMISED',
    emergency: false,
    detail: { fieldsReleased: 2 },
    ...overrides,
  };
}

/** Appends events 1..count one after the other. */
export async function appendSequentially(log: AuditLog, count: number, from = 1): Promise<void> {
  for (let n = from; n < from + count; n++) await log.append(accessEvent(n));
}
