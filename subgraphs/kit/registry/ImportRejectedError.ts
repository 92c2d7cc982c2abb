/** One reason an importer refused a record: where it is and what is wrong with it. */
export interface ImportProblem {
  file: string;
  /** 1-based line (JSON-lines files); null for whole-document formats. */
  line: number | null;
  recordId: string | null;
  reason: string;
}

/** How many problems an error keeps; the count of all of them is kept separately. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * Thrown by an importer that found bad records. Imports are all or nothing: when this is
 * thrown, nothing of the batch was loaded and the previous data is still served.
 */
export class ImportRejectedError extends Error {
  readonly problems: readonly ImportProblem[];
  readonly problemCount: number;

  constructor(problems: readonly ImportProblem[]) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    super(
      `import rejected: ${problems.length} bad record(s), nothing loaded\n` +
        shown.map(describeProblem).join('\n'),
    );
    this.name = 'ImportRejectedError';
    this.problems = shown;
    this.problemCount = problems.length;
  }
}

export function describeProblem(problem: ImportProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const record = problem.recordId === null ? '' : ` (record ${problem.recordId})`;
  return `  ${where}${record}: ${problem.reason}`;
}

/** What a successful import loaded. */
export interface ImportReport {
  registry: string;
  source: string;
  /** Records loaded, by record type (`FreezingOrder`, `Sanction`, `Person`, ...). */
  counts: Record<string, number>;
}
