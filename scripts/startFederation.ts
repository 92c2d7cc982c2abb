import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {
  REPO_ROOT,
  federationConfig,
  subgraphEntry,
  subgraphUrlVariable,
} from '../core/federationConfig.js';
import { DEFAULT_GATEWAY_PORT } from '../gateway/gatewayConfig.js';

export interface StartFederationOptions {
  /** Folder holding one data folder per jurisdiction. */
  dataRoot: string;
  /** Added to every default port (gateway 4000, subgraphs 4100+), so tests can run beside `npm start`. */
  portOffset?: number;
  /** Extra environment for every process. */
  env?: Record<string, string | undefined>;
  /** Extra environment for the directory and the jurisdictions only (after `env`). */
  subgraphEnv?: Record<string, string | undefined>;
  /** Receives every line the processes print, prefixed by their name. Default: stdout. */
  onLine?: (name: string, line: string) => void;
  /** Restart a subgraph that crashed, up to this many times. Default 5. */
  maxRestarts?: number;
  /** How long to wait for every process to answer /health. Default 120 s. */
  readyTimeoutMs?: number;
  /**
   * Aborting it stops every process, also while they are still starting (a caller
   * interrupted during a long start would otherwise leave them running).
   */
  signal?: AbortSignal;
}

export interface FederationProcess {
  name: string;
  /** The script and its arguments, run with `node --import tsx`. */
  entry: string[];
  port: number;
  child: ChildProcess | null;
  restarts: number;
}

export interface RunningFederation {
  gatewayUrl: string;
  /** Base URL (`http://127.0.0.1:port`) of each process by name. */
  baseUrls: Record<string, string>;
  processes: Record<string, FederationProcess>;
  /**
   * Jurisdictions that never answered /health during start-up (crashed through every restart,
   * or too slow): the federation runs without them, and the gateway answers
   * SUBGRAPH_UNAVAILABLE for their part of a query.
   */
  notStarted: string[];
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const DIRECTORY = 'directory';

/**
 * Node flags of every Comity process (docker-compose sets the same through NODE_OPTIONS).
 * A request's garbage is short-lived: 64 MiB semi-spaces (V8's default is 16) let it die in
 * the young generation instead of being promoted and collected again by full GCs.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

async function waitHealthy(
  baseUrl: string,
  deadline: number,
  exited: () => boolean,
  signal?: AbortSignal,
) {
  for (;;) {
    if (signal?.aborted) throw new Error('start interrupted');
    if (exited()) throw new Error('exited before it was ready');
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('did not answer /health in time');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Starts the directory, every jurisdiction and then the gateway as separate processes, waits
 * until each answers /health, and returns their URLs. A subgraph that crashes later is
 * reported and restarted with back-off; the others keep serving. `stop()` sends SIGTERM to
 * all (SIGKILL after 5 s).
 */
export async function startFederation(options: StartFederationOptions): Promise<RunningFederation> {
  const offset = options.portOffset ?? 0;
  const onLine =
    options.onLine ??
    ((name, line) => console.log(line.startsWith('[') ? line : `[${name}] ${line}`));
  const maxRestarts = options.maxRestarts ?? 5;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  let stopping = false;

  const subgraphs = federationConfig().subgraphs;
  const processes: Record<string, FederationProcess> = {};
  const subgraphUrlEnv: Record<string, string> = {};
  for (const subgraph of subgraphs) {
    const port = Number(new URL(subgraph.url).port) + offset;
    processes[subgraph.name] = {
      name: subgraph.name,
      entry: subgraphEntry(subgraph.name),
      port,
      child: null,
      restarts: 0,
    };
    subgraphUrlEnv[subgraphUrlVariable(subgraph.name)] = `http://${HOST}:${port}/graphql`;
  }
  processes.gateway = {
    name: 'gateway',
    entry: [path.join('gateway', 'index.ts')],
    port: DEFAULT_GATEWAY_PORT + offset,
    child: null,
    restarts: 0,
  };

  const launch = (proc: FederationProcess) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', ...proc.entry], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        // A URL the caller names (a member served elsewhere) wins over the launched one.
        ...subgraphUrlEnv,
        ...options.env,
        ...(proc.name === 'gateway' ? {} : options.subgraphEnv),
        PORT: String(proc.port),
        HOST,
        COMITY_DATA_DIR: path.join(options.dataRoot, proc.name),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => onLine(proc.name, line));
    }
    child.once('exit', (code, signal) => {
      if (proc.child === child) proc.child = null;
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (proc.restarts >= maxRestarts) {
        onLine(
          proc.name,
          `[${proc.name}] exited (${how}); not restarting after ${proc.restarts} restarts`,
        );
        return;
      }
      proc.restarts += 1;
      const delay = Math.min(30_000, 500 * 2 ** proc.restarts);
      onLine(
        proc.name,
        `[${proc.name}] exited (${how}); restarting in ${delay} ms — the other processes keep serving`,
      );
      setTimeout(() => {
        if (!stopping) launch(proc);
      }, delay).unref();
    });
  };

  const stop = async () => {
    stopping = true;
    const children = Object.values(processes).flatMap((proc) => (proc.child ? [proc.child] : []));
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  const baseUrls: Record<string, string> = {};
  const notStarted: string[] = [];
  // A process has given up only once it is down with no restart left; between restarts it is
  // down too, and still coming.
  const gaveUp = (proc: FederationProcess) => proc.child === null && proc.restarts >= maxRestarts;
  try {
    const subgraphProcs = Object.values(processes).filter((proc) => proc.name !== 'gateway');
    for (const proc of subgraphProcs) launch(proc);
    await Promise.all(
      subgraphProcs.map(async (proc) => {
        baseUrls[proc.name] = `http://${HOST}:${proc.port}`;
        try {
          await waitHealthy(baseUrls[proc.name]!, deadline, () => gaveUp(proc), options.signal);
        } catch (error) {
          // The directory is the federation's entry point; a jurisdiction is one member of it,
          // and one that cannot start (bad data, a broken store) must not keep the others down.
          if (proc.name === DIRECTORY || options.signal?.aborted) {
            throw new Error(`${proc.name} ${(error as Error).message}`);
          }
          notStarted.push(proc.name);
          onLine(
            proc.name,
            `[${proc.name}] ${(error as Error).message}; the federation starts without it`,
          );
        }
      }),
    );
    const gateway = processes.gateway!;
    launch(gateway);
    baseUrls.gateway = `http://${HOST}:${gateway.port}`;
    await waitHealthy(baseUrls.gateway, deadline, () => gaveUp(gateway), options.signal).catch(
      (error: Error) => {
        throw new Error(`gateway ${error.message}`);
      },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: `${baseUrls.gateway}/graphql`, baseUrls, processes, notStarted, stop };
}
