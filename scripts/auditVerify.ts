import { loadMemberPolicy } from '../subgraphs/membership.js';
import { memberCodes } from '../core/federationConfig.js';
import {
  AuditCommandExit,
  UNCHECKPOINTED_EVENTS_LIMIT,
  describeStore,
  openAuditLogForCommand,
  runAuditCommand,
  uncheckpointedEvents,
} from '../subgraphs/kit/audit/auditCommand.js';
import { DEFAULT_CHECKPOINT_EVERY } from '../subgraphs/kit/audit/openAuditLog.js';
import { UsageError, choiceOption, commandLine, parseOptions } from './commandLine.js';

// `npm run audit:verify -- --jurisdiction fr`: recomputes the jurisdiction's hash chain and
// every signed checkpoint, after saying which store it read and whether it is live.
// Exit 0 "ok" when intact; 1 naming the first bad sequence number (or why it could not
// read the log); 3 "warning" when intact but more than UNCHECKPOINTED_EVENTS_LIMIT events are
// under no signed checkpoint; 4 when a running member holds the embedded store (nothing read).
const COMMAND = 'audit:verify';
const USAGE =
  'usage: npm run audit:verify -- --jurisdiction <cc>\n' +
  '  AUDIT_DATABASE_URL set → the log in that PostgreSQL (schema audit_<cc>);\n' +
  '  else PGlite in <COMITY_DATA_ROOT or .data>/<cc>/audit-pglite, which only one process\n' +
  '  may open: stop the member first (or run it on PostgreSQL to audit it live)\n' +
  '  exit: 0 ok, 1 broken or unreadable, 2 usage, 3 warning (no recent checkpoint), 4 store in use';
const { jurisdiction } = commandLine(COMMAND, USAGE, () => {
  const values = parseOptions({ jurisdiction: { type: 'string' } }, process.argv.slice(2));
  if (values.help) return { help: true, jurisdiction: '' };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required');
  return { jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()) };
});

await runAuditCommand(COMMAND, async () => {
  const { log, location } = await openAuditLogForCommand(
    COMMAND,
    jurisdiction,
    (await loadMemberPolicy(jurisdiction)).auditRetentionDays,
  );
  try {
    console.log(describeStore(location));
    const result = await log.verify();
    if (!result.ok) {
      console.error(
        `${log.jurisdiction} audit log broken at seq ${result.firstBadSeq}: ${result.problem} — ${result.message}`,
      );
      return AuditCommandExit.FAILED;
    }
    const summary = `${result.events} events, ${result.checkpoints} checkpoints`;
    const uncovered = await uncheckpointedEvents(log, result.events);
    if (uncovered.count > UNCHECKPOINTED_EVENTS_LIMIT) {
      console.log(
        `warning: ${summary}: the chain is intact, but ` +
          (uncovered.lastCoveredSeq === 0
            ? `no signed checkpoint covers any of its ${uncovered.count} events`
            : `no signed checkpoint covers its last ${uncovered.count} events (after seq ${uncovered.lastCoveredSeq})`) +
          `; nothing partners hold can show they were not rewritten (members sign one every ` +
          `${DEFAULT_CHECKPOINT_EVERY} events and every minute: check the member's signing key and its logs)`,
      );
      return AuditCommandExit.WARNING;
    }
    console.log(`ok: ${summary}`);
    return AuditCommandExit.OK;
  } finally {
    await log.close();
  }
});
