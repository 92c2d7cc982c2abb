import { parseArgs } from 'node:util';
import type { JurisdictionPolicy } from '../schema/policy/JurisdictionPolicy.js';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';

// `npm run audit:purge -- --jurisdiction fr [--retention-days N]`: deletes the audit events
// older than the retention period (default: `auditRetentionDays` of subgraphs/<cc>/policy.ts)
// and records the purge in the chain, which stays verifiable.
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
      "  default retention: the jurisdiction's policy (auditRetentionDays)",
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
let retentionDays: number;
if (values['retention-days'] !== undefined) {
  retentionDays = Number(values['retention-days']);
} else {
  const { policy } = (await import(`../subgraphs/${code}/policy.js`)) as {
    policy: JurisdictionPolicy;
  };
  retentionDays = policy.auditRetentionDays;
}
if (!Number.isInteger(retentionDays) || retentionDays < 0) {
  console.error(
    `retention must be a whole number of days, got ${JSON.stringify(values['retention-days'])}`,
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
