import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, memberCodes } from '../core/federationConfig.js';
import { ImportRejectedError } from '../subgraphs/kit/registry/ImportRejectedError.js';
import { loadMember } from '../subgraphs/membership.js';
import { UsageError, commandLine, parseOptions } from './commandLine.js';

// `npm run import -- --member us --file sdn.xml [--data-dir DIR]`: hands a file of a member's
// published format to that member's importer (its MemberDefinition `importer`), then prints
// what was loaded and, one line per record, what was left out or loaded in part, and why.
const USAGE =
  'usage: npm run import -- --member CC --file FILE [--data-dir DIR]\n' +
  `  --member    the member whose importer reads the file (${memberCodes().join(', ')})\n` +
  '  --file      the file, in the format that member publishes\n' +
  "  --data-dir  the member's data folder (default <COMITY_DATA_ROOT or .data>/<cc>)\n" +
  '  DATABASE_URL set → SQL registries are written there instead of PGlite';
const options = commandLine('import', USAGE, () => {
  const values = parseOptions(
    { member: { type: 'string' }, file: { type: 'string' }, 'data-dir': { type: 'string' } },
    process.argv.slice(2),
  );
  if (values.help) return { help: true, member: '', file: '', dataDir: '' };
  if (!values.member) throw new UsageError('--member is required');
  if (!values.file) throw new UsageError('--file is required');
  const member = values.member.trim().toLowerCase();
  if (!memberCodes().includes(member)) {
    throw new UsageError(
      `no member ${JSON.stringify(values.member)}; members: ${memberCodes().join(', ')}`,
    );
  }
  const file = path.resolve(values.file);
  if (!existsSync(file)) throw new UsageError(`--file ${values.file}: no such file`);
  const dataRoot = process.env.COMITY_DATA_ROOT ?? path.join(REPO_ROOT, '.data');
  return { member, file, dataDir: path.resolve(values['data-dir'] ?? path.join(dataRoot, member)) };
});

const member = await loadMember(options.member);
if (!member.importer) {
  console.error(`import: member ${member.code} has no importer (its index.ts defines none)`);
  process.exit(2);
}
try {
  const result = await member.importer({
    file: options.file,
    dataDir: options.dataDir,
    databaseUrl: process.env.DATABASE_URL || null,
  });
  const skipped = result.notes.filter((note) => note.outcome === 'SKIPPED');
  const partial = result.notes.filter((note) => note.outcome === 'PARTIAL');
  for (const note of result.notes) {
    const outcome = note.outcome === 'SKIPPED' ? 'skipped' : 'imported, left out';
    console.log(`${note.record}: ${outcome}: ${note.reasons.join('; ')}`);
  }
  for (const report of result.reports) {
    console.log(`${report.registry} ← ${report.source}: ${JSON.stringify(report.counts)}`);
  }
  console.log(
    `import: ${member.code}: ${result.imported} imported (${partial.length} without some values), ${skipped.length} skipped`,
  );
} catch (error) {
  // The importer refused the file: nothing was loaded and the previous data is still served.
  const message = error instanceof ImportRejectedError ? error.message : (error as Error).message;
  console.error(`import: ${member.code}: refused, nothing imported: ${message}`);
  process.exit(1);
}
