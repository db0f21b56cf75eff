import { describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import { conversationOf, GuestClient, httpJson, stackPerTest, waitFor, type Stack } from './server-harness.js';

interface OAuthStats { tokenRequests: number; tokensIssued: number }

async function tokenStats(stack: Stack): Promise<OAuthStats> {
  return (await httpJson<OAuthStats>(stack.emulator.url, 'GET', '/emulator/oauth/stats')).body;
}

describe('server: Genesys OAuth client credentials', () => {
  const start = stackPerTest();

  it('200 concurrent guest sessions, each sending a message, cause exactly one token request', async () => {
    const stack = await start({ sessionRateLimitPerMinute: 0, outboundRatePerSecond: 1000 }, { registerWebhook: false });
    expect((await tokenStats(stack)).tokenRequests).toBe(0);
    const guests = await Promise.all(Array.from({ length: 200 }, (_, i) => GuestClient.connect(stack.server.url, { displayName: `Guest ${i}` })));
    guests.forEach((g, i) => g.send({ type: 'message', id: `m-${i}`, text: `hello ${i}` }));
    const acks = await Promise.all(guests.map((g, i) => g.next('ack', (f) => f.id === `m-${i}`, 15_000)));
    expect(acks.every((a) => a.state === 'sent')).toBe(true);
    expect((await tokenStats(stack)).tokenRequests).toBe(1);
    await Promise.all(guests.map((g) => g.close()));
  });

  it('a 429 with Retry-After from the inbound endpoint is waited out and the message goes through once', async () => {
    const stack = await start();
    const guest = await GuestClient.connect(stack.server.url, {});
    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { platform: { status: 429, retryAfter: 1, count: 1, path: '/inbound/open/message' } });
    guest.send({ type: 'message', id: 'rl-1', text: 'after the rate limit' });
    expect((await guest.next('ack', (f) => f.id === 'rl-1')).state).toBe('sent');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.filter((m) => m.text === 'after the rate limit')).toHaveLength(1);
    await guest.close();
  });

  it('5xx answers are retried with backoff', async () => {
    const stack = await start();
    const guest = await GuestClient.connect(stack.server.url, {});
    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { platform: { status: 503, count: 2, path: '/inbound/open/message' } });
    guest.send({ type: 'message', id: 'five-1', text: 'through the outage' });
    expect((await guest.next('ack', (f) => f.id === 'five-1')).state).toBe('sent');
    await guest.close();
  });

  it('a message that keeps failing comes back as ack failed (never dropped) and can be retried with the same id', async () => {
    const stack = await start({ retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
    const guest = await GuestClient.connect(stack.server.url, {});
    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { platform: { status: 500, count: 5, path: '/inbound/open/message' } });
    guest.send({ type: 'message', id: 'fail-1', text: 'will fail first' });
    const failed = await guest.next('ack', (f) => f.id === 'fail-1');
    expect(failed.state).toBe('failed');
    expect(failed.failure?.code).toBe('server');
    await httpJson(stack.emulator.url, 'DELETE', '/emulator/faults');
    guest.send({ type: 'message', id: 'fail-1', text: 'will fail first' });
    expect((await guest.next('ack', (f) => f.id === 'fail-1' && f.state === 'sent')).state).toBe('sent');
    await guest.close();
  });

  it('a token revoked mid-conversation gets one fresh token and the message still goes through', async () => {
    const stack = await start();
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'exp-1', text: 'before expiry' });
    await guest.next('ack', (f) => f.id === 'exp-1');
    const before = (await tokenStats(stack)).tokenRequests;
    await httpJson(stack.emulator.url, 'POST', '/emulator/oauth/expire');
    guest.send({ type: 'message', id: 'exp-2', text: 'after expiry' });
    expect((await guest.next('ack', (f) => f.id === 'exp-2')).state).toBe('sent');
    expect((await tokenStats(stack)).tokenRequests).toBe(before + 1);
    await guest.close();
  });

  it('a message after a short-lived token ran out still goes through with a new token (renewal before expiry: test/unit/oauth-cache.test.ts)', async () => {
    const stack = await start({}, { tokenLifetimeSeconds: 1 });
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'short-1', text: 'first' });
    await guest.next('ack', (f) => f.id === 'short-1');
    const started = Date.now();
    await waitFor(() => Date.now() - started > 1100, 'the token lifetime to pass');
    guest.send({ type: 'message', id: 'short-2', text: 'second' });
    expect((await guest.next('ack', (f) => f.id === 'short-2')).state).toBe('sent');
    expect((await tokenStats(stack)).tokenRequests).toBeGreaterThanOrEqual(2);
    await guest.close();
  });

  it('no response body and no log line holds the client secret or a Genesys token', async () => {
    const issued: string[] = [];
    const bodies: string[] = [];
    // Watch the server's real traffic to learn which tokens the emulator issued.
    const spyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/oauth/token') && response.ok) {
        const body = (await response.clone().json()) as { access_token: string };
        issued.push(body.access_token);
      }
      return response;
    };
    const stack = await start({ fetchImpl: spyFetch });
    const session = await httpJson(stack.server.url, 'POST', '/api/session', { skill: 'Billing' });
    bodies.push(session.text);
    bodies.push((await httpJson(stack.server.url, 'GET', '/api/availability')).text);
    bodies.push((await httpJson(stack.server.url, 'POST', '/api/session', { bad: true })).text);
    bodies.push((await httpJson(stack.server.url, 'GET', '/api/health')).text);
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'leak-1', text: 'hello' });
    await guest.next('ack', (f) => f.id === 'leak-1');
    guest.send({ not: 'a frame' });
    await guest.next('error');
    await httpJson(stack.emulator.url, 'POST', '/emulator/oauth/expire');
    guest.send({ type: 'message', id: 'leak-2', text: 'again' });
    await guest.next('ack', (f) => f.id === 'leak-2');
    bodies.push(...guest.frames.map((f) => JSON.stringify(f)));
    await guest.close();

    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(stack.logs.length).toBeGreaterThan(0);
    const secrets = [EMULATOR_DEFAULTS.clientSecret, EMULATOR_DEFAULTS.webhookSecret, Buffer.from(`${EMULATOR_DEFAULTS.clientId}:${EMULATOR_DEFAULTS.clientSecret}`).toString('base64'), ...issued];
    for (const secret of secrets) {
      for (const text of [...bodies, ...stack.logs]) expect(text.includes(secret), `leak of a secret in: ${text.slice(0, 200)}`).toBe(false);
    }
  });
});
