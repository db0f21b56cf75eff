import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import type { OpenOutboundPayload } from '../../src/protocol/open-messaging.js';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

function sign(body: string, secret: string = EMULATOR_DEFAULTS.webhookSecret): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;
}

function textPayload(id: string, guestId: string, text: string): OpenOutboundPayload {
  return {
    id,
    channel: {
      id: EMULATOR_DEFAULTS.integrationId, platform: 'Open', type: 'Private', messageId: id, time: new Date().toISOString(),
      to: { id: guestId }, from: { nickname: 'genesys-chat gateway', id: EMULATOR_DEFAULTS.integrationId, idType: 'Opaque' },
    },
    type: 'Text', text, direction: 'Outbound',
  };
}

/** POST with a raw body (httpJson serializes; the signature tests need exact bytes). */
async function postRaw(stack: Stack, body: string, signature?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${stack.server.url}/webhooks/genesys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('server: Open Messaging webhook', () => {
  let stack: Stack;
  let guest: GuestClient;
  beforeAll(async () => {
    stack = await startStack();
    guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'wh-start', text: 'start' });
    await guest.next('ack', (f) => f.id === 'wh-start');
  });
  afterAll(async () => {
    await guest?.close();
    await stack?.close();
  });

  const agentTexts = () => guest.frames.flatMap((f) => (f.type === 'message' && f.message.direction === 'outbound' ? [f.message.text] : []));

  it('accepts a correctly signed payload and delivers it to the guest socket', async () => {
    const body = JSON.stringify(textPayload('p-good', guest.session.guestId, 'signed and sound'));
    const response = await postRaw(stack, body, sign(body));
    expect(response.status).toBe(200);
    const frame = await guest.next('message', (f) => f.message.id === 'p-good');
    expect(frame.message.text).toBe('signed and sound');
  });

  it('refuses an unsigned call with 401 and delivers nothing', async () => {
    const body = JSON.stringify(textPayload('p-missing', guest.session.guestId, 'no signature'));
    const response = await postRaw(stack, body);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('signature-missing');
    expect((await postRaw(stack, body, '')).status).toBe(401);
    // A later good payload arrives; the unsigned one, sent first, never did.
    const marker = JSON.stringify(textPayload('p-after-missing', guest.session.guestId, 'marker after missing'));
    await postRaw(stack, marker, sign(marker));
    await guest.next('message', (f) => f.message.id === 'p-after-missing');
    expect(agentTexts()).not.toContain('no signature');
  });

  it('refuses a badly signed call with 401 (wrong secret, tampered body) and delivers nothing', async () => {
    const body = JSON.stringify(textPayload('p-bad', guest.session.guestId, 'bad signature'));
    expect((await postRaw(stack, body, sign(body, 'another-secret-0123456789'))).status).toBe(401);
    const tampered = body.replace('bad signature', 'tampered text');
    expect((await postRaw(stack, tampered, sign(body))).status).toBe(401);
    // A later good payload arrives; the refused ones never did.
    const marker = JSON.stringify(textPayload('p-after-bad', guest.session.guestId, 'marker after bad'));
    await postRaw(stack, marker, sign(marker));
    await guest.next('message', (f) => f.message.id === 'p-after-bad');
    expect(agentTexts()).not.toContain('bad signature');
    expect(agentTexts()).not.toContain('tampered text');
    expect(agentTexts()).not.toContain('no signature');
  });

  it('answers a replay (same payload again) with 200 but delivers it only once', async () => {
    const body = JSON.stringify(textPayload('p-replay', guest.session.guestId, 'only once please'));
    expect((await postRaw(stack, body, sign(body))).status).toBe(200);
    const again = await postRaw(stack, body, sign(body));
    expect(again.status).toBe(200);
    expect(again.body.replay).toBe(true);
    const marker = JSON.stringify(textPayload('p-after-replay', guest.session.guestId, 'marker after replay'));
    await postRaw(stack, marker, sign(marker));
    await guest.next('message', (f) => f.message.id === 'p-after-replay');
    expect(agentTexts().filter((t) => t === 'only once please')).toHaveLength(1);
  });

  it('accepts a signature over JSON.stringify(parsed) when the raw bytes differ (Genesys samples hash that)', async () => {
    const payload = textPayload('p-pretty', guest.session.guestId, 'pretty printed');
    const pretty = JSON.stringify(payload, null, 2);
    expect((await postRaw(stack, pretty, sign(JSON.stringify(payload)))).status).toBe(200);
    await guest.next('message', (f) => f.message.id === 'p-pretty');
  });

  it('answers 400 to a correctly signed body that is not a payload', async () => {
    const body = '{"hello":';
    const response = await postRaw(stack, body, sign(body));
    expect(response.status).toBe(400);
    expect(typeof response.body.message).toBe('string');
  });

  it('with the emulator sending bad or missing signatures, the guest gets nothing; repeated deliveries arrive once', async () => {
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    const agentSay = (text: string) => httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text });
    const deliveredTo = async (text: string, status: number) => {
      const d = await httpJson<{ deliveries: { payload: { text?: string }; receiverStatus?: number | null; status: number | null }[] }>(stack.emulator.url, 'GET', '/emulator/webhooks/deliveries');
      return d.body.deliveries.some((x) => x.payload.text === text && (x.receiverStatus ?? x.status) === status);
    };

    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { webhook: { signature: 'bad' } });
    await agentSay('emulator bad signature');
    await waitFor(() => deliveredTo('emulator bad signature', 401), 'a 401 for the bad signature');
    await httpJson(stack.emulator.url, 'DELETE', '/emulator/faults');

    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { webhook: { signature: 'missing' } });
    await agentSay('emulator missing signature');
    await waitFor(() => deliveredTo('emulator missing signature', 401), 'a 401 for the missing signature');
    await httpJson(stack.emulator.url, 'DELETE', '/emulator/faults');

    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { webhook: { duplicate: true } });
    await agentSay('emulator duplicate');
    await guest.next('message', (f) => f.message.text === 'emulator duplicate');
    await httpJson(stack.emulator.url, 'DELETE', '/emulator/faults');
    await agentSay('emulator marker');
    await guest.next('message', (f) => f.message.text === 'emulator marker');

    expect(agentTexts()).not.toContain('emulator bad signature');
    expect(agentTexts()).not.toContain('emulator missing signature');
    expect(agentTexts().filter((t) => t === 'emulator duplicate')).toHaveLength(1);
  });
});
