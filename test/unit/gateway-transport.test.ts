import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { gatewayTokenKey } from '../../src/session-store.js';
import { GatewayTransport } from '../../src/transports/gateway.js';
import type { TransportEvent } from '../../src/transports/transport.js';
import { ENDPOINT, harness, MemoryStorage, message, ready, session, stopServer, until } from './support/gateway-harness.js';

afterEach(stopServer);

describe('GatewayTransport', () => {
  it('gets a session, authenticates with the first frame (not the URL) and maps ready to events', async () => {
    const transcript = [message('a-1', 'earlier agent message')];
    const h = harness({ onAuth: (socket) => socket.send(JSON.stringify(ready(transcript, 7))) });
    await h.transport.connect();
    expect(h.requests[0]).toEqual({ url: ENDPOINT, body: { skill: 'Billing', customAttributes: { plan: 'gold' }, displayName: 'Ana' } });
    expect(h.received[0]).toEqual({ type: 'auth', token: 'tok-1' });
    expect(h.client().target.url).not.toContain('tok-1');
    const types = h.events.map((e) => e.type);
    expect(types).toEqual(['features', 'messages', 'session', 'availability']);
    expect(h.events[1]).toMatchObject({ type: 'messages', source: 'history', messages: transcript });
    expect(h.events[2]).toMatchObject({ type: 'session', session: { resumed: true, readOnly: false } });
    expect(JSON.parse(h.storage.getItem(gatewayTokenKey(ENDPOINT))!)).toMatchObject({ token: 'tok-1', guestId: 'g-1' });
    h.transport.disconnect();
  });

  it('resumes with the stored token, and asks only for what it missed after a reconnect', async () => {
    const storage = new MemoryStorage();
    storage.setItem(gatewayTokenKey(ENDPOINT), JSON.stringify({ token: 'old-token', sessionId: 's-1', guestId: 'g-1' }));
    const h = harness({ storage, onAuth: (socket, frame) => socket.send(JSON.stringify(ready([], frame.lastSeq === undefined ? 3 : 5))) });
    await h.transport.connect();
    expect(h.requests[0]!.body.resumeToken).toBe('old-token');
    h.client().close({ code: 1006, reason: 'network', wasClean: false });
    await until(() => h.events.some((e) => e.type === 'closed'), 'closed');
    expect(h.events.find((e) => e.type === 'closed')).toMatchObject({ reconnect: true, error: { code: 'network' } });
    await h.transport.connect();
    expect(h.received.filter((f) => f.type === 'auth')[1]).toEqual({ type: 'auth', token: 'tok-1', lastSeq: 3 });
    h.transport.disconnect();
  });

  it('maps live frames: messages, failed acks, errors about a message, typing; skips malformed frames', async () => {
    const h = harness();
    await h.transport.connect();
    h.transport.sendMessage({ id: 'm-1', text: 'hello' });
    h.transport.sendMessage({ id: 'm-2', text: 'x'.repeat(10) });
    await until(() => h.received.filter((f) => f.type === 'message').length === 2, 'two messages');
    expect(h.received[1]).toEqual({ type: 'message', id: 'm-1', text: 'hello' });
    const socket = h.client();
    socket.send('{not json');
    socket.send(JSON.stringify({ type: 'message', seq: 1, message: { id: 'broken' } }));
    socket.send(JSON.stringify({ type: 'message', seq: 2, message: message('m-1', 'hello', 'inbound') }));
    socket.send(JSON.stringify({ type: 'ack', id: 'm-1', state: 'sent' }));
    socket.send(JSON.stringify({ type: 'error', code: 'message-too-long', message: 'too long', ref: 'm-2' }));
    socket.send(JSON.stringify({ type: 'typing', durationMs: 5000 }));
    socket.send(JSON.stringify({ type: 'ack', id: 'm-3', state: 'failed', failure: { code: 'rate-limited', message: 'busy', retryAfterSeconds: 2 } }));
    await until(() => h.events.some((e) => e.type === 'rate-limited'), 'rate-limited');
    const live = h.events.slice(3); // after features, session, availability
    expect(live).toEqual([
      { type: 'messages', source: 'live', messages: [message('m-1', 'hello', 'inbound')].map((m) => ({ ...m, time: expect.any(String) })) },
      { type: 'send-failed', id: 'm-2', failure: { code: 'message-too-long', message: 'too long' } },
      { type: 'typing', durationMs: 5000 },
      { type: 'send-failed', id: 'm-3', failure: { code: 'rate-limited', message: 'busy', retryAfterSeconds: 2 } },
      { type: 'rate-limited', retryAfterSeconds: 2 },
    ]);
    expect(await h.transport.fetchHistory()).toHaveLength(1);
    h.transport.disconnect();
  });

  it('throttles typing to one frame per 5 s and refuses to send while disconnected', async () => {
    const h = harness();
    expect(() => h.transport.sendMessage({ id: 'early', text: 'hi' })).toThrow(expect.objectContaining({ code: 'not-connected' }));
    await h.transport.connect();
    h.transport.sendTyping();
    h.transport.sendTyping();
    h.transport.sendMessage({ id: 'after', text: 'marker' });
    await until(() => h.received.some((f) => f.id === 'after'), 'the marker');
    expect(h.received.filter((f) => f.type === 'typing')).toHaveLength(1);
    h.transport.disconnect();
  });

  it('a 429 from the token endpoint becomes rate-limited with Retry-After, and a closed event that reconnects', async () => {
    const h = harness({ responses: [new Response(JSON.stringify({ error: 'rate-limited', message: 'slow down' }), { status: 429, headers: { 'retry-after': '7' } })] });
    await expect(h.transport.connect()).rejects.toMatchObject({ code: 'rate-limited', retryAfterSeconds: 7, fatal: false });
    expect(h.events).toEqual([
      { type: 'rate-limited', retryAfterSeconds: 7 },
      { type: 'closed', reconnect: true, error: expect.objectContaining({ code: 'rate-limited' }) },
    ]);
  });

  it('an origin refusal is fatal (no reconnect); an expired session reconnects', async () => {
    const refused = harness({ responses: [new Response(JSON.stringify({ error: 'origin-not-allowed', message: 'no' }), { status: 403 })] });
    await expect(refused.transport.connect()).rejects.toMatchObject({ code: 'origin-not-allowed', fatal: true });
    expect(refused.events.at(-1)).toMatchObject({ type: 'closed', reconnect: false });
    stopServer();

    const h = harness();
    await h.transport.connect();
    h.client().close({ code: 4001, reason: 'session-expired', wasClean: true });
    await until(() => h.events.some((e) => e.type === 'closed'), 'closed');
    expect(h.events.at(-1)).toMatchObject({ type: 'closed', reconnect: true, error: { code: 'session-expired' } });
  });

  it('renews the token before it expires and hands the new one to the open socket', async () => {
    const h = harness({
      onAuth: (socket) => socket.send(JSON.stringify(ready([], 0, Date.now() + 1000))),
      responses: [
        new Response(JSON.stringify(session({ expiresIn: 1 })), { status: 200 }),
        new Response(JSON.stringify(session({ token: 'tok-2', expiresIn: 900 })), { status: 200 }),
      ],
    });
    await h.transport.connect();
    await until(() => h.received.some((f) => f.type === 'auth' && f.token === 'tok-2'), 'the renewed auth frame');
    expect(h.requests[1]).toEqual({ url: 'http://gateway.test/api/session/renew', body: { token: 'tok-1' } });
    expect(JSON.parse(h.storage.getItem(gatewayTokenKey(ENDPOINT))!).token).toBe('tok-2');
    h.transport.disconnect();
  });

  it('starting a new conversation forgets the stored session', async () => {
    const h = harness();
    await h.transport.connect();
    await h.transport.startNewConversation();
    expect(h.requests[1]!.body.resumeToken).toBeUndefined();
    h.transport.disconnect();
  });

  it('can be built where there is no global WebSocket (Node 20) and fails to connect with a reconnectable error', async () => {
    // Node 22 has a global WebSocket: take it away for this test, so it checks the transport, not the runtime.
    vi.stubGlobal('WebSocket', undefined);
    onTestFinished(() => { vi.unstubAllGlobals(); });
    const events: TransportEvent[] = [];
    const transport = new GatewayTransport({
      tokenEndpoint: ENDPOINT,
      storage: new MemoryStorage(),
      fetchImpl: async () => new Response(JSON.stringify(session()), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    transport.onEvent((event) => events.push(event));
    await expect(transport.connect()).rejects.toMatchObject({ code: 'network' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'closed', reconnect: true }));
  });
});
