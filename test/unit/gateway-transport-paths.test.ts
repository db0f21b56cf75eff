// The gateway transport's refusals and less travelled frames, as a visitor's widget meets them: what each answer of
// the token endpoint becomes, each close code, the frames between `ready` and the first message, renewal failures, and
// a new conversation asked for while a connect is under way. Written from the mutation run of `gateway-transport`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayServerFrame } from '../../src/protocol/gateway.js';
import { gatewayTokenKey } from '../../src/session-store.js';
import { ENDPOINT, harness, json, message, ready, session, stopServer, until } from './support/gateway-harness.js';

afterEach(() => {
  stopServer();
  vi.useRealTimers();
});

describe('GatewayTransport: what the token endpoint answers', () => {
  it.each([
    ['no token', { ...session(), token: undefined }],
    ['no socket URL', { ...session(), websocketUrl: 7 }],
    ['no lifetime', { ...session(), expiresIn: '900' }],
    ['not JSON', null],
  ])('a 200 with %s is a protocol error that reconnects, and opens no socket', async (_, body) => {
    const h = harness({ responses: [body === null ? new Response('<html>', { status: 200 }) : json(body, 200)] });
    await expect(h.transport.connect()).rejects.toMatchObject(
      { code: 'protocol', fatal: false, message: 'The chat server answered with an unexpected session.',
        detail: body === null ? null : JSON.parse(JSON.stringify(body)) as unknown });
    expect(h.events).toEqual([{ type: 'closed', reconnect: true, error: expect.objectContaining({ code: 'protocol' }) }]);
    expect(h.received).toEqual([]);
  });

  it.each([
    [401, {}, 'unauthorized', true, 'The chat server answered 401.'],
    [401, { error: 'origin-not-allowed', message: 'Sign in again.' }, 'unauthorized', true, 'Sign in again.'],
    [403, { error: 'forbidden', message: 'No entry.' }, 'unauthorized', true, 'No entry.'],
    [400, { error: 'bad-request', message: 'skill is too long' }, 'server', true, 'skill is too long'],
    [499, { message: 7 }, 'server', true, 'The chat server answered 499.'],
    [500, { message: 'down' }, 'server', false, 'down'],
    [503, {}, 'server', false, 'The chat server answered 503.'],
  ])('an HTTP %i with %o becomes %s, fatal %s', async (status, body, code, fatal, text) => {
    const h = harness({ responses: [json(body, status), json(body, status)] });
    await expect(h.transport.connect()).rejects.toMatchObject({ code, fatal, message: text });
    expect(h.events.at(-1)).toMatchObject({ type: 'closed', reconnect: !fatal, error: { code } });
    // What the server said travels with a server error, for the console.
    if (code === 'server') await expect(h.transport.connect()).rejects.toMatchObject({ detail: body });
    expect(h.events.some((event) => event.type === 'rate-limited')).toBe(false);
  });

  it('a 429 without Retry-After waits as long as the body says, else 5 s', async () => {
    const withBody = harness({ responses: [json({ error: 'rate-limited', message: 'busy', retryAfterSeconds: 9 }, 429)] });
    await expect(withBody.transport.connect()).rejects.toMatchObject({ code: 'rate-limited', retryAfterSeconds: 9 });
    stopServer();
    const bare = harness({ responses: [json({}, 429)] });
    await expect(bare.transport.connect()).rejects.toMatchObject({ code: 'rate-limited', retryAfterSeconds: 5 });
    expect(bare.events[0]).toEqual({ type: 'rate-limited', retryAfterSeconds: 5 });
  });

  it('a network failure of the token endpoint is reconnectable', async () => {
    const h = harness({ responses: [() => { throw new TypeError('Failed to fetch'); }] });
    await expect(h.transport.connect()).rejects.toMatchObject({ code: 'network', fatal: false });
    expect(h.events.at(-1)).toMatchObject({ type: 'closed', reconnect: true });
  });

  it('stores the session for a resume and keeps its lifetime for the renewal', async () => {
    const h = harness();
    await h.transport.connect();
    expect(JSON.parse(h.storage.getItem(gatewayTokenKey(ENDPOINT))!)).toMatchObject({ token: 'tok-1', sessionId: 's-1', guestId: 'g-1' });
    const sessionEvent = h.events.find((event) => event.type === 'session');
    // ready's expiresAt wins over the session's lifetime; both are in the future, not the past.
    expect(sessionEvent).toMatchObject({ session: { expiresAt: expect.any(Number) } });
    expect((sessionEvent as { session: { expiresAt: number } }).session.expiresAt).toBeGreaterThan(Date.now() + 800_000);
    h.transport.disconnect();
  });
});

