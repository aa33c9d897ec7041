// A TCP relay in front of MySQL that records every COM_QUERY a client sends: one entry per round trip.
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

const COM_QUERY = 0x03;

export interface MysqlProxy {
  /** `mysql://…` pointing at the relay, with the upstream's credentials. */
  url: string;
  /** The SQL text of every COM_QUERY since the last `reset`, in order. */
  queries(): string[];
  reset(): void;
  stop(): Promise<void>;
}

/** Splits the client's byte stream into MySQL packets (3-byte length, 1-byte sequence, payload). */
function packetReader(onCommand: (payload: Buffer) => void) {
  let pending = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUIntLE(0, 3);
      if (pending.length < 4 + length) return;
      const sequence = pending[3];
      // A command starts a new exchange, so it is sequence 0 (long queries continue in 1, 2, …).
      if (sequence === 0) onCommand(pending.subarray(4, 4 + length));
      pending = pending.subarray(4 + length);
    }
  };
}

export async function startMysqlProxy(upstreamUrl: string): Promise<MysqlProxy> {
  const upstream = new URL(upstreamUrl);
  let seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const backend = connect(Number(upstream.port || 3306), upstream.hostname);
    for (const socket of [client, backend]) {
      // Relay each packet at once, as the driver and the server do (no Nagle delays in between).
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const read = packetReader((payload) => {
      if (payload[0] === COM_QUERY) seen.push(payload.subarray(1).toString('utf8'));
    });
    client.on('data', (chunk: Buffer) => {
      read(chunk);
      backend.write(chunk);
    });
    backend.pipe(client);
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(upstreamUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString().replace(/\/$/, ''),
    queries: () => [...seen],
    reset: () => {
      seen = [];
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
