/**
 * The gateway socket over a session's life (server/guest-socket.ts): what `ready` carries on a return (lastSeq,
 * expiry), a renewed token extending an open socket, an expired one closing it, and how refusals are reported and
 * logged. Real server and emulator over real sockets.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

describe('gateway socket over a session', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sessionTtlSeconds: 3 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a second socket of the session gets ready with the transcript after lastSeq, resumed, and the token expiry', async () => {
    const first = await GuestClient.connect(stack.server.url, {});
    const ready = await first.next('ready');
    expect(ready.session.expiresAt).toBeGreaterThan(Date.now());
    expect(ready.session.expiresAt).toBeLessThanOrEqual(Date.now() + 3000);
    expect(ready.features).toEqual(expect.any(Object));
    for (const id of ['s-1', 's-2']) {
      first.send({ type: 'message', id, text: `text ${id}` });
      await first.next('ack', (f) => f.id === id);
    }
    const echo1 = await first.next('message', (f) => f.message.id === 's-1');
    const second = await GuestClient.open(first.session, echo1.seq);
    const again = await second.next('ready');
    expect(again.session.resumed).toBe(true);
    expect(again.transcript.map((m) => m.id)).toEqual(['s-2']);
    const third = await GuestClient.open(first.session);
    expect((await third.next('ready')).transcript.map((m) => m.id)).toEqual(['s-1', 's-2']);
    // The guest's own echoes reach every open socket of the session.
    second.send({ type: 'message', id: 's-3', text: 'from the second tab' });
    await first.next('message', (f) => f.message.id === 's-3');
    await third.next('message', (f) => f.message.id === 's-3');
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  it('a renewed token sent on an open socket keeps it open past the first expiry; it closes at the new one', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const firstExpiry = (await guest.next('ready')).session.expiresAt;
    await waitFor(() => Date.now() > firstExpiry - 1500, 'half the token life');
    const renewed = await httpJson<{ token: string }>(stack.server.url, 'POST', '/api/session/renew', { token: guest.session.token });
    guest.send({ type: 'auth', token: renewed.body.token });
    guest.send({ type: 'ping', id: 'renewed' });
    await guest.next('pong', (f) => f.id === 'renewed');
    await waitFor(() => Date.now() > firstExpiry + 300, 'the first expiry');
    expect(guest.ws.readyState).toBe(WebSocket.OPEN);
    const closed = await guest.closed;
    expect(closed.code).toBe(4001);
    expect(Date.now()).toBeGreaterThan(firstExpiry);
  });

  it('re-auth with an expired token of the same session closes the socket as expired', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const token = guest.session.token;
    const expiry = (await guest.next('ready')).session.expiresAt;
    await waitFor(() => Date.now() > expiry, 'the token to expire', 6000);
    // The socket may already be closing on its own expiry timer; either way it ends as session-expired.
    if (guest.ws.readyState === WebSocket.OPEN) guest.send({ type: 'auth', token });
    expect((await guest.closed).code).toBe(4001);
    expect(guest.frames).toContainEqual(expect.objectContaining({ type: 'error', code: 'session-expired' }));
  });

  it('malformed frames: the error names the frame id it could read, and the log says why', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const before = stack.logs.length;
    guest.send({ type: 'message', id: 'x'.repeat(200) });
    guest.ws.send(Buffer.from([0, 1]), { binary: true });
    await waitFor(() => guest.frames.filter((f) => f.type === 'error').length >= 2, 'two errors');
    const errors = guest.frames.filter((f) => f.type === 'error') as { code: string; ref?: string }[];
    expect(errors[0]).toMatchObject({ code: 'protocol', ref: 'x'.repeat(128) });
    expect(errors[1]).toMatchObject({ code: 'protocol' });
    const lines = stack.logs.slice(before).map((l) => JSON.parse(l) as { msg: string; reason?: string; session?: string });
    expect(lines.find((l) => l.msg === 'malformed gateway frame')).toMatchObject({ session: guest.session.sessionId, reason: expect.any(String) });
    expect(lines.find((l) => l.msg === 'binary gateway frame refused')).toMatchObject({ session: guest.session.sessionId });
    await guest.close();
  });

  it('over the frame rate: one rate-limited error (retry after 1 s) and one log line per run of refused frames', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const before = stack.logs.length;
    for (let i = 0; i < 60; i++) guest.send({ type: 'typing' });
    guest.send({ type: 'ping', id: 'burst-end' });
    await waitFor(() => guest.frames.some((f) => f.type === 'error' && f.code === 'rate-limited'), 'a rate-limited error');
    const refused = guest.frames.filter((f) => f.type === 'error' && f.code === 'rate-limited') as { retryAfterSeconds?: number }[];
    expect(refused[0]?.retryAfterSeconds).toBe(1);
    // A run is broken only by an accepted frame (the bucket refills at 10/s): a few runs at most, never one per frame.
    expect(refused.length).toBeLessThan(10);
    const lines = stack.logs.slice(before).filter((l) => l.includes('gateway socket over the frame rate'));
    expect(lines.length).toBe(refused.length);
    expect(JSON.parse(lines[0]!)).toMatchObject({ session: guest.session.sessionId });
    await guest.close();
  });
});
