import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewaySessionResponse } from '../../src/protocol/gateway.js';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

describe('server: token endpoint, socket auth and guest protocol', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      sessionRateLimitPerMinute: 1000,
      origins: { origins: ['https://shop.example.com'], allowLoopback: false },
      maxMessageLength: 50,
      // A site's own login: the cookie `sid=alice` means Alice is signed in.
      authenticate: async (request) => (request.headers.cookie?.includes('sid=alice')
        ? { id: 'customer-42', firstName: 'Alice', lastName: 'Doe', email: 'alice@example.com' }
        : null),
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('returns a session with the server\'s own token and a socket URL', async () => {
    const response = await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session', { skill: 'Billing', displayName: 'Ana' });
    expect(response.status).toBe(200);
    const s = response.body;
    expect(s.sessionId).toBeTruthy();
    expect(s.guestId).toMatch(/^g-/);
    expect(s.expiresIn).toBe(900);
    expect(s.websocketUrl).toBe(`${stack.server.url.replace('http', 'ws')}/api/gateway`);
    expect(s.token.split('.')).toHaveLength(2);
  });

  it('answers malformed bodies with 400 and a JSON error', async () => {
    for (const body of [{ skill: 42 }, { customAttributes: { a: 1 } }, { unknown: 'field' }, { displayName: 'x'.repeat(500) }]) {
      const response = await httpJson<{ error: string; message: string }>(stack.server.url, 'POST', '/api/session', body);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('bad-request');
      expect(response.body.message).toBeTruthy();
    }
    const notJson = await fetch(`${stack.server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toBe('bad-request');
  });

  it('renews a valid token and refuses a forged one', async () => {
    const first = (await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session', {})).body;
    const renewed = await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session/renew', { token: first.token });
    expect(renewed.status).toBe(200);
    expect(renewed.body.sessionId).toBe(first.sessionId);
    const guest = await GuestClient.open(renewed.body);
    await guest.close();
    const [payload] = first.token.split('.');
    const forged = await httpJson<{ error: string }>(stack.server.url, 'POST', '/api/session/renew', { token: `${payload}.AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toBe('unauthorized');
  });

  it('resumes a session with resumeToken: same guest, transcript on return', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'resume-1', text: 'remember me' });
    await guest.next('ack', (f) => f.id === 'resume-1');
    await guest.close();
    const again = await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session', { resumeToken: guest.session.token });
    expect(again.body).toMatchObject({ sessionId: guest.session.sessionId, guestId: guest.session.guestId, resumed: true });
    const back = await GuestClient.open(again.body);
    const ready = await back.next('ready');
    expect(ready.session.resumed).toBe(true);
    expect(ready.transcript.map((m) => m.id)).toContain('resume-1');
    await back.close();
  });

  it('refuses a socket with a bad token (error frame, close 4001)', async () => {
    const ws = new WebSocket(`${stack.server.url.replace('http', 'ws')}/api/gateway`);
    const frames: string[] = [];
    ws.on('message', (d) => frames.push(d.toString()));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'auth', token: 'not.valid' }));
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4001);
    expect(JSON.parse(frames[0]!)).toMatchObject({ type: 'error', code: 'unauthorized' });
  });

  it('answers malformed frames with an error frame and keeps the socket open', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.ws.send('not json');
    guest.send({ type: 'warp-drive' });
    guest.send({ type: 'message', text: 'no id' });
    guest.send({ type: 'message', id: 'too-long', text: 'x'.repeat(51) });
    const tooLong = await guest.next('error', (f) => f.ref === 'too-long');
    expect(tooLong.code).toBe('message-too-long');
    await waitFor(() => guest.frames.filter((f) => f.type === 'error').length >= 4, 'four error frames');
    guest.send({ type: 'ping', id: 'still-there' });
    await guest.next('pong', (f) => f.id === 'still-there');
    expect(guest.ws.readyState).toBe(WebSocket.OPEN);
    await guest.close();
  });

  it('bounds a flood of junk frames before auth: few errors, few log lines, and the socket still answers later', async () => {
    const malformedLogs = () => stack.logs.filter((line) => line.includes('malformed gateway frame')).length;
    const logsBefore = malformedLogs();
    const ws = new WebSocket(`${stack.server.url.replace('http', 'ws')}/api/gateway`);
    const frames: { type: string; id?: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as { type: string; id?: string }));
    await new Promise((resolve) => ws.once('open', resolve));
    const flood = 300;
    for (let i = 0; i < flood; i++) ws.send('not json');
    // Frames are handled in order: once a ping is answered, the whole flood has been seen.
    let n = 0;
    await waitFor(() => {
      ws.send(JSON.stringify({ type: 'ping', id: `after-${n++}` }));
      return frames.some((f) => f.type === 'pong');
    }, 'a pong after the flood');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(frames.filter((f) => f.type === 'error').length).toBeLessThan(flood / 3);
    expect(malformedLogs() - logsBefore).toBeLessThan(flood / 3);
    expect(frames.some((f) => f.type === 'error' && (f as { code?: string }).code === 'rate-limited')).toBe(true);
    ws.close();
  });

  it('CORS: allowed origins get the headers, others get 403; sockets from other origins are closed with 4003', async () => {
    const ok = await fetch(`${stack.server.url}/api/session`, { method: 'OPTIONS', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const evil = await httpJson<{ error: string }>(stack.server.url, 'POST', '/api/session', {}, { origin: 'https://evil.example.net' });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toBe('origin-not-allowed');
    const ws = new WebSocket(`${stack.server.url.replace('http', 'ws')}/api/gateway`, { origin: 'https://evil.example.net' });
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4003);
  });

  it('a site-verified customer reaches the agent with their name, email and verified=true; pages cannot spoof it', async () => {
    const verified = await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session', {}, { cookie: 'sid=alice' });
    expect(verified.body.guestId).toMatch(/^v-/);
    expect(verified.body.guestId).not.toContain('customer-42');
    const alice = await GuestClient.open(verified.body);
    alice.send({ type: 'message', id: 'alice-1', text: 'hi, it is Alice' });
    await alice.next('ack', (f) => f.id === 'alice-1');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, verified.body.guestId), 'Alice\'s conversation');
    expect(conversation.customer).toMatchObject({ firstName: 'Alice', lastName: 'Doe' });
    expect(conversation.customAttributes.verified).toBe('true');
    await alice.close();

    const spoof = await GuestClient.connect(stack.server.url, { customAttributes: { verified: 'true' } });
    spoof.send({ type: 'message', id: 'spoof-1', text: 'trust me' });
    await spoof.next('ack', (f) => f.id === 'spoof-1');
    const spoofed = await waitFor(() => conversationOf(stack.emulator.url, spoof.session.guestId), 'the spoofer\'s conversation');
    expect(spoofed.customAttributes.verified).toBeUndefined();
    await spoof.close();
  });
});

describe('server: token endpoint rate limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sessionRateLimitPerMinute: 3 }, { registerWebhook: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers 429 with Retry-After once a client address is over the limit', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof httpJson<{ error: string; retryAfterSeconds: number }>>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await httpJson<{ error: string; retryAfterSeconds: number }>(stack.server.url, 'POST', '/api/session', {});
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body.error).toBe('rate-limited');
  });
});
