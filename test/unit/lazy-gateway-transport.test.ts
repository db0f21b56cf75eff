// The lazy gateway transport (transports/index.ts): the session request goes out beside the chunk's import, and a
// chunk that fails to load is reported and asked for again. The chunk's import is held or failed with vi.doMock.
import { Server, WebSocket as MockWebSocket } from 'mock-socket';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayServerFrame, GatewaySessionResponse } from '../../src/protocol/gateway.js';
import { gatewayTokenKey, memoryStorage } from '../../src/session-store.js';
import type { TransportEvent } from '../../src/transports/transport.js';

const GATEWAY_MODULE = '../../src/transports/gateway.js';
const SOCKET_URL = 'ws://lazy-gateway.test/api/gateway';
const ENDPOINT = '/api/session';

const SESSION: GatewaySessionResponse = {
  sessionId: 's-1', guestId: 'g-1', token: 'tok-2', expiresIn: 900, websocketUrl: SOCKET_URL,
  renewUrl: 'http://lazy-gateway.test/api/session/renew', resumed: true,
};

const READY: GatewayServerFrame = {
  type: 'ready',
  session: { sessionId: 's-1', guestId: 'g-1', resumed: true, readOnly: false, expiresAt: Date.now() + 900_000 },
  features: { attachments: false, agentTyping: true },
  limits: { maxMessageLength: 4000, allowedFileTypes: [], maxFileSizeKB: 0, blockedExtensions: [] },
  availability: { open: true, estimatedWaitSeconds: 0 },
  transcript: [],
  seq: 0,
};

let server: Server | null = null;
afterEach(() => {
  server?.stop();
  server = null;
  vi.doUnmock(GATEWAY_MODULE);
  vi.resetModules();
});

/** A gateway socket that answers `auth` with `ready`, and a token endpoint that records each request's body. */
function rig() {
  server = new Server(SOCKET_URL);
  const frames: Record<string, unknown>[] = [];
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      frames.push(frame);
      if (frame.type === 'auth') socket.send(JSON.stringify(READY));
    });
  });
  const bodies: Record<string, unknown>[] = [];
  const fetchImpl = ((_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return Promise.resolve(new Response(JSON.stringify(SESSION), { status: 200, headers: { 'content-type': 'application/json' } }));
  }) as typeof fetch;
  const storage = memoryStorage();
  storage.setItem(gatewayTokenKey(ENDPOINT), JSON.stringify({ token: 'tok-1', sessionId: 's-1', guestId: 'g-1' }));
  return { bodies, fetchImpl, storage, frames };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Holds the gateway chunk's import until the returned function is called. */
function holdChunk(): () => void {
  let release: () => void = () => undefined;
  const chunkHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  vi.doMock(GATEWAY_MODULE, async () => {
    await chunkHeld;
    return vi.importActual(GATEWAY_MODULE);
  });
  return () => release();
}

