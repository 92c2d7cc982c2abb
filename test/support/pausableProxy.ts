import net from 'node:net';

/**
 * A TCP proxy that can stop forwarding what clients send (held, not dropped, and sent on when
 * it resumes): a Redis that keeps its connections open and does not answer.
 */
export interface PausableProxy {
  url: string;
  /** Bytes the clients have sent through the proxy, forwarded or held. */
  readonly bytesFromClients: number;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startPausableProxy(targetPort: number): Promise<PausableProxy> {
  let paused = false;
  let bytesFromClients = 0;
  const flushes = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const held: Buffer[] = [];
    const flush = () => {
      for (const chunk of held.splice(0)) upstream.write(chunk);
    };
    flushes.add(flush);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        flushes.delete(flush);
        client.destroy();
        upstream.destroy();
        sockets.delete(socket);
      });
    }
    client.on('data', (chunk: Buffer) => {
      bytesFromClients += chunk.length;
      if (paused) held.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    get bytesFromClients() {
      return bytesFromClients;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const flush of flushes) flush();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
