import { parseArgs } from 'node:util';
import type { JurisdictionPolicy } from '../schema/policy/JurisdictionPolicy.js';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';

// `npm run audit:purge -- --jurisdiction fr [--retention-days N]`: deletes the audit events
// older than the retention period (default: `auditRetentionDays` of subgraphs/<cc>/policy.ts)
// and records the purge in the chain, which stays verifiable. N may lengthen the policy's
// retention, not shorten it: the database holds every purge to the policy's (ensureAuditSchema).
const DAY_MS = 24 * 60 * 60 * 1000;
const { values } = parseArgs({
  options: {
    jurisdiction: { type: 'string' },
    'retention-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.jurisdiction) {
  console.log(
    'usage: npm run audit:purge -- --jurisdiction <cc> [--retention-days N]\n' +
      "  default retention: the jurisdiction's policy (auditRetentionDays); N may only lengthen it",
  );
  process.exit(values.help ? 0 : 2);
}
const code = values.jurisdiction.toLowerCase();
if (!/^[a-z]{2}$/.test(code)) {
  console.error(
    `--jurisdiction must be a two-letter code, got ${JSON.stringify(values.jurisdiction)}`,
  );
  process.exit(2);
}
const { policy } = (await import(`../subgraphs/${code}/policy.js`)) as {
  policy: JurisdictionPolicy;
};
const retentionDays =
  values['retention-days'] === undefined
    ? policy.auditRetentionDays
    : Number(values['retention-days']);
if (!Number.isInteger(retentionDays) || retentionDays < 0) {
  console.error(
    `retention must be a whole number of days, got ${JSON.stringify(values['retention-days'])}`,
  );
  process.exit(2);
}
if (retentionDays < policy.auditRetentionDays) {
  console.error(
    `the ${code.toUpperCase()} policy keeps audit events ${policy.auditRetentionDays} days; ` +
      `--retention-days may lengthen that, not shorten it`,
  );
  process.exit(2);
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
