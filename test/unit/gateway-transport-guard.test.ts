/**
 * The widget's gateway frame guard against a hostile or oversized server (issue 9, defects 1 and 2): a remote value
 * of the wrong type never reaches rendering, a frame over 64 KiB is taken, and a `ready` that never comes turns into
 * a reconnect instead of `connecting` forever.
 */
import { Server, WebSocket as MockWebSocket, type Client } from 'mock-socket';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../src/model.js';
import type { GatewayServerFrame, GatewaySessionResponse } from '../../src/protocol/gateway.js';
import { GatewayTransport, READY_TIMEOUT_MS } from '../../src/transports/gateway.js';
import type { TransportEvent } from '../../src/transports/transport.js';

const SOCKET_URL = 'ws://guard.test/api/gateway';

function session(): GatewaySessionResponse {
  return {
    sessionId: 's-1', guestId: 'g-1', token: 'tok-1', expiresIn: 900, websocketUrl: SOCKET_URL,
    renewUrl: 'http://guard.test/api/session/renew', resumed: false,
  };
}

function ready(transcript: unknown[] = []): Record<string, unknown> {
  return {
    type: 'ready',
    session: { sessionId: 's-1', guestId: 'g-1', resumed: false, readOnly: false, expiresAt: Date.now() + 900_000 },
    features: {}, limits: { maxMessageLength: 4000, allowedFileTypes: [], maxFileSizeKB: 0, blockedExtensions: [] },
    transcript, seq: transcript.length,
  };
}

function agent(id: string, text: string, sender?: unknown): Record<string, unknown> {
  return { id, direction: 'outbound', role: 'agent', text, content: [], time: new Date().toISOString(), state: 'sent', ...(sender !== undefined ? { sender } : {}) };
}

let server: Server | null = null;
afterEach(() => {
  server?.stop();
  server = null;
  vi.useRealTimers();
});

function harness(onAuth: ((socket: Client) => void) | null): { transport: GatewayTransport; events: TransportEvent[]; client: () => Client } {
  let current: Client | null = null;
  server = new Server(SOCKET_URL);
  server.on('connection', (socket) => {
    current = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string };
      if (frame.type === 'auth' && onAuth) onAuth(socket);
    });
  });
  const transport = new GatewayTransport({
    tokenEndpoint: '/api/session',
    fetchImpl: async () => new Response(JSON.stringify(session()), { status: 200, headers: { 'content-type': 'application/json' } }),
    WebSocketImpl: MockWebSocket as unknown as typeof WebSocket,
    storage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
  });
  const events: TransportEvent[] = [];
  transport.onEvent((e) => events.push(e));
  return { transport, events, client: () => current! };
}

function messagesOf(events: TransportEvent[]): ChatMessage[] {
  return events.flatMap((e) => (e.type === 'messages' ? e.messages : []));
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('GatewayTransport frame guard', () => {
  it('defect 1: a sender that is a number, array or object is dropped or coerced; never handed on as is', async () => {
    const h = harness((socket) => socket.send(JSON.stringify(ready([agent('h-1', 'from history', { name: 42 })]))));
    await h.transport.connect();
    const socket = h.client();
    socket.send(JSON.stringify({ type: 'message', seq: 2, message: agent('l-1', 'live 1', { name: ['x'], avatarUrl: 5 }) }));
    socket.send(JSON.stringify({ type: 'message', seq: 3, message: agent('l-2', 'live 2', 'Bea') }));
    socket.send(JSON.stringify({ type: 'message', seq: 4, message: agent('l-3', 'live 3', { name: 'Bea', avatarUrl: { x: 1 } }) }));
    socket.send(JSON.stringify({ type: 'typing', durationMs: 3000, sender: { name: 17 } }));
    await until(() => messagesOf(h.events).length === 4 && h.events.some((e) => e.type === 'typing'), 'four messages and typing');
    expect(h.events.find((e) => e.type === 'typing')).toEqual({ type: 'typing', durationMs: 3000 });
    const byId = new Map(messagesOf(h.events).map((m) => [m.id, m]));
    expect(byId.get('h-1')!.sender).toBeUndefined();
    expect(byId.get('l-1')!.sender).toBeUndefined();
    expect(byId.get('l-2')!.sender).toBeUndefined();
    expect(byId.get('l-3')!.sender).toEqual({ name: 'Bea' });
    h.transport.disconnect();
  });

  it('defect 2: a `ready` and a message over 64 KiB are taken', async () => {
    const transcript = Array.from({ length: 200 }, (_, i) => agent(`t-${i}`, 'y'.repeat(180)));
    const h = harness((socket) => socket.send(JSON.stringify(ready(transcript))));
    await h.transport.connect();
    h.client().send(JSON.stringify({ type: 'message', seq: 201, message: agent('huge', 'x'.repeat(70_000)) } satisfies Record<string, unknown> as unknown as GatewayServerFrame));
    await until(() => messagesOf(h.events).some((m) => m.id === 'huge'), 'the 70,000-character message');
    expect(messagesOf(h.events)).toHaveLength(201);
    h.transport.disconnect();
  });

  it('defect 2: a `ready` that never comes times out into a reconnectable close', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness(null);
    const connecting = h.transport.connect();
    const outcome = connecting.then(() => 'connected', () => 'failed');
    await vi.waitFor(() => expect(h.client()).toBeTruthy());
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS + 10);
    expect(await outcome).toBe('failed');
    expect(h.events.find((e) => e.type === 'closed')).toMatchObject({ type: 'closed', reconnect: true });
  });
});