describe('GatewayTransport: close codes', () => {
  it.each([
    [4003, 'origin-not-allowed', false, 'This page is not allowed to use the chat server.'],
    [4001, 'session-expired', true, 'The chat session expired; reconnecting.'],
    [4008, 'protocol', true, 'The chat server did not get the session token in time.'],
    [4500, 'network', true, 'The connection to the chat server was lost.'],
  ])('a close with %i after ready is %s, reconnect %s', async (closeCode, code, reconnect, text) => {
    const h = harness();
    await h.transport.connect();
    h.client().close({ code: closeCode, reason: 'x', wasClean: true });
    await until(() => h.events.some((event) => event.type === 'closed'), 'closed');
    expect(h.events.at(-1)).toMatchObject({ type: 'closed', reconnect, error: { code, fatal: !reconnect, message: text } });
    expect(() => h.transport.sendMessage({ id: 'after', text: 'x' })).toThrow(expect.objectContaining({ code: 'not-connected' }));
  });

  it('a normal close with 1000 is a close without an error', async () => {
    const h = harness();
    await h.transport.connect();
    h.client().close({ code: 1000, reason: 'bye', wasClean: true });
    await until(() => h.events.some((event) => event.type === 'closed'), 'closed');
    expect(h.events.at(-1)).toEqual({ type: 'closed', reconnect: true });
  });

  it("a close before ready rejects the connect with its reason; an error frame before it is only the close's preface", async () => {
    const h = harness({
      onAuth: (socket) => {
        socket.send(JSON.stringify({ type: 'error', code: 'unauthorized', message: 'The session token is not valid.' }));
        socket.close({ code: 4001, reason: 'unauthorized', wasClean: true });
      },
    });
    await expect(h.transport.connect()).rejects.toMatchObject({ code: 'session-expired' });
    expect(h.events.map((event) => event.type)).toEqual(['closed']);
  });

  it('a close before ready without a code of ours is a lost connection', async () => {
    const h = harness({ onAuth: (socket) => socket.close({ code: 1000, reason: '', wasClean: true }) });
    await expect(h.transport.connect()).rejects.toMatchObject({ code: 'network', message: 'The chat server closed the connection.' });
  });

  it('disconnect closes the socket quietly: no event, and sending fails until the next connect', async () => {
    const h = harness();
    await h.transport.connect();
    const socket = h.client();
    let closedWith = 0;
    // mock-socket hands the close event to the listener, though its types say nothing is passed.
    socket.on('close', ((event: CloseEvent) => { closedWith = event.code; }) as unknown as () => void);
    const before = h.events.length;
    h.transport.disconnect();
    await until(() => closedWith !== 0, 'the server to see the close');
    expect(closedWith).toBe(1000);
    expect(h.events).toHaveLength(before);
    expect(() => h.transport.sendMessage({ id: 'x', text: 'x' })).toThrow(expect.objectContaining({ code: 'not-connected' }));
    await h.transport.connect();
    expect(h.received.filter((frame) => frame.type === 'auth')).toHaveLength(2);
    h.transport.disconnect();
  });
});

