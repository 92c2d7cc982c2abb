import type { AuditEventInput } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import type { AuditLog } from '../../../../subgraphs/kit/audit/AuditLog.js';
import { buildEvidencePackage } from '../../../../subgraphs/kit/evidence/buildEvidencePackage.js';
import type { EvidencePackage } from '../../../../subgraphs/kit/evidence/EvidencePackage.js';
import { storedRequest, transitionTo } from '../requests/storedRequest.js';

/** The acting request's event at `occurredAt` (kind and detail are the log's to set). */
export function eventAt(occurredAt: string): Omit<AuditEventInput, 'kind' | 'detail'> {
  return {
    occurredAt,
    jurisdiction: 'FR',
    actor: 'officer-fr-1',
    roles: ['CENTRAL_AUTHORITY'],
    agency: 'PNF',
    homeCountry: 'FR',
    purpose: 'FREEZE_EXECUTION',
    caseRef: 'DE-2025-1',
    requestId: `req-${occurredAt}`,
    operationHash: '',
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE',
    emergency: false,
  };
}

/**
 * A freezing request from Germany that France (the log's member) executed at `executedAt`,
 * filed and executed on the log, and its evidence package built, signed and stored as the
 * member does at EXECUTE: one item, the order. Events are dated `executedAt`.
 */
export async function storedEvidencePackage(
  log: AuditLog,
  id: string,
  executedAt: string,
  retentionDays = 30,
): Promise<EvidencePackage> {
  const filed = storedRequest(id, { receivedAt: executedAt, updatedAt: executedAt });
  await log.fileRequest(filed, transitionTo(filed, 'FILE', null), eventAt(executedAt));
  const executed = { ...filed, state: 'EXECUTED' as const, version: 2, executedAt };
  await log.transitionRequest(
    executed,
    1,
    transitionTo(executed, 'EXECUTE', 'SUBMITTED'),
    eventAt(executedAt),
  );
  const draft = await buildEvidencePackage({
    request: executed,
    release: {
      records: [
        {
          category: 'freezingOrder',
          recordId: `rfo-${id}`,
          record: { id: `rfo-${id}`, crossBorderRequestId: id, asset: 'BTC', amount: '1.5' },
          redactions: [{ field: 'FreezingOrder.holderName', strategy: 'INITIALS' }],
        },
      ],
      withheldCategories: [],
      purpose: 'FREEZE_EXECUTION',
    },
    executor: {
      subject: 'officer-fr-1',
      roles: [],
      role: 'CENTRAL_AUTHORITY',
      agency: 'PNF',
      country: 'FR',
    },
    instrument: 'Regulation (EU) 2018/1805',
    defaultRetentionDays: retentionDays,
    now: executedAt,
    sign: (payload, typ) => log.evidence.sign(payload, typ),
  });
  return log.evidence.store(draft, eventAt(executedAt), {
    subject: executed.issuedBy,
    role: executed.issuingRole,
    agency: executed.issuingAgency,
    country: executed.issuingState,
  });
}
