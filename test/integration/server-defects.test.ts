/**
 * Regression tests for the gateway defects of issue 9 (each failed before its fix), against the real emulator and
 * server over real sockets.
 */
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import { GATEWAY_SOCKET_PATH } from '../../src/protocol/gateway.js';
import type { OpenOutboundPayload } from '../../src/protocol/open-messaging.js';
import { conversationOf, GuestClient, httpJson, stackPerTest, waitFor, type Stack } from './server-harness.js';

function sign(body: string, secret: string = EMULATOR_DEFAULTS.webhookSecret): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;
}

function agentPayload(id: string, guestId: string, text: string, from: Record<string, unknown>): OpenOutboundPayload {
  return {
    id,
    channel: {
      id: EMULATOR_DEFAULTS.integrationId, platform: 'Open', type: 'Private', messageId: id, time: new Date().toISOString(),
      to: { id: guestId }, from: from as never,
    },
    type: 'Text', text, direction: 'Outbound',
  };
}

function agentTexts(guest: GuestClient): string[] {
  return guest.frames.flatMap((f) => {
    if (f.type === 'message' && f.message.direction === 'outbound') return [f.message.text];
    if (f.type === 'ready') return f.transcript.filter((m) => m.direction === 'outbound').map((m) => m.text);
    return [];
  });
}

async function postWebhook(stack: Stack, body: string, signature?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${stack.server.url}/webhooks/genesys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('server: issue 9 defects', () => {
  const start = stackPerTest();

  it('defect 1: a hostile channel.from (number nickname, object image) reaches the guest as plain strings or not at all', async () => {
    const stack = await start();
    const guest = await GuestClient.connect(stack.server.url, {});
    const hostile: Record<string, unknown>[] = [
      { id: 'agent-1', idType: 'Opaque', nickname: 42, image: { src: 'x' } },
      { id: 'agent-2', idType: 'Opaque', nickname: ['a'], firstName: 7, lastName: true },
      { id: 'agent-3', idType: 'Opaque', nickname: 'Bea', image: ['https://x'] },
    ];
    for (const [index, from] of hostile.entries()) {
      const body = JSON.stringify(agentPayload(`hostile-${index}`, guest.session.guestId, `hello ${index}`, from));
      expect((await postWebhook(stack, body, sign(body))).status).toBe(200);
    }
    const frames = await Promise.all(hostile.map((_, index) => guest.next('message', (f) => f.message.id === `hostile-${index}`)));
    for (const frame of frames) {
      const sender = frame.message.sender;
      if (sender !== undefined) {
        expect(typeof sender.name).toBe('string');
        if (sender.avatarUrl !== undefined) expect(typeof sender.avatarUrl).toBe('string');
      }
    }
    expect(frames[2]!.message.sender).toEqual({ name: 'Bea' });
    // A reload replays the buffer: the same clean shapes come back.
    await guest.close();
    const again = await GuestClient.open(guest.session);
    const ready = await again.next('ready');
    for (const message of ready.transcript) {
      if (message.sender) expect(typeof message.sender.name).toBe('string');
    }
    await again.close();
  });

  it('defect 2: a transcript over 64 KiB and a 70,000-character agent message reach the guest', async () => {
    const stack = await start({ outboundRatePerSecond: 0, transcriptLimit: 300 });
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'big-start', text: 'start' });
    await guest.next('ack', (f) => f.id === 'big-start');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    const huge = 'x'.repeat(70_000);
    const body = JSON.stringify(agentPayload('huge-1', guest.session.guestId, huge, { id: EMULATOR_DEFAULTS.integrationId }));
    expect((await postWebhook(stack, body, sign(body))).status).toBe(200);
    const frame = await guest.next('message', (f) => f.message.id === 'huge-1');
    expect(frame.message.text).toHaveLength(70_000);
    await guest.close();
    // 200 agent messages of 180 characters while away: the returning guest's `ready` holds more than 64 KiB.
    for (let i = 0; i < 200; i++) {
      await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text: `${String(i).padStart(3, '0')} ${'y'.repeat(176)}` });
    }
    await waitFor(async () => (await stack.server.runtime.store.bufferedCount(guest.session.guestId)) >= 202, 'the buffered messages', 15_000);
    const back = await GuestClient.open(guest.session);
    await waitFor(() => agentTexts(back).filter((t) => t.endsWith('y'.repeat(176))).length === 200, 'every missed message', 15_000);
    expect(agentTexts(back).filter((t) => t.endsWith('y'.repeat(176))).map((t) => t.slice(0, 3))).toEqual(
      Array.from({ length: 200 }, (_, i) => String(i).padStart(3, '0')));
    await back.close();
  });

  it('defect 4: a 6,000-level nested JSON body is refused with 401, not a 500, and logs no stack overflow', async () => {
    const stack = await start();
    const nested = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    const deep = `{"a":${nested}}`;
    const response = await postWebhook(stack, deep, 'sha256=AAAA');
    expect(response.status).toBe(401);
    const deepObject = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    expect((await postWebhook(stack, deepObject, sign('something else'))).status).toBe(401);
    expect(stack.logs.some((line) => /Maximum call stack|RangeError/.test(line))).toBe(false);
  });

  it('defect 6: unauthenticated sockets from one address are capped; authenticated ones are not counted', async () => {
    const stack = await start({ maxUnauthenticatedSocketsPerAddress: 3 });
    const url = `${stack.server.url.replace(/^http/, 'ws')}${GATEWAY_SOCKET_PATH}`;
    const open = async () => {
      const ws = new WebSocket(url);
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      return { ws, closed };
    };
    // An authenticated guest no longer counts against its address.
    const guest = await GuestClient.connect(stack.server.url, {});
    const idle = [await open(), await open(), await open()];
    const fourth = await open();
    expect(await fourth.closed).toBe(1008);
    // When an idle socket goes, a new one may come.
    idle[0]!.ws.close();
    await idle[0]!.closed;
    await waitFor(() => stack.server.runtime.sockets.size === 3, 'the server to forget the closed socket');
    const fifth = await open();
    fifth.ws.send(JSON.stringify({ type: 'ping', id: 'p' }));
    const pong = await new Promise<string>((resolve) => fifth.ws.once('message', (data) => resolve(data.toString())));
    expect(JSON.parse(pong)).toMatchObject({ type: 'pong' });
    for (const s of [...idle.slice(1), fifth]) s.ws.close();
    await guest.close();
  });
});
