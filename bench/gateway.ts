/**
 * Gateway figures (issue 4), against the real emulator over real HTTP and sockets in this process:
 * - OAuth token requests per N sessions: N guests each get a session (`POST /api/session`), open the gateway socket,
 *   send one message and wait for its `ack`; the emulator counts `POST /oauth/token` calls.
 * - Guest messages per second: G guests each send a burst of B messages (within the per-socket frame budget);
 *   messages acknowledged `sent` (delivered to Open Messaging) per second of wall time.
 * The server's Platform API pacing (OUTBOUND_RATE_PER_SECOND, default 4/s to respect Genesys' limits) is lifted
 * here so the figure shows the gateway's own capacity, not the pacing.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { startEmulator } from '../emulator/index.js';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/index.js';
import type { GatewayServerFrame, GatewaySessionResponse } from '../src/protocol/gateway.js';

export interface GatewayFigures {
  sessions: number;
  /** Token requests while the sessions ran, and since the server started (webhook registration included). */
  tokenRequests: number;
  tokenRequestsTotal: number;
  sessionsSeconds: number;
  messages: number;
  failed: number;
  /** Failed acks by their code (`rate-limited`: over the socket's frame rate). */
  failures: Record<string, number>;
  messagesSeconds: number;
}

/** One guest: a session, an authenticated socket, and a way to send and await acks. */
class BenchGuest {
  private readonly acks = new Map<string, (state: string) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayServerFrame;
      // A failed ack resolves with its reason's code (`rate-limited`, …), a sent one with `sent`.
      if (frame.type === 'ack') this.acks.get(frame.id)?.(frame.state === 'failed' ? frame.failure?.code ?? 'unknown' : frame.state);
    });
  }

  static async connect(serverUrl: string): Promise<BenchGuest> {
    const response = await fetch(`${serverUrl}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ displayName: 'Bench' }),
    });
    if (!response.ok) throw new Error(`POST /api/session -> ${response.status} ${await response.text()}`);
    const session = (await response.json()) as GatewaySessionResponse;
    const ws = new WebSocket(session.websocketUrl);
    const guest = new BenchGuest(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: session.token })));
      ws.on('message', function ready(data) {
        if ((JSON.parse(String(data)) as GatewayServerFrame).type !== 'ready') return;
        ws.off('message', ready);
        resolve();
      });
    });
    return guest;
  }

  /** Sends one message; resolves with `sent`, or the code of the failed ack's reason. */
  send(text: string): Promise<string> {
    const id = randomUUID();
    return new Promise((resolve) => {
      this.acks.set(id, (state) => {
        this.acks.delete(id);
        resolve(state);
      });
      this.ws.send(JSON.stringify({ type: 'message', id, text }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** How many times each value occurs. */
function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

export async function measureGateway(sessions: number, guests: number, burst: number): Promise<GatewayFigures> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0 });
  let tokenRequests = 0;
  emulator.app.server.on('request', (request) => {
    if (request.method === 'POST' && (request.url ?? '').startsWith('/oauth/token')) tokenRequests++;
  });
  const config = loadConfig({ GENESYS_EMULATOR_URL: emulator.url, LOG_LEVEL: 'silent', SESSION_RATE_LIMIT: '0' }, []);
  const server = await startServer({
    ...config.options, logger: false, outboundRatePerSecond: 1_000_000, port: 0, host: '127.0.0.1', registerWebhook: true,
  });
  try {
    // Throughput first, on a fresh server and emulator (10,000 finished sessions would weigh on both).
    const connected = await pool(guests, 50, () => BenchGuest.connect(server.url));
    let start = performance.now();
    const states = (await Promise.all(connected.map((guest, g) =>
      Promise.all(Array.from({ length: burst }, (_, m) => guest.send(`guest ${g} message ${m}`)))))).flat();
    const messagesSeconds = (performance.now() - start) / 1000;
    for (const guest of connected) guest.close();
    // Registering the webhook already needed a token; count what the sessions add on top of a warm server.
    const before = tokenRequests;
    start = performance.now();
    await pool(sessions, 100, async (i) => {
      const guest = await BenchGuest.connect(server.url);
      const state = await guest.send(`hello ${i}`);
      guest.close();
      if (state !== 'sent') throw new Error(`session ${i}: message ${state}`);
    });
    const sessionsSeconds = (performance.now() - start) / 1000;
    const sessionTokenRequests = tokenRequests - before;

    return {
      sessions, tokenRequests: sessionTokenRequests, tokenRequestsTotal: tokenRequests, sessionsSeconds,
      messages: states.filter((s) => s === 'sent').length, failed: states.filter((s) => s !== 'sent').length,
      failures: countBy(states.filter((s) => s !== 'sent')),
      messagesSeconds,
    };
  } finally {
    await server.close();
    await emulator.close();
  }
}
