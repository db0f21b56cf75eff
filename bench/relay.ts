/**
 * A TCP relay in front of a local server (the emulator, our server) for the bench scripts: everything sent each way
 * is held `delayMs` (a link's latency; the WebSocket too, which CDP's network emulation leaves alone), and a new
 * connection's first bytes `connectMs` more (the TCP and TLS handshakes a real connection makes first).
 */
import { connect, createServer, type AddressInfo } from 'node:net';

export interface Relay { url: string; close(): void }

/** Forwards TCP to 127.0.0.1:`port`; chunks held by one delay keep their order. */
export function startRelay(port: number, { delayMs = 0, connectMs = 0 }: { delayMs?: number; connectMs?: number } = {}): Promise<Relay> {
  const relay = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    const later = (write: () => void) => (delayMs ? setTimeout(write, delayMs) : write());
    const handshake = new Promise<void>((done) => setTimeout(done, connectMs));
    client.on('data', (chunk) => void handshake.then(() => later(() => upstream.write(chunk))));
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
