import { parseArgs } from 'node:util';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';

// `npm run audit:verify -- --jurisdiction fr`: recomputes the jurisdiction's hash chain and
// every signed checkpoint. Exit 0 when intact, 1 naming the first bad sequence number.
const { values } = parseArgs({
  options: { jurisdiction: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || !values.jurisdiction) {
  console.log(
    'usage: npm run audit:verify -- --jurisdiction <cc>\n' +
      '  AUDIT_DATABASE_URL set → the log in that PostgreSQL (schema audit_<cc>);\n' +
      '  else PGlite in <COMITY_DATA_ROOT or .data>/<cc>/audit-pglite',
  );
  process.exit(values.help ? 0 : 2);
}
const log = await openJurisdictionAuditLog(values.jurisdiction, { checkpointIntervalMs: 0 });
try {
  const result = await log.verify();
  if (result.ok) {
    console.log(`ok: ${result.events} events, ${result.checkpoints} checkpoints`);
  } else {
    console.error(
      `${log.jurisdiction} audit log broken at seq ${result.firstBadSeq}: ${result.problem} — ${result.message}`,
    );
    process.exitCode = 1;
  }
} finally {
  await log.close();
}
