/**
 * A TCP relay in front of a local server (the emulator, our server) for the bench scripts: everything sent each way
 * is held `delayMs` (a link's latency; the WebSocket too, which CDP's network emulation leaves alone), and a new
 * connection's first bytes `connectMs` more (the TCP and TLS handshakes a real connection makes first). `connectMs`
 * may instead be chosen per connection from its first bytes (hold plain HTTP requests, let WebSocket upgrades by).
 */
import { connect, createServer, type AddressInfo } from 'node:net';

export interface Relay { url: string; close(): void }

export interface RelayOptions {
  delayMs?: number;
  connectMs?: number | ((firstChunk: Buffer) => number);
}

/** The first bytes of a WebSocket upgrade request (for `connectMs` chosen per connection). */
export function isWebSocketUpgrade(firstChunk: Buffer): boolean {
  return /\r\nupgrade:\s*websocket\r\n/i.test(firstChunk.toString('latin1'));
}

/** Forwards TCP to 127.0.0.1:`port`; chunks held by one delay keep their order. */
export function startRelay(port: number, { delayMs = 0, connectMs = 0 }: RelayOptions = {}): Promise<Relay> {
  const relay = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    const later = (write: () => void) => (delayMs ? setTimeout(write, delayMs) : write());
    const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
    // A number: from the connection's start; a function: decided by, and counted from, its first bytes.
    let handshake: Promise<void> | null = typeof connectMs === 'number' ? wait(connectMs) : null;
    client.on('data', (chunk) => {
      handshake ??= wait(typeof connectMs === 'function' ? connectMs(chunk) : 0);
      void handshake.then(() => later(() => upstream.write(chunk)));
    });
    upstream.on('data', (chunk) => later(() => client.write(chunk)));
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on('close', () => later(() => b.destroy()));
      a.on('error', () => b.destroy());
    }
  });
  return new Promise((resolveRelay) => relay.listen(0, '127.0.0.1', () => resolveRelay({
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    close: () => relay.close(),
  })));
}
