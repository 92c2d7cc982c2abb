import { readFile } from 'node:fs/promises';
import type { MemberImporter } from '../../kit/MemberDefinition.js';
import { readSdnXml, SdnFileError } from './readSdnXml.js';
import { writeEntries } from './store.js';

/**
 * `npm run import -- --member us --file sdn.xml`: replaces the watchlist with the entries of
 * an SDN XML file. The file is refused whole when it is not an SDN list, when it holds fewer
 * entries than its `Record_Count` says (a truncated download), or when no entry is usable;
 * otherwise every usable entry is loaded and every other one is reported with its reason.
 */
export const importSdn: MemberImporter = async ({ file, dataDir, databaseUrl }) => {
  const xml = await readFile(file, 'utf8');
  const sdn = readSdnXml(xml, { fallbackDate: new Date().toISOString().slice(0, 10) });
  const listed = sdn.entries.length + sdn.notes.filter((note) => note.outcome === 'SKIPPED').length;
  if (sdn.recordCount !== null && sdn.recordCount !== listed) {
    throw new SdnFileError(
      `the file says it holds ${sdn.recordCount} entries but holds ${listed}: incomplete, nothing imported`,
    );
  }
  if (sdn.entries.length === 0) throw new SdnFileError('no entry of the file can be imported');
  const report = await writeEntries({ dataDir, databaseUrl }, sdn.entries);
  return { reports: [report], imported: sdn.entries.length, notes: sdn.notes };
};
