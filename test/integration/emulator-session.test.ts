import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startEmulator } from '../../emulator/index.js';
import type { SessionResponseBody, StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator();
const { guest, guestAt, conversationOf } = emu;

describe('configureSession', () => {
  it('starts a new session and announces the deployment limits', async () => {
    const g = await guest();
    const frame = await g.configure();
    expect(frame).toMatchObject({ type: 'response', class: 'SessionResponse', code: 200 });
    const body = frame.body as SessionResponseBody;
    expect(body.connected).toBe(true);
    expect(body.newSession).toBe(true);
    expect(body.readOnly).toBe(false);
    expect(body.maxCustomDataBytes).toBeGreaterThan(0);
    expect(body.allowedMedia?.inbound?.fileTypes).toContainEqual({ type: 'image/png' });
    expect(body.blockedExtensions).toContain('.exe');
  });

  it('resumes the same token with newSession:false and keeps the transcript', async () => {
    const token = randomUUID();
    const first = await guest({ token });
    await first.configure();
    await first.say('remember me');
    first.close();
    await first.closed();

    const again = await guest({ token });
    const frame = await again.configure();
    expect((frame.body as SessionResponseBody).newSession).toBe(false);
    const conversation = emu.ctx.world.conversations().find((c) => c.sessionToken === token);
    expect(conversation?.messages.some((m) => m.text === 'remember me')).toBe(true);
  });

  it('answers every request with its tracingId', async () => {
    const g = await guest();
    const tracingId = randomUUID();
    g.send({ action: 'configureSession', deploymentId: 'demo-deployment', tracingId });
    const frame = await g.next((f) => f.class === 'SessionResponse');
    expect(frame.tracingId).toBe(tracingId);
    const jwt = await g.request({ action: 'getJwt' });
    expect(jwt.class).toBe('JwtResponse');
  });

  it('refuses a deploymentId that differs from the connection', async () => {
    const g = await guest();
    const frame = await g.request({ action: 'configureSession', deploymentId: 'locked-deployment' });
    expect(frame).toMatchObject({ class: 'string', code: 400 });
  });

  it('answers 4007 to a request on a token that never configured a session', async () => {
    const g = await guest();
    const frame = await g.say('hello?');
    expect(frame).toMatchObject({ type: 'response', class: 'string', code: 4007 });
  });

  it('answers 4020 when the token is missing', async () => {
    const g = await guest();
    g.sendRaw(JSON.stringify({ action: 'getJwt', tracingId: 't-missing' }));
    const frame = await g.next((f) => f.tracingId === 't-missing');
    expect(frame).toMatchObject({ class: 'string', code: 4020 });
  });
});

describe('onMessage', () => {
  it('echoes the guest message Inbound with the customMessageId and custom attributes recorded', async () => {
    const g = await guest();
    await g.configure();
    const customMessageId = randomUUID();
    const echo = await g.request({
      action: 'onMessage',
      message: { type: 'Text', text: 'Hello there', metadata: { customMessageId } },
      channel: { metadata: { customAttributes: { accountId: '123', skill: 'Billing' } } },
    });
    const body = echo.body as StructuredMessageBody;
    expect(echo.class).toBe('StructuredMessage');
    expect(body.direction).toBe('Inbound');
    expect(body.text).toBe('Hello there');
    expect(body.metadata?.customMessageId).toBe(customMessageId);
    expect(body.channel?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const conversation = conversationOf(g);
    expect(conversation?.customAttributes).toMatchObject({ accountId: '123', skill: 'Billing' });
  });

  it('passes a Typing event to the world without an echo', async () => {
    const g = await guest();
    await g.configure();
    const seen = new Promise<StructuredMessageBody>((resolve) => {
      emu.ctx.world.once('guest-message', (_c, m) => resolve(m));
    });
    g.send({ action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } });
    const event = await seen;
    expect(event.events?.[0]?.eventType).toBe('Typing');
    const echo = await g.request({ action: 'echo', message: { type: 'Text', text: 'ping' } });
    expect(g.frames.filter((f) => f.class === 'StructuredMessage' && f !== echo)).toHaveLength(0);
  });

  it('rejects a message without text or content', async () => {
    const g = await guest();
    await g.configure();
    const frame = await g.request({ action: 'onMessage', message: { type: 'Text', text: '' } });
    expect(frame).toMatchObject({ class: 'string', code: 400 });
  });
});

describe('echo, getJwt, getConfiguration', () => {
  it('echo returns the text as an Inbound StructuredMessage with the health-check tracingId', async () => {
    const g = await guest();
    await g.configure();
    const frame = await g.request({ action: 'echo', message: { type: 'Text', text: 'ping' }, tracingId: 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=' });
    expect(frame).toMatchObject({ type: 'response', class: 'StructuredMessage', code: 200, tracingId: 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=' });
    expect(frame.body).toMatchObject({ text: 'ping', direction: 'Inbound' });
  });

  it('getJwt returns a JWT and a future expiry', async () => {
    const g = await guest();
    await g.configure();
    const frame = await g.request({ action: 'getJwt' });
    const body = frame.body as { jwt: string; exp: number };
    expect(body.jwt.split('.')).toHaveLength(3);
    expect(body.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('getConfiguration returns the upload rules', async () => {
    const g = await guest();
    const frame = await g.request({ action: 'getConfiguration', deploymentId: 'demo-deployment' });
    expect(frame.class).toBe('GetConfigurationResponse');
    expect(frame.body).toMatchObject({ deploymentId: 'demo-deployment', allowedMedia: { inbound: { maxFileSizeKB: 10240 } } });
  });
});

describe('tabs sharing a token', () => {
  it('every tab receives agent messages and the echo of a message sent in another tab', async () => {
    const token = randomUUID();
    const tab1 = await guest({ token });
    const tab2 = await guest({ token });
    await tab1.configure();
    await tab2.configure();
    const customMessageId = randomUUID();
    await tab1.request({ action: 'onMessage', message: { type: 'Text', text: 'from tab 1', metadata: { customMessageId } } });
    const echoInTab2 = await tab2.next((f) => (f.body as StructuredMessageBody).metadata?.customMessageId === customMessageId);
    expect(echoInTab2.tracingId).toBeUndefined();

    const conversation = emu.ctx.world.conversations().find((c) => c.sessionToken === token);
    if (!conversation) throw new Error('no conversation');
    emu.ctx.world.agentSend(conversation.id, { text: 'agent here' });
    for (const tab of [tab1, tab2]) {
      const f = await tab.next((x) => (x.body as StructuredMessageBody).text === 'agent here');
      expect(f.body).toMatchObject({ direction: 'Outbound', originatingEntity: 'Human' });
    }
  });

  it('closeSession with closeAllConnections sends ConnectionClosedEvent to the other tabs', async () => {
    const token = randomUUID();
    const tab1 = await guest({ token });
    const tab2 = await guest({ token });
    await tab1.configure();
    await tab2.configure();
    const frame = await tab1.request({ action: 'closeSession', closeAllConnections: true });
    expect(frame).toMatchObject({ class: 'SessionResponse', body: { connected: false } });
    await tab2.next((f) => f.class === 'ConnectionClosedEvent');
    expect(await tab2.closed()).toBe(1000);
    expect(tab1.frames.some((f) => f.class === 'ConnectionClosedEvent')).toBe(false);
  });
});

describe('Presence Clear', () => {
  it('clears the conversation: SessionClearedEvent to every tab, the token starts afresh', async () => {
    const token = randomUUID();
    const tab1 = await guest({ token });
    const tab2 = await guest({ token });
    await tab1.configure();
    await tab2.configure();
    await tab1.say('to be forgotten');
    tab1.send({ action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] } });
    await tab1.next((f) => f.class === 'SessionClearedEvent');
    await tab2.next((f) => f.class === 'SessionClearedEvent');
    const again = await tab1.configure();
    expect((again.body as SessionResponseBody).newSession).toBe(true);
  });
});

describe('session expiry', () => {
  it('a session past its duration gets SessionExpiredEvent, then 4006 on every request', async () => {
    const short = await startEmulator({ port: 0, sessionDurationSeconds: 1 });
    try {
      const g = await guestAt(short.url);
      await g.configure();
      await g.next((f) => f.class === 'SessionExpiredEvent', 4000);
      const frame = await g.say('too late');
      expect(frame).toMatchObject({ class: 'string', code: 4006 });
      const reconfigure = await g.configure();
      expect(reconfigure).toMatchObject({ class: 'string', code: 4006 });
      const fresh = await g.configure({ startNew: true });
      expect(fresh.body).toMatchObject({ connected: true, newSession: true });
    } finally {
      await short.close();
    }
  });
});
