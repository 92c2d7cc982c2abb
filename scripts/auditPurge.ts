import { loadMemberPolicy } from '../subgraphs/membership.js';
import { memberCodes } from '../core/federationConfig.js';
import {
  AuditCommandExit,
  openAuditLogForCommand,
  runAuditCommand,
} from '../subgraphs/kit/audit/auditCommand.js';
import { destroyExpiredEvidence } from '../subgraphs/kit/evidence/destroyExpiredEvidence.js';
import {
  UsageError,
  choiceOption,
  commandLine,
  exitWithUsage,
  integerOption,
  parseOptions,
} from './commandLine.js';

// `npm run audit:purge -- --jurisdiction fr [--retention-days N]`: deletes the audit events
// older than the retention period (default: `auditRetentionDays` of subgraphs/<cc>/policy.ts)
// and records the purge in the chain, which stays verifiable. N may lengthen the policy's
// retention, not shorten it: the database holds every purge to the policy's (ensureAuditSchema).
// First it destroys the content of the evidence packages past their own retention
// (docs/evidence.md), so each destruction is on the chain before the purge.
// Exit 0 done, 1 failed (one line), 2 usage, 4 a running member holds the embedded store.
const COMMAND = 'audit:purge';
const DAY_MS = 24 * 60 * 60 * 1000;
const USAGE =
  'usage: npm run audit:purge -- --jurisdiction <cc> [--retention-days N]\n' +
  "  default retention: the jurisdiction's policy (auditRetentionDays); N may only lengthen it\n" +
  '  evidence packages past their own retention lose their content (hashes and custody stay)\n' +
  '  exit: 0 done, 1 failed, 2 usage, 4 the embedded store is in use (stop the member first)';
const { code, retentionDaysOption } = commandLine<{
  code: string;
  retentionDaysOption: number | null;
}>(COMMAND, USAGE, () => {
  const values = parseOptions(
    { jurisdiction: { type: 'string' }, 'retention-days': { type: 'string' } },
    process.argv.slice(2),
  );
  if (values.help) return { help: true, code: '', retentionDaysOption: null };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required');
  return {
    code: choiceOption('jurisdiction', values.jurisdiction, memberCodes()),
    retentionDaysOption:
      values['retention-days'] === undefined
        ? null
        : integerOption('retention-days', values['retention-days'], 0, { min: 0 }),
  };
});

await runAuditCommand(COMMAND, async () => {
  const policy = await loadMemberPolicy(code);
  const retentionDays = retentionDaysOption ?? policy.auditRetentionDays;
  if (retentionDays < policy.auditRetentionDays) {
    exitWithUsage(
      COMMAND,
      USAGE,
      `the ${code.toUpperCase()} policy keeps audit events ${policy.auditRetentionDays} days; ` +
        `--retention-days may lengthen that, not shorten it`,
    );
  }
  const cutoff = Date.now() - retentionDays * DAY_MS;
  if (!Number.isFinite(cutoff) || cutoff < -8.64e15) {
    exitWithUsage(COMMAND, USAGE, `--retention-days ${retentionDays} reaches before any date`);
  }
  const before = new Date(cutoff).toISOString();
  const { log } = await openAuditLogForCommand(
    COMMAND,
    code,
    (await loadMemberPolicy(code)).auditRetentionDays,
  );
  try {
    const destroyed = await destroyExpiredEvidence(log, code, new Date());
    const event = await log.purge(before);
    const { purgedCount, purgedFromSeq, purgedToSeq } = event.detail;
    console.log(
      purgedCount === 0
        ? `nothing older than ${before} (${retentionDays} days); purge recorded as event ${event.seq}`
        : `purged events ${purgedFromSeq}..${purgedToSeq} (${purgedCount}) older than ${before} ` +
            `(${retentionDays} days); purge recorded as event ${event.seq}`,
    );
    if (destroyed.length > 0) {
      console.log(
        `destroyed the content of ${destroyed.length} evidence package(s) past their retention ` +
          `(hashes and custody kept): ${destroyed.join(', ')}`,
      );
    }
  } finally {
    await log.close();
  }
  return AuditCommandExit.OK;
});