describe('LazyGatewayTransport', () => {
  it('sends the session request (resuming the kept token) while the gateway chunk is still loading, and only once', async () => {
    const release = holdChunk();
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { bodies, fetchImpl, storage } = rig();
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, skill: 'Billing', storage, fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    const events: TransportEvent[] = [];
    transport.onEvent((event) => events.push(event));
    const connected = transport.connect();
    await tick();
    expect(bodies).toEqual([{ skill: 'Billing', resumeToken: 'tok-1' }]); // out before the chunk came
    release();
    await connected;
    expect(events.find((event) => event.type === 'session')).toBeDefined();
    expect(bodies).toHaveLength(1); // the transport read that answer, it did not ask again
    expect(JSON.parse(storage.getItem(gatewayTokenKey(ENDPOINT)) ?? '{}')).toMatchObject({ token: 'tok-2' });
    transport.disconnect();
  });

  it('reports a chunk that failed to load as a closed connection to retry, and loads it again on the next connect', async () => {
    let imports = 0;
    vi.doMock(GATEWAY_MODULE, async () => {
      imports += 1;
      if (imports === 1) throw new Error('chunk failed to load');
      return vi.importActual(GATEWAY_MODULE);
    });
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { fetchImpl, storage } = rig();
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage, fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    const events: TransportEvent[] = [];
    transport.onEvent((event) => events.push(event));
    await expect(transport.connect()).rejects.toMatchObject({ code: 'network', message: 'The chat could not load its gateway code.' });
    expect(events).toEqual([expect.objectContaining({ type: 'closed', reconnect: true,
      error: expect.objectContaining({ code: 'network', detail: expect.any(Error) }) })]);
    await transport.connect();
    expect(imports).toBe(2);
    expect(events.some((event) => event.type === 'session')).toBe(true);
    transport.disconnect();
  });

  it('before its chunk: sending fails as on a closed transport, the rest waits or does nothing', async () => {
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { bodies, fetchImpl, storage } = rig();
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage, fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    expect(() => transport.sendMessage({ id: 'm1', text: 'hi' })).toThrow('Not connected.');
    expect(() => transport.sendQuickReply('q1', { type: 'QuickReply', text: 'Yes', payload: 'yes' }, 'm0'))
      .toThrow(expect.objectContaining({ code: 'not-connected' }));
    expect(() => transport.sendTyping()).not.toThrow();
    expect(() => transport.disconnect()).not.toThrow();
    await transport.endConversation();
    const file = new File(['x'], 'a.txt', { type: 'text/plain' });
    await expect(transport.uploadAttachment(file)).rejects.toMatchObject({ code: 'not-connected' });
    await transport.deleteAttachment('AbCdEfGhIjKlMnOpQrStUv');
    expect(bodies).toEqual([]); // nothing was asked of the server
    transport.forgetSession(); // loads the chunk to forget the kept session
    await vi.waitFor(() => expect(storage.getItem(gatewayTokenKey(ENDPOINT))).toBeNull());
    expect(await transport.fetchHistory()).toEqual([]);
  });

  it('once loaded, hands everything to the gateway transport', async () => {
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { bodies, fetchImpl, storage, frames } = rig();
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage, fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    const events: TransportEvent[] = [];
    transport.onEvent((event) => events.push(event));
    await transport.connect();
    await transport.connect(); // connected: nothing new
    expect(bodies).toHaveLength(1);
    transport.sendMessage({ id: 'm1', text: 'hello' });
    transport.sendQuickReply('q1', { type: 'QuickReply', text: 'Yes', payload: 'yes' }, 'm0');
    transport.sendTyping();
    await vi.waitFor(() => expect(frames.map((frame) => frame.type)).toEqual(['auth', 'message', 'quick-reply', 'typing']));
    // The gateway transport's own answer: this server offers no uploads.
    await expect(transport.uploadAttachment(new File(['x'], 'a.txt'))).rejects.toMatchObject({ message: 'This chat server takes no files.' });
    expect(storage.getItem(gatewayTokenKey(ENDPOINT))).not.toBeNull();
    transport.forgetSession();
    expect(storage.getItem(gatewayTokenKey(ENDPOINT))).toBeNull(); // at once: the loaded transport forgets
    await transport.endConversation();
    expect(events.at(-1)?.type).toBe('read-only');
    expect(storage.getItem(gatewayTokenKey(ENDPOINT))).toBeNull();
    await transport.startNewConversation();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual({}); // a new guest: nothing to resume
    transport.disconnect();
    expect(() => transport.sendMessage({ id: 'm2', text: 'after' })).toThrow(expect.objectContaining({ code: 'not-connected' }));
  });

  it('a removed attachment is deleted on the server once the chunk is loaded (before it, there is none to delete)', async () => {
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { storage } = rig();
    const deletes: string[] = [];
    const fetchImpl = ((url: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'DELETE') {
        deletes.push(String(url));
        return Promise.resolve(new Response(null, { status: 204 }));
      }
      const session = { ...SESSION, uploadUrl: 'http://lazy-gateway.test/api/uploads' };
      return Promise.resolve(new Response(JSON.stringify(session), { status: 200, headers: { 'content-type': 'application/json' } }));
    }) as typeof fetch;
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage, fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    await transport.deleteAttachment('before-any-chunk');
    await transport.connect();
    await transport.deleteAttachment('up 1');
    expect(deletes).toEqual(['http://lazy-gateway.test/api/uploads/up%201']);
    transport.disconnect();
  });

  it('a new conversation asked for while the chunk loads does not resume the kept session the first request asked for', async () => {
    const release = holdChunk();
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { bodies, storage, frames } = rig();
    // The server answers a resume with the kept session and a request without a token with a new one.
    const fetchImpl = ((_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      bodies.push(body);
      const session = body.resumeToken ? SESSION : { ...SESSION, sessionId: 's-new', guestId: 'g-new', token: 'tok-new', resumed: false };
      return Promise.resolve(new Response(JSON.stringify(session), { status: 200, headers: { 'content-type': 'application/json' } }));
    }) as typeof fetch;
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage, fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    const connected = transport.connect().catch(() => undefined); // may give way to the new conversation
    await tick();
    const fresh = transport.startNewConversation();
    release();
    await Promise.all([connected, fresh]);
    await vi.waitFor(() => expect(frames.filter((frame) => frame.type === 'auth').at(-1)?.token).toBe('tok-new'));
    expect(frames.filter((frame) => frame.type === 'auth')).toHaveLength(1); // no socket for the replaced session
    expect(bodies.at(-1)).toEqual({});
    expect(JSON.parse(storage.getItem(gatewayTokenKey(ENDPOINT)) ?? '{}')).toMatchObject({ token: 'tok-new' });
    transport.disconnect();
  });

  it('a new visitor (nothing kept) asks for a new session', async () => {
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { bodies, fetchImpl } = rig();
    const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage: memoryStorage(), fetchImpl,
      WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
    await transport.connect();
    expect(bodies).toEqual([{}]);
    transport.disconnect();
  });

  it('uses the page\'s fetch when given none', async () => {
    const { LazyGatewayTransport } = await import('../../src/transports/index.js');
    const { fetchImpl, storage } = rig();
    const pageFetch = vi.fn(fetchImpl);
    vi.stubGlobal('fetch', pageFetch);
    try {
      const transport = new LazyGatewayTransport({ tokenEndpoint: ENDPOINT, storage, WebSocketImpl: MockWebSocket as unknown as typeof WebSocket });
      await transport.connect();
      expect(pageFetch).toHaveBeenCalledWith(ENDPOINT, expect.objectContaining({ method: 'POST' }));
      transport.disconnect();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
