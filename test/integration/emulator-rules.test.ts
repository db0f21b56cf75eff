import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEmulator } from '../../emulator/index.js';
import { DEFAULT_WORLD_PATH, loadWorldFile } from '../../emulator/world-load.js';
import type { SessionResponseBody, StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ maxMessageLength: 50, rateLimitPerMinute: 1000 });
const { guest, guestAt, conversationOf } = emu;

/** Status code of a refused upgrade (or 101 when it was accepted). */
function upgradeStatus(url: string, origin?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { headers: { Origin: origin } } : {});
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

const socketUrl = (deploymentId: string): string => `${emu.url.replace('http', 'ws')}/v1?deploymentId=${deploymentId}`;

describe('upgrade checks', () => {
  it('accepts an allowed Origin', async () => {
    expect((await upgradeStatus(socketUrl('demo-deployment'), 'http://127.0.0.1:8080')).status).toBe(101);
  });

  it('refuses an Origin outside the allowed domains with 403 and a JSON reason', async () => {
    const refused = await upgradeStatus(socketUrl('locked-deployment'), 'http://localhost:8080');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ status: 403, code: 'origin.not.allowed' });
    expect((await upgradeStatus(socketUrl('locked-deployment'), 'https://example.com')).status).toBe(101);
  });

  it('refuses a missing Origin', async () => {
    expect((await upgradeStatus(socketUrl('demo-deployment'))).status).toBe(403);
  });

  it('refuses unknown and inactive deployments, and a missing deploymentId', async () => {
    expect((await upgradeStatus(socketUrl('no-such-deployment'), 'http://localhost')).status).toBe(403);
    const inactive = await upgradeStatus(socketUrl('inactive-deployment'), 'http://localhost');
    expect(inactive.status).toBe(403);
    expect(JSON.parse(inactive.body)).toMatchObject({ code: 'deployment.inactive' });
    expect((await upgradeStatus(`${emu.url.replace('http', 'ws')}/v1`, 'http://localhost')).status).toBe(400);
  });
});

describe('message rules', () => {
  it('4011 for a message over the configured length; the socket stays usable', async () => {
    const g = await guest();
    await g.configure();
    const tooLong = await g.say('x'.repeat(51));
    expect(tooLong).toMatchObject({ type: 'response', class: 'string', code: 4011 });
    const fits = await g.say('y'.repeat(50));
    expect(fits.class).toBe('StructuredMessage');
  });

  it('4013 for custom attributes over maxCustomDataBytes', async () => {
    const g = await guest();
    const session = await g.configure();
    const limit = (session.body as SessionResponseBody).maxCustomDataBytes ?? 0;
    const frame = await g.say('hi', { channel: { metadata: { customAttributes: { big: 'z'.repeat(limit) } } } });
    expect(frame).toMatchObject({ class: 'string', code: 4013 });
    const conversation = conversationOf(g);
    expect(conversation?.customAttributes.big).toBeUndefined();
  });

  it('a skill custom attribute routes the conversation to the queue with that skill', async () => {
    const g = await guest();
    await g.configure();
    await g.say('invoice question', { channel: { metadata: { customAttributes: { skill: 'Billing' } } } });
    const conversation = conversationOf(g);
    expect(conversation?.queueId).toBe('queue-billing');
  });
});

describe('rate limit', () => {
  it('answers TooManyRequestsErrorMessage with retryAfter over the per-session limit', async () => {
    const limited = await startEmulator({ port: 0, rateLimitPerMinute: 3 });
    try {
      const g = await guestAt(limited.url);
      await g.configure();
      await g.say('one');
      await g.say('two');
      const frame = await g.say('three');
      expect(frame).toMatchObject({ type: 'response', class: 'TooManyRequestsErrorMessage', code: 429 });
      const body = frame.body as { errorCode: number; errorMessage: string; retryAfter: number };
      expect(body.errorCode).toBe(429);
      expect(body.errorMessage).toMatch(/rate too high/);
      expect(body.retryAfter).toBeGreaterThan(0);
      const conversation = limited.ctx.world.conversations().find((c) => c.sessionToken === g.token);
      expect(conversation?.messages.filter((m) => m.direction === 'Inbound').map((m) => m.text)).toEqual(['one', 'two']);
    } finally {
      await limited.close();
    }
  });
});

describe('read-only after disconnect', () => {
  it('Presence Disconnect with readOnly, then 409 on send; startNew opens a fresh conversation', async () => {
    const g = await guest();
    await g.configure();
    await g.say('hello');
    const conversation = conversationOf(g);
    if (!conversation) throw new Error('no conversation');
    emu.ctx.world.agentDisconnect(conversation.id);
    const disconnect = await g.next((f) => (f.body as StructuredMessageBody).events?.[0]?.eventType === 'Presence');
    expect(disconnect.body).toMatchObject({
      type: 'Event', direction: 'Outbound', events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }],
      metadata: { readOnly: 'true' },
    });
    const refused = await g.say('anyone?');
    expect(refused).toMatchObject({ type: 'response', class: 'string', code: 409, body: 'Session is read-only, no new messages allowed' });

    const resumed = await g.configure();
    expect(resumed.body).toMatchObject({ connected: true, newSession: false, readOnly: true });
    const closed = await g.request({ action: 'closeSession' });
    expect(closed.body).toMatchObject({ connected: false });
    const fresh = await g.configure({ startNew: true });
    expect(fresh.body).toMatchObject({ connected: true, newSession: true, readOnly: false });
    expect((await g.say('new start')).class).toBe('StructuredMessage');
  });

  it('with conversationDisconnect "Send" the session stays writable and the next message opens a new conversation', async () => {
    const world = loadWorldFile(DEFAULT_WORLD_PATH);
    const demo = world.deployments.find((d) => d.id === 'demo-deployment');
    if (!demo?.messenger?.apps?.conversations) throw new Error('default world changed');
    demo.messenger.apps.conversations.conversationDisconnect = { enabled: true, type: 'Send' };
    const sendMode = await startEmulator({ port: 0, world });
    try {
      const g = await guestAt(sendMode.url);
      await g.configure();
      await g.say('first');
      const first = sendMode.ctx.world.conversations().find((c) => c.sessionToken === g.token);
      if (!first) throw new Error('no conversation');
      sendMode.ctx.world.agentDisconnect(first.id);
      const disconnect = await g.next((f) => (f.body as StructuredMessageBody).type === 'Event');
      expect((disconnect.body as StructuredMessageBody).metadata?.readOnly).toBeUndefined();
      expect((await g.say('second')).class).toBe('StructuredMessage');
      const all = sendMode.ctx.world.conversations().filter((c) => c.sessionToken === g.token);
      expect(all).toHaveLength(2);
    } finally {
      await sendMode.close();
    }
  });
});
