import { loadJurisdictionPolicy } from '../core/policy/loadJurisdictionPolicy.js';
import { memberCodes } from '../core/federationConfig.js';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';
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
const DAY_MS = 24 * 60 * 60 * 1000;
const USAGE =
  'usage: npm run audit:purge -- --jurisdiction <cc> [--retention-days N]\n' +
  "  default retention: the jurisdiction's policy (auditRetentionDays); N may only lengthen it";
const { code, retentionDaysOption } = commandLine<{
  code: string;
  retentionDaysOption: number | null;
}>('audit:purge', USAGE, () => {
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
const policy = await loadJurisdictionPolicy(code);
const retentionDays = retentionDaysOption ?? policy.auditRetentionDays;
if (retentionDays < policy.auditRetentionDays) {
  exitWithUsage(
    'audit:purge',
    USAGE,
    `the ${code.toUpperCase()} policy keeps audit events ${policy.auditRetentionDays} days; ` +
      `--retention-days may lengthen that, not shorten it`,
  );
}
const before = new Date(Date.now() - retentionDays * DAY_MS).toISOString();
const log = await openJurisdictionAuditLog(code, { checkpointIntervalMs: 0 });
try {
  const event = await log.purge(before);
  const { purgedCount, purgedFromSeq, purgedToSeq } = event.detail;
  console.log(
    purgedCount === 0
      ? `nothing older than ${before} (${retentionDays} days); purge recorded as event ${event.seq}`
      : `purged events ${purgedFromSeq}..${purgedToSeq} (${purgedCount}) older than ${before} ` +
          `(${retentionDays} days); purge recorded as event ${event.seq}`,
  );
} finally {
  await log.close();
}
