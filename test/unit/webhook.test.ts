/**
 * The Open Messaging webhook (server/webhook.ts) on a real Fastify app with a recording Delivery: signature rules,
 * replay detection and where each payload type is routed. The end-to-end path (emulator -> server -> guest socket)
 * is in test/integration/server-webhook.test.ts.
 */
import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../server/delivery.js';
import { ReplayGuard, signatureMatches, webhookRoutes, WEBHOOK_PATH } from '../../server/webhook.js';
import type { ChatMessage } from '../../src/model.js';

const SECRET = 'webhook-secret-0123456789';
const INTEGRATION = 'integration-1';
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

interface Recorded { messages: { guestId: string; payloadId: string; message: ChatMessage }[]; typing: { guestId: string; ms: number }[]; logs: string[] }

function payload(extra: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) {
  return {
    id: 'p-1', type: 'Text', text: 'Hello', direction: 'Outbound',
    channel: { id: INTEGRATION, platform: 'Open', type: 'Private', messageId: 'p-1', time: '2025-01-01T00:00:00.000Z', to: { id: 'g-1' }, from: { id: INTEGRATION, nickname: 'Bot' }, ...channel },
    ...extra,
  };
}

describe('webhook route', () => {
  let app: FastifyInstance;
  let seen: Recorded;
  beforeEach(async () => {
    seen = { messages: [], typing: [], logs: [] };
    const replayKeys = new Set<string>();
    const delivery = {
      // The store answers replays (a key seen within the window) before anything is delivered.
      acceptAgentMessage: async (key: string, _windowMs: number, guestId: string, payloadId: string, message: ChatMessage) => {
        if (replayKeys.has(key)) return 'replay';
        replayKeys.add(key);
        seen.messages.push({ guestId, payloadId, message });
        return 'accepted';
      },
      typing: async (guestId: string, ms: number) => { seen.typing.push({ guestId, ms }); },
    } as unknown as Delivery;
    const record = (level: string) => (...args: unknown[]) => { seen.logs.push(`${level} ${JSON.stringify(args)}`); };
    const log = { info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') };
    app = Fastify();
    await app.register(webhookRoutes, { secret: SECRET, delivery, log, integrationId: INTEGRATION, defaultTypingMs: 4321, replayWindowMs: 60_000 });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
  });

  const post = (body: string, headers: Record<string, string> = { 'x-hub-signature-256': sign(body) }, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: WEBHOOK_PATH, headers: { 'content-type': contentType, ...headers }, payload: body });
  const routed = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('a signed Text payload is answered 200 and delivered to its guest as an agent message', async () => {
    const body = JSON.stringify(payload());
    const response = await post(body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    await routed();
    expect(seen.messages).toHaveLength(1);
    expect(seen.messages[0]).toMatchObject({ guestId: 'g-1', payloadId: 'p-1', message: { id: 'p-1', role: 'agent', text: 'Hello' } });
  });

  it('a Structured payload is delivered too', async () => {
    await post(JSON.stringify(payload({ id: 'p-s', type: 'Structured', text: 'Pick', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y' } }] })));
    await routed();
    expect(seen.messages.map((m) => m.payloadId)).toEqual(['p-s']);
    expect(seen.messages[0]!.message.content).toHaveLength(1);
  });

  it('refuses a missing, empty or wrong signature with 401 and JSON; delivers nothing', async () => {
    const body = JSON.stringify(payload());
    const missing = await post(body, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'signature-missing', message: 'X-Hub-Signature-256 is required.' });
    expect((await post(body, { 'x-hub-signature-256': '' })).statusCode).toBe(401);
    const wrong = await post(body, { 'x-hub-signature-256': sign(body, 'another-secret-0123456789') });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'signature-invalid', message: 'X-Hub-Signature-256 does not match.' });
    expect((await post(body, { 'x-hub-signature-256': sign(body).replace('sha256=', 'sha1=') })).statusCode).toBe(401);
    expect((await post(body, { 'x-hub-signature-256': `${sign(body)}x` })).statusCode).toBe(401);
    await routed();
    expect(seen.messages).toEqual([]);
    expect(seen.logs.filter((l) => l.startsWith('warn'))).toHaveLength(5);
  });

  it('a signature over JSON.stringify(parsed) is accepted when the raw bytes differ; never over unparsable bytes', async () => {
    const object = payload({ id: 'p-pretty' });
    const pretty = JSON.stringify(object, null, 2);
    expect((await post(pretty, { 'x-hub-signature-256': sign(JSON.stringify(object)) })).statusCode).toBe(200);
    expect((await post('{"broken":', { 'x-hub-signature-256': sign('undefined') })).statusCode).toBe(401);
    const signedGarbage = await post('{"broken":', { 'x-hub-signature-256': sign('{"broken":') });
    expect(signedGarbage.statusCode).toBe(400);
    expect(signedGarbage.json()).toEqual({ error: 'bad-request', message: 'The body is not an Open Messaging payload.' });
  });

  it('a signed body that is not a payload is 400: no id, no type, no channel, not an object', async () => {
    for (const bad of [{ type: 'Text', channel: {} }, { id: 'x', channel: {} }, { id: 'x', type: 'Text' }, { id: 'x', type: 'Text', channel: null }, { id: 1, type: 'Text', channel: {} }, { id: 'x', type: 2, channel: {} }, [], null, 'text']) {
      const body = JSON.stringify(bad);
      expect((await post(body)).statusCode, body).toBe(400);
    }
  });

  it('only JSON is accepted: another content type is 415', async () => {
    const response = await post('id=1', { 'x-hub-signature-256': sign('id=1') }, 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
    const text = await post('{"id":"x"}', { 'x-hub-signature-256': sign('{"id":"x"}') }, 'text/plain');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual({ error: 'unsupported-media-type', message: 'Send application/json.' });
  });

  it('an empty signature header counts as missing', async () => {
    const body = JSON.stringify(payload());
    expect((await post(body, { 'x-hub-signature-256': '' })).json()).toMatchObject({ error: 'signature-missing' });
    expect(seen.logs).toEqual(['warn ["webhook call without X-Hub-Signature-256 refused"]']);
    await post(body, { 'x-hub-signature-256': 'sha256=bad' });
    expect(seen.logs.at(-1)).toBe('warn ["webhook call with a bad signature refused"]');
  });

  it('an agent message the store cannot take is a 5xx (Genesys retries it); a typing failure after the 200 is logged', async () => {
    const failing = Fastify();
    const lines: string[] = [];
    const delivery = {
      acceptAgentMessage: async () => { throw new Error('socket store down'); },
      typing: async () => { throw new Error('typing store down'); },
    } as unknown as Delivery;
    const log = { info: () => undefined, warn: () => undefined, debug: () => undefined, error: (...args: unknown[]) => { lines.push(JSON.stringify(args)); } };
    await failing.register(webhookRoutes, { secret: SECRET, delivery, log, integrationId: INTEGRATION });
    const send = (body: string) => failing.inject({ method: 'POST', url: WEBHOOK_PATH, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, payload: body });
    expect((await send(JSON.stringify(payload({ id: 'p-fail' })))).statusCode).toBeGreaterThanOrEqual(500);
    const typing = await send(JSON.stringify(payload({ id: 'e-fail', type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] })));
    expect(typing.statusCode).toBe(200);
    await routed();
    expect(lines).toEqual([JSON.stringify([{ err: 'typing store down' }, 'webhook routing failed'])]);
    await failing.close();
  });

  it('a replay (same type, id and status) is 200 with replay=true and routed once; another status is not a replay', async () => {
    const body = JSON.stringify(payload({ id: 'p-r' }));
    expect((await post(body)).json()).toEqual({ ok: true });
    expect((await post(body)).json()).toEqual({ ok: true, replay: true });
    const receipt = (status: string) => JSON.stringify(payload({ id: 'p-r', type: 'Receipt', status }));
    expect((await post(receipt('Sent'))).json()).toEqual({ ok: true });
    expect((await post(receipt('Delivered'))).json()).toEqual({ ok: true });
    expect((await post(receipt('Delivered'))).json()).toEqual({ ok: true, replay: true });
    await routed();
    expect(seen.messages).toHaveLength(1);
    expect(seen.logs.filter((l) => l.includes('replay'))).toEqual([
      'info [{"payloadId":"p-r","type":"Text"},"webhook replay ignored"]',
      'info [{"payloadId":"p-r","type":"Receipt"},"webhook replay ignored"]',
    ]);
  });

  it('routes nothing for another integration, an inbound echo, a payload without a guest, a receipt or an unknown type', async () => {
    await post(JSON.stringify(payload({ id: 'p-other' }, { id: 'another-integration' })));
    await post(JSON.stringify(payload({ id: 'p-echo', direction: 'Inbound' })));
    await post(JSON.stringify(payload({ id: 'p-noguest' }, { to: {} })));
    await post(JSON.stringify(payload({ id: 'p-noto' }, { to: undefined })));
    await post(JSON.stringify(payload({ id: 'p-receipt', type: 'Receipt', status: 'Delivered' })));
    await post(JSON.stringify(payload({ id: 'p-unknown', type: 'Hologram' })));
    await routed();
    expect(seen.messages).toEqual([]);
    expect(seen.typing).toEqual([]);
    expect(seen.logs).toEqual([
      'info [{"integration":"another-integration"},"webhook payload for another integration ignored"]',
      'warn [{"payloadId":"p-noguest"},"webhook payload without channel.to.id"]',
      'warn [{"payloadId":"p-noto"},"webhook payload without channel.to.id"]',
      'debug [{"payloadId":"p-receipt","status":"Delivered"},"receipt from Genesys"]',
      'info [{"type":"Hologram"},"webhook payload type not handled"]',
    ]);
  });

  it('a payload without channel.id is ours (Genesys omits it on some payloads)', async () => {
    await post(JSON.stringify(payload({ id: 'p-noid' }, { id: undefined })));
    await routed();
    expect(seen.messages.map((m) => m.payloadId)).toEqual(['p-noid']);
  });

  it('typing events reach the guest with their duration, or the default; other events do nothing', async () => {
    await post(JSON.stringify(payload({ id: 'e-1', type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 2500 } }] })));
    await post(JSON.stringify(payload({ id: 'e-2', type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] })));
    await post(JSON.stringify(payload({ id: 'e-3', type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] })));
    await post(JSON.stringify(payload({ id: 'e-4', type: 'Event' })));
    await post(JSON.stringify(payload({ id: 'e-5', type: 'Event', events: [{ eventType: 'Typing' }] })));
    await routed();
    expect(seen.typing).toEqual([{ guestId: 'g-1', ms: 2500 }, { guestId: 'g-1', ms: 4321 }, { guestId: 'g-1', ms: 4321 }]);
    expect(seen.logs.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(seen.messages).toEqual([]);
  });
});

