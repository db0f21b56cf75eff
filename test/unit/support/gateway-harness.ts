/**
 * The gateway transport's test rig: a mock-socket server that answers `auth` with `ready`, and a fake token endpoint
 * that answers from a queue (a new session by default). Shared by the gateway transport's unit tests.
 */
import { Server, WebSocket as MockWebSocket, type Client } from 'mock-socket';
import type { ChatMessage } from '../../../src/model.js';
import type { GatewayServerFrame, GatewaySessionResponse } from '../../../src/protocol/gateway.js';
import { GatewayTransport } from '../../../src/transports/gateway.js';
import type { TransportEvent } from '../../../src/transports/transport.js';

export const SOCKET_URL = 'ws://gateway.test/api/gateway';
export const ENDPOINT = '/api/session';

export class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() { return this.map.size; }
  clear() { this.map.clear(); }
  getItem(key: string) { return this.map.get(key) ?? null; }
  key(index: number) { return [...this.map.keys()][index] ?? null; }
  removeItem(key: string) { this.map.delete(key); }
  setItem(key: string, value: string) { this.map.set(key, value); }
}

/** A JSON answer of the token endpoint. */
export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function session(overrides: Partial<GatewaySessionResponse> = {}): GatewaySessionResponse {
  return {
    sessionId: 's-1', guestId: 'g-1', token: 'tok-1', expiresIn: 900, websocketUrl: SOCKET_URL,
    renewUrl: 'http://gateway.test/api/session/renew', resumed: false, ...overrides,
  };
}

export function message(id: string, text: string, direction: 'inbound' | 'outbound' = 'outbound'): ChatMessage {
  return { id, direction, role: direction === 'inbound' ? 'guest' : 'agent', text, content: [], time: new Date().toISOString(), state: 'sent' };
}

export function ready(transcript: ChatMessage[] = [], seq = transcript.length, expiresAt = Date.now() + 900_000): GatewayServerFrame {
  return {
    type: 'ready',
    session: { sessionId: 's-1', guestId: 'g-1', resumed: transcript.length > 0, readOnly: false, expiresAt },
    features: { attachments: false, agentTyping: true },
    limits: { maxMessageLength: 4000, allowedFileTypes: [], maxFileSizeKB: 0, blockedExtensions: [] },
    availability: { open: true, estimatedWaitSeconds: 30 },
    transcript,
    seq,
  };
}

export interface Harness {
  transport: GatewayTransport;
  events: TransportEvent[];
  requests: { url: string; body: Record<string, unknown> }[];
  /** Each request's method, headers and credentials, in the same order. */
  inits: RequestInit[];
  received: Record<string, unknown>[];
  client: () => Client;
  storage: MemoryStorage;
}

let server: Server | null = null;

/** Stops the mock server of the last harness (call in afterEach). */
export function stopServer(): void {
  server?.stop();
  server = null;
}

/** A mock server that answers `auth` with `ready`, plus a fake token endpoint. */
export function harness(options: {
  responses?: (Response | (() => Response))[];
  onAuth?: (client: Client, frame: Record<string, unknown>) => void;
  storage?: MemoryStorage;
} = {}): Harness {
  const received: Record<string, unknown>[] = [];
  let current: Client | null = null;
  server = new Server(SOCKET_URL);
  server.on('connection', (socket) => {
    current = socket;
    let authed = false;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      received.push(frame);
      // The first auth on a socket gets `ready`; a later one (a renewed token) only extends it.
      if (frame.type === 'auth' && !authed) {
        authed = true;
        if (options.onAuth) options.onAuth(socket, frame);
        else socket.send(JSON.stringify(ready()));
      }
    });
  });
  const requests: { url: string; body: Record<string, unknown> }[] = [];
  const inits: RequestInit[] = [];
  const responses = options.responses ?? [];
  const fetchImpl: typeof fetch = async (input, init) => {
    // JSON bodies are read for the tests; a file's bytes (an upload) stay in `inits`.
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as Record<string, unknown> : {};
    requests.push({ url: String(input), body });
    inits.push(init ?? {});
    const next = responses.shift();
    if (next) return typeof next === 'function' ? next() : next;
    return json(session(), 200);
  };
  const storage = options.storage ?? new MemoryStorage();
  const transport = new GatewayTransport({
    tokenEndpoint: ENDPOINT, skill: 'Billing', customAttributes: { plan: 'gold' }, displayName: 'Ana', storage,
    fetchImpl, WebSocketImpl: MockWebSocket as unknown as typeof WebSocket,
  });
  const events: TransportEvent[] = [];
  transport.onEvent((e) => events.push(e));
  return { transport, events, requests, inits, received, client: () => current!, storage };
}

export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