describe('GatewayTransport: frames after ready', () => {
  async function connected() {
    const h = harness();
    await h.transport.connect();
    const start = h.events.length;
    const frames = (...list: GatewayServerFrame[]) => {
      for (const frame of list) h.client().send(JSON.stringify(frame));
    };
    return { h, frames, live: () => h.events.slice(start) };
  }

  it('availability, a disconnect presence making it read-only, and another presence doing nothing', async () => {
    const { h, frames, live } = await connected();
    frames(
      { type: 'presence', presence: 'join' } as unknown as GatewayServerFrame,
      { type: 'availability', availability: { open: false } },
      { type: 'presence', presence: 'disconnect' },
      { type: 'availability', availability: { open: true } },
    );
    await until(() => live().length === 3, 'three events');
    expect(live()).toEqual([
      { type: 'availability', availability: { open: false } },
      { type: 'read-only' },
      { type: 'availability', availability: { open: true } },
    ]);
    h.transport.disconnect();
  });

  it('errors: about a pending message as send-failed with its wait, rate-limited alone, and any other', async () => {
    const { h, frames, live } = await connected();
    h.transport.sendMessage({ id: 'm-1', text: 'one' });
    h.transport.sendQuickReply('q-1', { type: 'QuickReply', text: 'Yes', payload: 'yes' }, 'a-0');
    await until(() => h.received.some((frame) => frame.id === 'q-1'), 'the answer');
    expect(h.received.at(-1)).toEqual({ type: 'quick-reply', id: 'q-1', answer: { type: 'QuickReply', text: 'Yes', payload: 'yes' }, originatingMessageId: 'a-0' });
    frames(
      { type: 'error', code: 'rate-limited', message: 'slow', ref: 'm-1', retryAfterSeconds: 3 },
      { type: 'error', code: 'rate-limited', message: 'slow', retryAfterSeconds: 4 },
      { type: 'error', code: 'protocol', message: 'odd', ref: 'not-pending' },
      { type: 'error', code: 'rate-limited', message: 'no wait given' },
      { type: 'error', code: 'server', message: 'busy', retryAfterSeconds: 2 },
      { type: 'ack', id: 'q-1', state: 'failed' },
    );
    await until(() => live().some((event) => event.type === 'send-failed' && event.id === 'q-1'), 'the failed answer');
    expect(live()).toEqual([
      { type: 'send-failed', id: 'm-1', failure: { code: 'rate-limited', message: 'slow', retryAfterSeconds: 3 } },
      { type: 'rate-limited', retryAfterSeconds: 4 },
      { type: 'error', error: expect.objectContaining({ code: 'protocol', message: 'odd' }) },
      { type: 'error', error: expect.objectContaining({ code: 'rate-limited', message: 'no wait given' }) },
      { type: 'error', error: expect.objectContaining({ code: 'server', message: 'busy', retryAfterSeconds: 2 }) },
      { type: 'send-failed', id: 'q-1', failure: { code: 'server', message: 'The message could not be sent.' } },
    ]);
    h.transport.disconnect();
  });

  it("a replayed message is history, a typing frame keeps its agent's name, binary data and pongs are ignored", async () => {
    const { h, frames, live } = await connected();
    h.client().send(new ArrayBuffer(4) as unknown as string);
    frames(
      { type: 'pong' },
      { type: 'message', seq: 4, replay: true, message: message('a-4', 'while you were away') },
      { type: 'typing', durationMs: 3000, sender: { name: 'Ana', avatarUrl: 'https://example.com/ana.png' } },
      { type: 'typing', durationMs: 3000, sender: { name: '  ' } } as GatewayServerFrame,
    );
    await until(() => live().filter((event) => event.type === 'typing').length === 2, 'two typing events');
    expect(live()).toEqual([
      { type: 'messages', source: 'history', messages: [expect.objectContaining({ id: 'a-4' })] },
      { type: 'typing', durationMs: 3000, sender: { name: 'Ana', avatarUrl: 'https://example.com/ana.png' } },
      { type: 'typing', durationMs: 3000 },
    ]);
    h.transport.disconnect();
  });

  it('the history it hands back is everything seen, oldest first', async () => {
    const { h, frames } = await connected();
    const late = { ...message('a-2', 'second'), time: '2026-01-01T10:00:02.000Z' };
    const early = { ...message('a-1', 'first'), time: '2026-01-01T10:00:01.000Z' };
    frames({ type: 'message', seq: 1, message: late }, { type: 'message', seq: 2, message: early });
    await until(() => h.events.filter((event) => event.type === 'messages').length === 2, 'two messages');
    expect((await h.transport.fetchHistory()).map((m) => m.id)).toEqual(['a-1', 'a-2']);
    h.transport.disconnect();
  });

  it('a reconnect asks only for what came after the last message seen', async () => {
    const { h, frames } = await connected();
    frames({ type: 'message', seq: 12, message: message('a-12', 'twelve') });
    await until(() => h.events.some((event) => event.type === 'messages'), 'the message');
    h.client().close({ code: 4500, reason: 'x', wasClean: false });
    await until(() => h.events.some((event) => event.type === 'closed'), 'closed');
    await h.transport.connect();
    expect(h.received.filter((frame) => frame.type === 'auth').at(-1)).toEqual({ type: 'auth', token: 'tok-1', lastSeq: 12 });
    h.transport.disconnect();
  });
});

