import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

/**
 * A command line a command cannot run. The message is for the person who typed it: it
 * names the option and says what it must be.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends OptionsConfig> = O & { help: { type: 'boolean'; short: 'h' } };
/** What `parseOptions` returns: the values `parseArgs` types from `options`, plus `help`. */
export type OptionValues<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ options: WithHelp<O>; strict: true; allowPositionals: false }>
>['values'];

/**
 * `parseArgs` in strict mode with `--help` / `-h` added. An unknown option, a missing value
 * or a stray positional throws a UsageError (node's own message, which names the option)
 * instead of node's error with its stack.
 */
export function parseOptions<const O extends OptionsConfig>(
  options: O,
  args: string[],
): OptionValues<O> {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O>,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The value of `--<name>` as a whole number in [min, max]; `fallback` when absent. Throws a
 * UsageError naming the option and the value it got.
 */
export function integerOption(
  name: string,
  value: string | undefined,
  fallback: number,
  range: { min: number; max?: number },
): number {
  if (value === undefined) return fallback;
  const number = /^[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(number) || number < range.min || number > max) {
    const bounds = range.max === undefined ? `${range.min} or more` : `${range.min}–${range.max}`;
    throw new UsageError(
      `--${name} must be a whole number, ${bounds}; got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

/** The value of `--<name>`, lower-cased, which must be one of `choices` (lower case). */
export function choiceOption(name: string, value: string, choices: readonly string[]): string {
  const choice = value.trim().toLowerCase();
  if (!choices.includes(choice)) {
    throw new UsageError(
      `--${name} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  return choice;
}

/**
 * Runs a command's option parsing: `--help` prints `usage` to stdout and exits 0; a
 * UsageError from `parse` prints `<command>: <message>` and the usage to stderr and exits 2.
 * Anything else `parse` throws is a defect and propagates.
 */
export function commandLine<T>(
  command: string,
  usage: string,
  parse: () => T & { help?: boolean },
): T {
  let parsed: T & { help?: boolean };
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return exitWithUsage(command, usage, error.message);
  }
  if (parsed.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** Prints `<command>: <message>` and the usage to stderr and exits 2 (a bad command line). */
export function exitWithUsage(command: string, usage: string, message: string): never {
  console.error(`${command}: ${message}\n${usage}`);
  process.exit(2);
}
