/**
 * A bare `ws` echo server (the floor for "server CPU per message"): prints its URL, echoes every text frame.
 * Run by bench/gateway-cluster.ts as a child process, measured the same way as a gateway instance.
 */
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write(`ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
