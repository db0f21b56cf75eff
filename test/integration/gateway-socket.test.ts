/**
 * The gateway socket's auth and frame handling (server/guest-socket.ts) seen from a guest: what happens before
 * auth, with expired or unknown sessions, binary frames, duplicate ids, quick replies and typing, and how Genesys
 * failures come back as failed acks. Real server and emulator over real sockets.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { sendFailureOf } from '../../server/guest-socket.js';
import { AUTH_TIMEOUT_MS } from '../../src/protocol/gateway.js';
import { UpstreamError } from '../../server/retry.js';
import { SessionTokens } from '../../server/session.js';
import {
  conversationOf, GuestClient, guestMessageTypes, httpJson, rawGatewaySocket as rawSocket, startStack, TEST_SESSION_SECRET, waitFor,
  type Stack,
} from './server-harness.js';

describe('gateway socket: auth', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sessionTtlSeconds: 2 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('before auth: a message gets a failed ack (unauthorized), anything else an error; a ping is answered', async () => {
    const { ws, frames } = await rawSocket(stack);
    ws.send(JSON.stringify({ type: 'message', id: 'early-1', text: 'too early' }));
    ws.send(JSON.stringify({ type: 'quick-reply', id: 'early-2', originatingMessageId: 'x', answer: { type: 'QuickReply', text: 'Yes', payload: 'y' } }));
    ws.send(JSON.stringify({ type: 'typing' }));
    ws.send(JSON.stringify({ type: 'ping', id: 'p' }));
    await waitFor(() => frames.length >= 4, 'four answers');
    expect(frames).toContainEqual({ type: 'ack', id: 'early-1', state: 'failed', failure: { code: 'unauthorized', message: 'Send an auth frame first.' } });
    expect(frames).toContainEqual(expect.objectContaining({ type: 'ack', id: 'early-2', state: 'failed' }));
    expect(frames).toContainEqual({ type: 'error', code: 'unauthorized', message: 'Send an auth frame first.' });
    expect(frames).toContainEqual({ type: 'pong', id: 'p' });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('a binary frame is refused with a protocol error; the socket lives', async () => {
    const { ws, frames } = await rawSocket(stack);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(JSON.stringify({ type: 'ping' }));
    await waitFor(() => frames.some((f) => f.type === 'pong'), 'a pong');
    expect(frames[0]).toEqual({ type: 'error', code: 'protocol', message: 'Frames must be JSON text.' });
    expect(frames[1]).toEqual({ type: 'pong' });
    ws.close();
  });

  it('an expired token closes with 4001 session-expired; a well-signed token of an unknown session with session-not-found', async () => {
    const tokens = new SessionTokens(TEST_SESSION_SECRET);
    const expired = await rawSocket(stack);
    expired.ws.send(JSON.stringify({ type: 'auth', token: tokens.sign({ sid: 's', gid: 'g', exp: Math.floor(Date.now() / 1000) - 5 }) }));
    expect((await expired.closed).code).toBe(4001);
    expect(expired.frames).toEqual([{ type: 'error', code: 'session-expired', message: 'The session token expired; get a new one.' }]);

    const unknown = await rawSocket(stack);
    unknown.ws.send(JSON.stringify({ type: 'auth', token: tokens.sign({ sid: 'no-such-session', gid: 'no-such-guest', exp: Math.floor(Date.now() / 1000) + 60 }) }));
    expect((await unknown.closed).code).toBe(4001);
    expect(unknown.frames).toEqual([{ type: 'error', code: 'session-not-found', message: 'The session is unknown; start a new one.' }]);

    // A real session with another session's guest id is refused the same way.
    const real = await httpJson<{ sessionId: string; guestId: string }>(stack.server.url, 'POST', '/api/session', {});
    const other = await httpJson<{ sessionId: string; guestId: string }>(stack.server.url, 'POST', '/api/session', {});
    const mixed = await rawSocket(stack);
    mixed.ws.send(JSON.stringify({ type: 'auth', token: tokens.sign({ sid: real.body.sessionId, gid: other.body.guestId, exp: Math.floor(Date.now() / 1000) + 60 }) }));
    expect((await mixed.closed).code).toBe(4001);
    expect(mixed.frames[0]).toMatchObject({ code: 'session-not-found' });
    // A real session with a guest id the server never issued.
    const stray = await rawSocket(stack);
    stray.ws.send(JSON.stringify({ type: 'auth', token: tokens.sign({ sid: real.body.sessionId, gid: 'g-never-issued', exp: Math.floor(Date.now() / 1000) + 60 }) }));
    expect((await stray.closed).code).toBe(4001);
    expect(stray.frames[0]).toMatchObject({ code: 'session-not-found' });
  });

  it('an authenticated socket outlives the auth deadline (the auth timer is cleared on auth); a silent one does not', async () => {
    const long = await startStack({ sessionTtlSeconds: 60 });
    try {
      const guest = await GuestClient.connect(long.server.url, {});
      const silent = await rawSocket(long);
      await new Promise((resolve) => setTimeout(resolve, AUTH_TIMEOUT_MS + 500));
      guest.send({ type: 'ping', id: 'still-open' });
      await guest.next('pong', (f) => f.id === 'still-open');
      expect(guest.ws.readyState).toBe(WebSocket.OPEN);
      expect(guest.frames.filter((f) => f.type === 'error')).toEqual([]);
      // The socket that never sent `auth` was told why and closed with 4008 at the deadline.
      expect((await silent.closed).code).toBe(4008);
      expect(silent.frames).toEqual([{ type: 'error', code: 'unauthorized', message: 'No auth frame in time.' }]);
      await guest.close();
    } finally {
      await long.close();
    }
  }, AUTH_TIMEOUT_MS + 15_000);

  it('ready carries the session, features, limits and transcript; the socket closes when its token expires', async () => {
    const guest = await GuestClient.connect(stack.server.url, { displayName: 'Ana' });
    const ready = guest.frames.find((f) => f.type === 'ready');
    expect(ready).toMatchObject({ type: 'ready', session: { sessionId: guest.session.sessionId, guestId: guest.session.guestId, resumed: false, readOnly: false }, transcript: [], seq: 0 });
    expect(ready && 'limits' in ready ? ready.limits.maxMessageLength : 0).toBe(4000);
    const closed = await guest.closed;
    expect(closed.code).toBe(4001);
    expect(guest.frames).toContainEqual({ type: 'error', code: 'session-expired', message: 'The session token expired; get a new one.' });
  });
});

describe('gateway socket: messages', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the same message id twice reaches Genesys once; both get ack sent, and the echo carries the name', async () => {
    const guest = await GuestClient.connect(stack.server.url, { displayName: 'Ana' });
    guest.send({ type: 'message', id: 'dup-1', text: 'only once' });
    await guest.next('ack', (f) => f.id === 'dup-1');
    guest.send({ type: 'message', id: 'dup-1', text: 'only once' });
    await waitFor(() => guest.frames.filter((f) => f.type === 'ack' && f.id === 'dup-1').length === 2, 'the second ack');
    expect(guest.frames.filter((f) => f.type === 'ack' && f.id === 'dup-1').map((f) => (f as { state: string }).state)).toEqual(['sent', 'sent']);
    const echo = await guest.next('message', (f) => f.message.id === 'dup-1');
    expect(echo.message).toMatchObject({ role: 'guest', text: 'only once', sender: { name: 'Ana' } });
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.filter((m) => m.text === 'only once')).toHaveLength(1);
    await guest.close();
  });

  it('a quick-reply answer goes to Genesys as the button text and is echoed as a ButtonResponse', async () => {
    // Quick replies reach an Open webhook only in the (UNCONFIRMED) Structured shape; the documented default is text.
    await httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'structured' });
    onTestFinished(() => httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'text' }).then(() => undefined));
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'qr-0', text: 'hello' });
    await guest.next('ack', (f) => f.id === 'qr-0');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, {
      text: 'Shall I?', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes please', payload: 'yes', action: 'Message' } }],
    });
    const question = await guest.next('message', (f) => f.message.text === 'Shall I?');
    guest.send({ type: 'quick-reply', id: 'qr-1', originatingMessageId: question.message.id, answer: { type: 'QuickReply', text: 'Yes please', payload: 'yes' } });
    expect((await guest.next('ack', (f) => f.id === 'qr-1')).state).toBe('sent');
    const echo = await guest.next('message', (f) => f.message.id === 'qr-1');
    expect(echo.message.content).toEqual([{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Yes please', payload: 'yes' } }]);
    await guest.close();
  });

  it('typing before the first message is not sent to Genesys (a typing event may not start a conversation)', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const genesys = guestMessageTypes(stack, guest.session.guestId);
    try {
      guest.send({ type: 'typing' });
      guest.send({ type: 'ping', id: 'after-typing' });
      await guest.next('pong', (f) => f.id === 'after-typing');
      guest.send({ type: 'message', id: 'first', text: 'first words' });
      await guest.next('ack', (f) => f.id === 'first');
      await waitFor(() => genesys.types.includes('Text'), 'the message at Genesys');
      expect(genesys.types).toEqual(['Text']);
      expect(await conversationOf(stack.emulator.url, guest.session.guestId)).toBeDefined();
    } finally {
      genesys.stop();
      await guest.close();
    }
  });
});

describe('gateway socket: Genesys failures as the widget sees them', () => {
  it('maps final Genesys failures to the failure shown next to the message', () => {
    expect(sendFailureOf(new UpstreamError('x', 429, 2500))).toEqual({ code: 'rate-limited', message: 'Genesys is busy; try again shortly.', retryAfterSeconds: 3 });
    expect(sendFailureOf(new UpstreamError('x', 429))).toEqual({ code: 'rate-limited', message: 'Genesys is busy; try again shortly.' });
    expect(sendFailureOf(new UpstreamError('x', 0))).toEqual({ code: 'network', message: 'Genesys could not be reached.' });
    expect(sendFailureOf(new UpstreamError('x', 400))).toEqual({ code: 'server', message: 'Genesys refused the message.' });
    expect(sendFailureOf(new UpstreamError('x', 503))).toEqual({ code: 'server', message: 'Genesys answered 503.' });
    expect(sendFailureOf(new Error('boom'))).toEqual({ code: 'server', message: 'The message could not be sent.' });
    expect(sendFailureOf('odd')).toEqual({ code: 'server', message: 'The message could not be sent.' });
  });
});
