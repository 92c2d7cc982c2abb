import { loadMemberPolicy } from '../subgraphs/membership.js';
import { hostname } from 'node:os';
import { memberCodes } from '../core/federationConfig.js';
import {
  AuditCommandError,
  AuditCommandExit,
  openAuditLogForCommand,
  runAuditCommand,
} from '../subgraphs/kit/audit/auditCommand.js';
import { custodyNoteProblem } from '../subgraphs/kit/evidence/custodyNoteProblem.js';
import { HOLDER_CUSTODY_ACTIONS } from '../subgraphs/kit/evidence/EvidencePackage.js';
import type { HolderCustodyAction } from '../subgraphs/kit/evidence/EvidencePackage.js';
import { UsageError, choiceOption, commandLine, parseOptions } from './commandLine.js';

// `npm run evidence:custody -- --jurisdiction de --request req-de-7 --action SEALED --note "…"`
// records the executing member's own handling of an evidence package (docs/evidence.md) on its
// custody chain, with its EVIDENCE_CUSTODY audit event. It writes the member's store, so an
// embedded store must not be held by a running member (exit 4), like every audit command.
// Exit 0 recorded, 1 failed (no such package, its content destroyed…), 2 usage, 4 store in use.
const COMMAND = 'evidence:custody';
const USAGE =
  'usage: npm run evidence:custody -- --jurisdiction <cc> --request <id> --action SEALED|COPIED\n' +
  '         --note <how it was handled, never record values> [--by <custodian>]\n' +
  '  exit: 0 recorded, 1 failed, 2 usage, 4 the embedded store is in use (stop the member first)';
const values = commandLine(COMMAND, USAGE, () => {
  const values = parseOptions(
    {
      jurisdiction: { type: 'string' },
      request: { type: 'string' },
      action: { type: 'string' },
      note: { type: 'string' },
      by: { type: 'string' },
    },
    process.argv.slice(2),
  );
  const empty = { jurisdiction: '', request: '', action: 'SEALED' as const, note: '', by: '' };
  if (values.help) return { ...empty, help: true };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required');
  if (!values.request) throw new UsageError('--request is required');
  if (!values.action) throw new UsageError('--action is required');
  if (values.note === undefined) throw new UsageError('--note is required');
  const action = choiceOption(
    'action',
    values.action,
    HOLDER_CUSTODY_ACTIONS.map((a) => a.toLowerCase()),
  ).toUpperCase() as HolderCustodyAction;
  const noteProblem = custodyNoteProblem(values.note);
  if (noteProblem) throw new UsageError(`--note ${noteProblem}`);
  const by = values.by ?? `${COMMAND}@${hostname()}`;
  const byProblem = custodyNoteProblem(by, 200);
  if (byProblem) throw new UsageError(`--by ${byProblem}`);
  return {
    jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()),
    request: values.request,
    action,
    note: values.note,
    by,
  };
});

await runAuditCommand(COMMAND, async () => {
  const { log } = await openAuditLogForCommand(
    COMMAND,
    values.jurisdiction,
    (await loadMemberPolicy(values.jurisdiction)).auditRetentionDays,
  );
  try {
    const cc = log.jurisdiction;
    const pkg = await log.evidence.byRequest(values.request);
    if (!pkg) {
      throw new AuditCommandError(`${cc} holds no evidence package of request ${values.request}`);
    }
    if (pkg.destroyedAt !== null) {
      throw new AuditCommandError(
        `${pkg.id}'s content was destroyed ${pkg.destroyedAt}: there is nothing left to ${values.action === 'COPIED' ? 'copy' : 'seal'}`,
      );
    }
    const at = new Date().toISOString();
    const agency = `${cc} evidence custodian`;
    const { entry, event } = await log.evidence.recordCustody(
      pkg.id,
      {
        action: values.action,
        at,
        actor: { subject: values.by, role: 'CUSTODIAN', agency, country: cc },
        detail: { side: 'EXECUTING', note: values.note },
      },
      {
        occurredAt: at,
        jurisdiction: cc,
        actor: values.by,
        roles: [],
        agency,
        homeCountry: cc,
        purpose: null,
        caseRef: pkg.caseRef,
        requestId: `${COMMAND}-${pkg.id}-${Date.now()}`,
        operationHash: '',
        entities: [],
        released: [],
        minimised: [],
        denied: [],
        decision: 'NONE',
        emergency: false,
      },
    );
    console.log(
      `recorded ${entry.action} as custody entry ${entry.seq} of ${pkg.id} (audit event ${event.seq})`,
    );
    return AuditCommandExit.OK;
  } finally {
    await log.close();
  }
});