describe('GatewayTransport: renewal', () => {
  async function renewing(renewAnswer: () => Response) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const h = harness({
      onAuth: (socket) => socket.send(JSON.stringify(ready([], 0, Date.now() + 60_000))),
      responses: [json(session({ expiresIn: 60 }), 200), renewAnswer, renewAnswer],
    });
    const connecting = h.transport.connect();
    await vi.advanceTimersByTimeAsync(50); // mock-socket delivers on timers
    await connecting;
    return h;
  }

  it.each([[429], [500]])('a %i is retried after 10 s', async (status) => {
    const h = await renewing(() => json({}, status));
    await vi.advanceTimersByTimeAsync(45_500); // 60 s lifetime: renewed 15 s before expiry
    expect(h.requests).toHaveLength(2);
    // The renewal is a JSON POST with the cookie the site may use to vouch for the visitor.
    expect(h.inits[1]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'include' });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(h.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.requests).toHaveLength(3);
    h.transport.disconnect();
  });

  it('a 401 is not retried: the server closes the socket at expiry and the reconnect resumes', async () => {
    const h = await renewing(() => json({}, 401));
    await vi.advanceTimersByTimeAsync(45_500);
    expect(h.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.requests).toHaveLength(2);
    h.transport.disconnect();
  });

  it('a network failure is retried; an answer without a token changes nothing', async () => {
    let calls = 0;
    const h = await renewing(() => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return json({ nothing: true }, 200);
    });
    await vi.advanceTimersByTimeAsync(45_500);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.requests).toHaveLength(3); // the tokenless answer is not retried
    expect(JSON.parse(h.storage.getItem(gatewayTokenKey(ENDPOINT))!).token).toBe('tok-1');
    expect(h.received.filter((frame) => frame.type === 'auth')).toHaveLength(1);
    h.transport.disconnect();
  });

  it('a renewed answer is read as strictly as the first: without a socket URL it changes nothing', async () => {
    const h = await renewing(() => json({ ...session({ token: 'tok-2' }), websocketUrl: undefined }, 200));
    await vi.advanceTimersByTimeAsync(45_500);
    expect(h.requests).toHaveLength(2);
    expect(JSON.parse(h.storage.getItem(gatewayTokenKey(ENDPOINT))!).token).toBe('tok-1');
    expect(h.received.filter((frame) => frame.type === 'auth')).toHaveLength(1);
    h.transport.disconnect();
  });

  it('a renewed answer whose upload URL is not http(s) turns uploads off', async () => {
    const h = await renewing(() => json(session({ token: 'tok-2', uploadUrl: 'javascript:alert(1)' }), 200));
    await vi.advanceTimersByTimeAsync(45_500);
    await until(() => h.received.filter((frame) => frame.type === 'auth').length === 2, 'the renewed token on the socket');
    await expect(h.transport.uploadAttachment(new File(['x'], 'a.txt'))).rejects.toMatchObject({ message: 'This chat server takes no files.' });
    h.transport.disconnect();
  });

  it('a disconnected transport does not renew', async () => {
    const h = await renewing(() => json(session({ token: 'tok-2' }), 200));
    h.transport.disconnect();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.requests).toHaveLength(1);
  });
});

