import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Where progress goes. Default: process.stderr (never stdout, which carries data). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Progress for long seed runs: a live bar on a terminal, otherwise (CI, pipes, logs) one
 * line per 10% so logs stay short.
 */
export function createProgress(
  label: string,
  total: number,
  options: ProgressOptions = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  let done = 0;

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% ({value}/{total})`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      tick(n = 1) {
        done += n;
        bar.update(Math.min(done, total));
      },
      stop() {
        bar.stop();
      },
    };
  }

  let lastDecile = 0;
  let lastWritten = 0;
  const write = (): void => {
    lastWritten = done;
    const percent = total > 0 ? Math.floor((Math.min(done, total) / total) * 100) : 100;
    stream.write(`${label}: ${percent}% (${done}/${total})\n`);
  };
  return {
    tick(n = 1) {
      done += n;
      const decile = total > 0 ? Math.floor((Math.min(done, total) / total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        write();
      }
    },
    stop() {
      // Say where it ended if that was not the last line written (an interrupted run).
      if (done !== lastWritten) write();
    },
  };
}
