import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** One subgraph request a gateway sent, as the recording proxy saw it. */
export interface RecordedCall {
  subgraph: string;
  body: string;
  startedAt: number;
  endedAt: number;
}

export interface SubgraphRecorder {
  /** Proxy URL (`http://127.0.0.1:port/graphql`) by subgraph name. */
  urls: Record<string, string>;
  /** Calls recorded since the last `take()`, in the order they arrived. */
  take(): RecordedCall[];
  close(): Promise<void>;
}

/**
 * A tiny recording HTTP proxy in front of each subgraph: forwards every request unchanged
 * (headers included, so the gateway's context token passes) and records the body and when it
 * started and ended. Pointing a gateway at it once per scenario yields the query plan's
 * subgraph calls, which the direct replay then sends without any gateway.
 */
export async function recordSubgraphCalls(
  targets: Record<string, string>,
  basePort: number,
): Promise<SubgraphRecorder> {
  let calls: RecordedCall[] = [];
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  let port = basePort;
  for (const [subgraph, target] of Object.entries(targets)) {
    const server = http.createServer(async (incoming, outgoing) => {
      // Stamped on arrival, before the body is read: a sibling fetch of the same stage whose
      // body is still arriving when another answers must not look like a later stage.
      const startedAt = performance.now();
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
            headers[name] = value;
        }
        const response = await request(target, { method: 'POST', headers, body });
        const answer = await response.body.text();
        calls.push({ subgraph, body, startedAt, endedAt: performance.now() });
        outgoing.writeHead(response.statusCode, { 'content-type': 'application/json' });
        outgoing.end(answer);
      } catch (error) {
        outgoing.writeHead(502).end(String(error));
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    servers.push(server);
    urls[subgraph] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    port += 1;
  }
  return {
    urls,
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
    async close() {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/**
 * Groups recorded calls into dependent stages: a call belongs to the stage after the latest
 * stage any of whose calls had answered before it started. Calls that started before any
 * answer came back are stage 0, the calls they enabled stage 1, and so on.
 */
export function stagesOf(calls: RecordedCall[]): RecordedCall[][] {
  const stageOf = new Map<RecordedCall, number>();
  const ordered = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  for (const call of ordered) {
    let stage = 0;
    for (const [earlier, earlierStage] of stageOf) {
      if (earlier.endedAt <= call.startedAt) stage = Math.max(stage, earlierStage + 1);
    }
    stageOf.set(call, stage);
  }
  const stages: RecordedCall[][] = [];
  for (const [call, stage] of stageOf) (stages[stage] ??= []).push(call);
  return stages.filter((stage) => stage !== undefined);
}