describe('GatewayTransport: a new conversation while a connect is under way', () => {
  it('the older connect gives way: its session is not kept and it opens no socket', async () => {
    let answerFirst: (response: Response) => void = () => undefined;
    const firstAnswer = new Promise<Response>((resolve) => { answerFirst = resolve; });
    const h = harness({ responses: [() => firstAnswer as unknown as Response, json(session({ token: 'tok-new', guestId: 'g-new' }), 200)] });
    const older = h.transport.connect();
    await until(() => h.requests.length === 1, 'the first request');
    const fresh = h.transport.startNewConversation();
    answerFirst(json(session({ token: 'tok-old' }), 200));
    await Promise.all([older, fresh]);
    expect(h.received.filter((frame) => frame.type === 'auth')).toEqual([{ type: 'auth', token: 'tok-new' }]);
    expect(JSON.parse(h.storage.getItem(gatewayTokenKey(ENDPOINT))!).token).toBe('tok-new');
    h.transport.disconnect();
  });

  it('a failure of the older connect is not reported: the new one reports its own', async () => {
    let failFirst: (error: Error) => void = () => undefined;
    const firstAnswer = new Promise<Response>((_, reject) => { failFirst = reject; });
    const h = harness({ responses: [() => firstAnswer as unknown as Response] });
    const older = h.transport.connect();
    await until(() => h.requests.length === 1, 'the first request');
    const fresh = h.transport.startNewConversation();
    failFirst(new TypeError('Failed to fetch'));
    await Promise.all([older, fresh]);
    expect(h.events.filter((event) => event.type === 'closed')).toEqual([]);
    expect(h.received.filter((frame) => frame.type === 'auth')).toHaveLength(1);
    h.transport.disconnect();
  });
});

describe('GatewayTransport: the connection itself', () => {
  it('connect while connected, or twice at once, asks for one session and opens one socket', async () => {
    const h = harness();
    await Promise.all([h.transport.connect(), h.transport.connect()]);
    await h.transport.connect();
    expect(h.requests).toHaveLength(1);
    expect(h.received.filter((frame) => frame.type === 'auth')).toHaveLength(1);
    h.transport.disconnect();
    expect(() => h.transport.sendTyping()).not.toThrow(); // typing after a disconnect is dropped, not an error
  });

  it("a session for another guest (the old one could not be resumed) starts over: no replay point, none of the old guest's messages", async () => {
    const h = harness({ responses: [json(session(), 200), json(session({ guestId: 'g-2', token: 'tok-2' }), 200)] });
    await h.transport.connect();
    h.client().send(JSON.stringify({ type: 'message', seq: 12, message: message('a-12', 'for the old guest') }));
    await until(() => h.events.some((event) => event.type === 'messages'), 'the message');
    h.client().close({ code: 4500, reason: 'x', wasClean: false });
    await until(() => h.events.some((event) => event.type === 'closed'), 'closed');
    await h.transport.connect();
    expect(h.received.filter((frame) => frame.type === 'auth').at(-1)).toEqual({ type: 'auth', token: 'tok-2' });
    expect(await h.transport.fetchHistory()).toEqual([]);
    h.transport.disconnect();
  });

  it("a ready without a time of expiry keeps the session's lifetime; without availability it says nothing of it", async () => {
    const noExpiry: GatewayServerFrame = { ...ready(), session: { ...(ready() as { session: object }).session, expiresAt: 0 } } as GatewayServerFrame;
    const h = harness({
      responses: [json(session({ expiresIn: 600 }), 200)],
      onAuth: (socket) => socket.send(JSON.stringify({ ...noExpiry, availability: undefined })),
    });
    const before = Date.now();
    await h.transport.connect();
    const event = h.events.find((e) => e.type === 'session') as { session: { expiresAt: number } };
    expect(event.session.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(event.session.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(h.events.some((e) => e.type === 'availability')).toBe(false);
    h.transport.disconnect();
  });

  it('a controller that disconnects on hearing of the session (a quiet resume) gets no availability and no renewal', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const h = harness({ responses: [json(session({ expiresIn: 60 }), 200)] });
    h.transport.onEvent((event) => {
      h.events.push(event);
      if (event.type === 'session') h.transport.disconnect();
    });
    const connecting = h.transport.connect();
    await vi.advanceTimersByTimeAsync(50);
    await connecting;
    expect(h.events.map((event) => event.type)).toEqual(['features', 'session']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.requests).toHaveLength(1);
  });
});