describe('signature check and replay memory', () => {
  it('signatureMatches: exact HMAC-SHA256 base64 with the sha256= prefix; tolerant of surrounding space only', () => {
    const body = '{"a":1}';
    expect(signatureMatches(SECRET, body, sign(body))).toBe(true);
    expect(signatureMatches(SECRET, Buffer.from(body), ` ${sign(body)} `)).toBe(true);
    expect(signatureMatches(SECRET, body, sign(body).toUpperCase())).toBe(false);
    expect(signatureMatches(SECRET, body, sign(body).slice(0, -2))).toBe(false);
    expect(signatureMatches(SECRET, `${body} `, sign(body))).toBe(false);
    expect(signatureMatches('other-secret-0123456789', body, sign(body))).toBe(false);
  });

  it('ReplayGuard: a key is a replay within the window, new again after it', () => {
    const guard = new ReplayGuard(1000, 10);
    expect(guard.firstSeen('k', 0)).toBe(true);
    expect(guard.firstSeen('k', 999)).toBe(false);
    expect(guard.firstSeen('k', 1000)).toBe(true);
    expect(guard.firstSeen('k', 1500)).toBe(false);
  });

  it('ReplayGuard: bounded, forgetting the oldest key first', () => {
    const guard = new ReplayGuard(60_000, 3);
    for (const key of ['a', 'b', 'c']) expect(guard.firstSeen(key, 0)).toBe(true);
    expect(guard.firstSeen('d', 1)).toBe(true); // evicts a
    expect(guard.firstSeen('b', 2)).toBe(false);
    expect(guard.firstSeen('a', 3)).toBe(true); // forgotten, so new again (evicts b, the oldest now)
    expect(guard.firstSeen('d', 4)).toBe(false);
    expect(guard.firstSeen('c', 5)).toBe(false);
    expect(guard.firstSeen('b', 6)).toBe(true);
  });
});
