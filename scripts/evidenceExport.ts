import { loadMemberPolicy } from '../subgraphs/membership.js';
import { hostname } from 'node:os';
import { memberCodes } from '../core/federationConfig.js';
import {
  AuditCommandError,
  AuditCommandExit,
  openAuditLogForCommand,
  runAuditCommand,
} from '../subgraphs/kit/audit/auditCommand.js';
import { evidenceAuditProof } from '../subgraphs/kit/evidence/evidenceAuditProof.js';
import { evidenceExportFiles } from '../subgraphs/kit/evidence/evidenceExportFiles.js';
import { writeEvidenceExport } from '../subgraphs/kit/evidence/writeEvidenceExport.js';
import { UsageError, choiceOption, commandLine, parseOptions } from './commandLine.js';

// `npm run evidence:export -- --jurisdiction de --request req-de-7 --out pkg.zip` writes the
// evidence package of an executed request (items, manifest, signature, custody chain, audit
// proof) to a zip or a directory, and records the export on the package's custody chain.
// Exit 0 done, 1 failed (no such package, unwritable output…), 2 usage, 4 a running member
// holds the embedded store.
const COMMAND = 'evidence:export';
const USAGE =
  'usage: npm run evidence:export -- --jurisdiction <cc> --request <id> --out <dir|file.zip>\n' +
  '  exit: 0 done, 1 failed, 2 usage, 4 the embedded store is in use (stop the member first)';
const values = commandLine(COMMAND, USAGE, () => {
  const values = parseOptions(
    { jurisdiction: { type: 'string' }, request: { type: 'string' }, out: { type: 'string' } },
    process.argv.slice(2),
  );
  if (values.help) return { ...values, jurisdiction: '', request: '', out: '' };
  if (!values.jurisdiction) throw new UsageError('--jurisdiction is required');
  if (!values.request) throw new UsageError('--request is required');
  if (!values.out) throw new UsageError('--out is required');
  return {
    ...values,
    jurisdiction: choiceOption('jurisdiction', values.jurisdiction, memberCodes()),
    request: values.request,
    out: values.out,
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
    if (!pkg)
      throw new AuditCommandError(`${cc} holds no evidence package of request ${values.request}`);
    // The proof first: an export that cannot be proved is not recorded as made.
    let proof;
    try {
      proof = await evidenceAuditProof(log, pkg, await log.evidence.custody(pkg.id));
    } catch (error) {
      throw new AuditCommandError(
        `cannot prove ${pkg.id} in ${cc}'s audit log: ${(error as Error).message}`,
      );
    }
    const at = new Date().toISOString();
    const custodian = `${COMMAND}@${hostname()}`;
    await log.evidence.recordCustody(
      pkg.id,
      {
        action: 'EXPORTED',
        at,
        actor: {
          subject: custodian,
          role: 'CUSTODIAN',
          agency: `${cc} evidence custodian`,
          country: cc,
        },
        detail: { format: values.out.toLowerCase().endsWith('.zip') ? 'zip' : 'directory' },
      },
      {
        occurredAt: at,
        jurisdiction: cc,
        actor: custodian,
        roles: [],
        agency: `${cc} evidence custodian`,
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
    const files = evidenceExportFiles(
      pkg,
      await log.evidence.custody(pkg.id),
      proof,
      log.publicJwk,
    );
    try {
      await writeEvidenceExport(files, values.out);
    } catch (error) {
      throw new AuditCommandError(
        `--out ${values.out}: cannot write (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
    console.log(
      `wrote evidence package ${pkg.id} (${pkg.items.length} item(s), ${files.size} files) to ${values.out}`,
    );
    return AuditCommandExit.OK;
  } finally {
    await log.close();
  }
});
