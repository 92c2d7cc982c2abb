import { memberCodes } from '../core/federationConfig.js';
import { openJurisdictionAuditLog } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import { UsageError, choiceOption, commandLine, parseOptions } from './commandLine.js';

// `npm run audit:verify -- --jurisdiction fr`: recomputes the jurisdiction's hash chain and
// every signed checkpoint. Exit 0 when intact, 1 naming the first bad sequence number.
const USAGE =
  'usage: npm run audit:verify -- --jurisdiction <cc>\n' +
  '  AUDIT_DATABASE_URL set → the log in that PostgreSQL (schema audit_<cc>);\n' +
  '  else PGlite in <COMITY_DATA_ROOT or .data>/<cc>/audit-pglite';
const { jurisdiction } = commandLine('audit:verify', USAGE, () => {
  const values = parseOptions({ jurisdiction: { type: 'string' } }, process.argv.slice(2));
  if (values.help) return { help: true, jurisdiction: '' };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required');
  return { jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()) };
});
const log = await openJurisdictionAuditLog(jurisdiction, { checkpointIntervalMs: 0 });
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
