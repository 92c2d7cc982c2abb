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
import { verifyAuditLog } from '../subgraphs/kit/audit/verifyAuditLog.js';
import { MemberKeysError } from '../subgraphs/kit/keys/MemberKeys.js';
import type { MemberKeysDocument } from '../subgraphs/kit/keys/MemberKeys.js';
import { UsageError, choiceOption, commandLine, parseOptions } from './commandLine.js';
import { KeysFetchError, fetchMemberKeys } from './keys/fetchMemberKeys.js';

// `npm run audit:verify -- --jurisdiction fr`: recomputes the jurisdiction's hash chain and
// every signed checkpoint, after saying which store it read and whether it is live.
// Exit 0 "ok" when intact; 1 naming the first bad sequence number (or why it could not
// read the log); 3 "warning" when intact but more than UNCHECKPOINTED_EVENTS_LIMIT events are
// under no signed checkpoint; 4 when a running member holds the embedded store (nothing read).
// With `--keys-from <gateway url>` the checkpoints are verified with the key the member
// publishes through the directory (docs/keys.md) instead of the one on this disk.
const COMMAND = 'audit:verify';
const USAGE =
  'usage: npm run audit:verify -- --jurisdiction <cc> [--keys-from <gateway url>]\n' +
  '  --keys-from: check the checkpoints with the key the member publishes, fetched there\n' +
  '  AUDIT_DATABASE_URL set → the log in that PostgreSQL (schema audit_<cc>);\n' +
  '  else PGlite in <COMITY_DATA_ROOT or .data>/<cc>/audit-pglite, which only one process\n' +
  '  may open: stop the member first (or run it on PostgreSQL to audit it live)\n' +
  '  exit: 0 ok, 1 broken or unreadable, 2 usage, 3 warning (no recent checkpoint), 4 store in use';
const { jurisdiction, keysFrom } = commandLine(COMMAND, USAGE, () => {
  const values = parseOptions(
    { jurisdiction: { type: 'string' }, 'keys-from': { type: 'string' } },
    process.argv.slice(2),
  );
  if (values.help) return { help: true, jurisdiction: '', keysFrom: undefined };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required');
  return {
    jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()),
    keysFrom: values['keys-from'],
  };
});

// Fetched before the store is opened: an embedded store is then held for the check only.
let published: MemberKeysDocument | null = null;
if (keysFrom !== undefined) {
  try {
    published = await fetchMemberKeys(keysFrom, jurisdiction);
  } catch (error) {
    if (!(error instanceof KeysFetchError) && !(error instanceof MemberKeysError)) throw error;
    console.error(
      `${jurisdiction.toUpperCase()} audit log not verified: ${error.reason}: ${error.message}`,
    );
    process.exit(AuditCommandExit.FAILED);
  }
}

await runAuditCommand(COMMAND, async () => {
  const { log, location } = await openAuditLogForCommand(
    COMMAND,
    jurisdiction,
    (await loadMemberPolicy(jurisdiction)).auditRetentionDays,
  );
  try {
    console.log(describeStore(location));
    if (published) {
      const key = published.auditCheckpoint;
      if (key.kid !== log.publicJwk.kid || key.jwk.x !== log.publicJwk.x) {
        console.error(
          `${log.jurisdiction} audit log not verified: KEY_NOT_PUBLISHED: its checkpoints are signed with key ${String(log.publicJwk.kid)}, but ${log.jurisdiction} publishes ${key.kid}`,
        );
        return AuditCommandExit.FAILED;
      }
      console.log(`checkpoint key ${key.kid}, as ${log.jurisdiction} publishes it at ${keysFrom}`);
    }
    // With fetched keys every checkpoint is checked against the published key itself.
    const result = published
      ? await verifyAuditLog(
          {
            client: log.client,
            schema: log.schema,
            jurisdiction: log.jurisdiction,
            commitsSynchronously: true,
            close: async () => {},
          },
          published.auditCheckpoint.jwk,
        )
      : await log.verify();
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
