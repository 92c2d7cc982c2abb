import { parentPort, workerData } from 'node:worker_threads';
import type { ExportFileName } from '../registry/importRegistryExport.js';
import { writeExportFile } from './writeExportFile.js';

/** What writeExportFiles hands each worker thread. */
export interface WriteExportFileTask {
  exportDir: string;
  fileName: ExportFileName;
  scale: number;
}

/** Messages back: progress counts, then the path written. */
export type WriteExportFileMessage =
  { kind: 'progress'; written: number } | { kind: 'done'; file: string };

const task = workerData as WriteExportFileTask;
const post = (message: WriteExportFileMessage) => parentPort!.postMessage(message);
const file = await writeExportFile(task.exportDir, task.fileName, task.scale, (written) =>
  post({ kind: 'progress', written }),
);
post({ kind: 'done', file });
