import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createProgress } from '../../kit/seed/createProgress.js';
import type { ExportFileName } from '../registry/importRegistryExport.js';
import { GENERATORS, writeExportFile } from './writeExportFile.js';
import type { WriteExportFileMessage, WriteExportFileTask } from './writeExportFileWorker.js';

export { FR_SEED } from './writeExportFile.js';

/**
 * Below this many records per file the files are written on the calling thread by
 * default: starting workers would cost more than it saves.
 */
export const PARALLEL_WRITE_MIN_SCALE = 10_000;

export interface WriteExportFilesOptions {
  /** Show progress on stderr. Default false. */
  progress?: boolean;
  /**
   * Threads writing files at once; 1 writes on the calling thread. Default: one per core
   * (at most one per file) from PARALLEL_WRITE_MIN_SCALE records per file, else 1.
   */
  threads?: number;
}

/** Export files being written: one promise per file, in the importer's order. */
export interface ExportFilesInProgress {
  files: Promise<string>[];
  /** Stops the writers still running; their files' promises reject. */
  cancel(): Promise<void>;
}

/**
 * Starts writing the four French export files (`scale` records each) into `exportDir`.
 * Each file's promise settles as soon as that file is complete, so a caller can load one
 * file while the others are still being written. Large seeds write on worker threads, one
 * per core: generation is CPU-bound, and the files are independent.
 */
export function startExportFiles(
  exportDir: string,
  scale: number,
  options: WriteExportFilesOptions & { onProgress?: (written: number) => void } = {},
): ExportFilesInProgress {
  const fileNames = Object.keys(GENERATORS) as ExportFileName[];
  const threads = Math.min(
    options.threads ?? (scale >= PARALLEL_WRITE_MIN_SCALE ? availableParallelism() : 1),
    fileNames.length,
  );
  const ready = mkdir(exportDir, { recursive: true });
  const workers = new Set<Worker>();
  let cancelled = false;
  const write = async (fileName: ExportFileName): Promise<string> => {
    if (cancelled) throw new Error('fr export writing was cancelled');
    if (threads <= 1) return writeExportFile(exportDir, fileName, scale, options.onProgress);
    return writeOnWorker({ exportDir, fileName, scale }, workers, options.onProgress);
  };
  // Each file waits for the one `threads` places before it: `threads` files at a time.
  const files: Promise<string>[] = [];
  fileNames.forEach((fileName, i) => {
    const before = i >= threads ? files[i - threads]! : ready;
    files.push(
      before.then(
        () => write(fileName),
        () => write(fileName),
      ),
    );
  });
  // Failures are seen by whoever awaits the file; a file not awaited must not crash the process.
  for (const file of files) file.catch(() => undefined);
  return {
    files,
    async cancel() {
      cancelled = true;
      await Promise.all([...workers].map((worker) => worker.terminate()));
    },
  };
}

/** Writes the four French export files and returns their paths, in the importer's order. */
export async function writeExportFiles(
  exportDir: string,
  scale: number,
  options: WriteExportFilesOptions = {},
): Promise<string[]> {
  const progress = options.progress
    ? createProgress('fr: write export files', scale * Object.keys(GENERATORS).length)
    : null;
  const writing = startExportFiles(exportDir, scale, {
    threads: options.threads,
    onProgress: (written) => progress?.tick(written),
  });
  try {
    return await Promise.all(writing.files);
  } catch (error) {
    await writing.cancel();
    throw error;
  } finally {
    progress?.stop();
  }
}

function writeOnWorker(
  task: WriteExportFileTask,
  workers: Set<Worker>,
  onProgress?: (written: number) => void,
): Promise<string> {
  // The worker is a sibling module with this module's extension: .js once built, .ts when
  // run from source, where the worker first registers tsx (a loader registered by the tsx
  // CLI does not reach worker threads, nor does `--import tsx` before the entry resolves).
  const extension = path.extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./writeExportFileWorker${extension}`, import.meta.url);
  const worker =
    extension === '.ts'
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
            `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true, workerData: task },
        )
      : new Worker(entry, { workerData: task });
  workers.add(worker);
  return new Promise((resolve, reject) => {
    let file: string | null = null;
    worker.on('message', (message: WriteExportFileMessage) => {
      if (message.kind === 'progress') onProgress?.(message.written);
      else file = message.file;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      workers.delete(worker);
      if (file !== null) resolve(file);
      else reject(new Error(`fr export writer for ${task.fileName} exited with code ${code}`));
    });
  });
}
