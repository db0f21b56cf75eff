/**
 * Negative paths of the gateway that a refactor could silently drop: each test here fails when its guard is
 * removed (see docs/mutation.md). Real emulator and server over real sockets.
 */
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import type { OpenOutboundPayload } from '../../src/protocol/open-messaging.js';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

function sign(body: string): string {
  return `sha256=${createHmac('sha256', EMULATOR_DEFAULTS.webhookSecret).update(body).digest('base64')}`;
}

function textPayload(id: string, guestId: string, text: string, integrationId: string = EMULATOR_DEFAULTS.integrationId): OpenOutboundPayload {
  return {
    id,
    channel: {
      id: integrationId, platform: 'Open', type: 'Private', messageId: id, time: new Date().toISOString(),
      to: { id: guestId }, from: { nickname: 'Agent', id: integrationId, idType: 'Opaque' },
    },
    type: 'Text', text, direction: 'Outbound',
  };
}

async function postSigned(stack: Stack, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${stack.server.url}/webhooks/genesys`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body,
  });
  await response.body?.cancel();
  return response.status;
}

const agentTexts = (guest: GuestClient) =>
  guest.frames.flatMap((f) => (f.type === 'message' && f.message.direction === 'outbound' ? [f.message.text] : []));

describe('gateway negative paths', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("an open socket refuses a re-auth with another session's token and stays with its own guest", async () => {
    const alice = await GuestClient.connect(stack.server.url, { displayName: 'Alice' });
    const bob = await GuestClient.connect(stack.server.url, { displayName: 'Bob' });
    alice.send({ type: 'auth', token: bob.session.token });
    const refusal = await alice.next('error', (f) => f.code === 'unauthorized');
    expect(refusal.message).toMatch(/another session/);
    expect(alice.ws.readyState).toBe(WebSocket.OPEN);
    // Alice's words still go to Alice's conversation, none to Bob's; Bob's agent reply never reaches Alice.
    alice.send({ type: 'message', id: 'alice-after', text: 'still Alice' });
    expect((await alice.next('ack', (f) => f.id === 'alice-after')).state).toBe('sent');
    const aliceConversation = await waitFor(() => conversationOf(stack.emulator.url, alice.session.guestId), "Alice's conversation");
    expect(aliceConversation.messages.map((m) => m.text)).toContain('still Alice');
    expect(await conversationOf(stack.emulator.url, bob.session.guestId)).toBeUndefined();
    expect(await postSigned(stack, textPayload('to-bob', bob.session.guestId, 'for Bob only'))).toBe(200);
    await bob.next('message', (f) => f.message.id === 'to-bob');
    expect(await postSigned(stack, textPayload('to-alice', alice.session.guestId, 'for Alice'))).toBe(200);
    await alice.next('message', (f) => f.message.id === 'to-alice');
    expect(agentTexts(alice)).toEqual(['for Alice']);
    await alice.close();
    await bob.close();
  });

  it('a renewed token of the same session on an open socket is accepted without a second ready', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const renewed = await httpJson<{ token: string }>(stack.server.url, 'POST', '/api/session/renew', { token: guest.session.token });
    expect(renewed.status).toBe(200);
    guest.send({ type: 'auth', token: renewed.body.token });
    guest.send({ type: 'ping', id: 'after-renew' });
    await guest.next('pong', (f) => f.id === 'after-renew');
    // Auth frames are handled in order before later frames: a refusal would be here by now.
    guest.send({ type: 'message', id: 'after-renew-msg', text: 'renewed' });
    expect((await guest.next('ack', (f) => f.id === 'after-renew-msg')).state).toBe('sent');
    expect(guest.frames.filter((f) => f.type === 'ready')).toHaveLength(1);
    expect(guest.frames.filter((f) => f.type === 'error')).toEqual([]);
    await guest.close();
  });

  it('a correctly signed webhook payload naming another integration is acknowledged and not delivered', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    expect(await postSigned(stack, textPayload('foreign-1', guest.session.guestId, 'from another integration', 'another-integration-id'))).toBe(200);
    // A later payload of ours arrives; the foreign one, routed first, never did.
    expect(await postSigned(stack, textPayload('ours-1', guest.session.guestId, 'ours'))).toBe(200);
    await guest.next('message', (f) => f.message.id === 'ours-1');
    expect(agentTexts(guest)).toEqual(['ours']);
    expect(stack.logs.some((line) => line.includes('another integration ignored'))).toBe(true);
    await guest.close();
  });

  it('a message over the frame rate gets a failed ack with rate-limited (never left pending) and can be retried', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    // Drain the bucket with pings, then three messages in the same burst.
    for (let i = 0; i < 40; i++) guest.send({ type: 'ping', id: `drain-${i}` });
    for (const id of ['over-1', 'over-2', 'over-3']) guest.send({ type: 'message', id, text: `over the rate ${id}` });
    for (const id of ['over-1', 'over-2', 'over-3']) {
      const ack = await guest.next('ack', (f) => f.id === id);
      expect(ack).toEqual({ type: 'ack', id, state: 'failed', failure: { code: 'rate-limited', message: 'Too many frames; slow down.', retryAfterSeconds: 1 } });
    }
    // The widget retries with the same id once the bucket refills: the message goes through once.
    await waitFor(async () => {
      guest.send({ type: 'ping', id: 'refilled?' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      return guest.frames.some((f) => f.type === 'pong' && f.id === 'refilled?');
    }, 'the bucket to refill');
    guest.send({ type: 'message', id: 'over-1', text: 'over the rate over-1' });
    const retried = await guest.next('ack', (f) => f.id === 'over-1' && f.state === 'sent');
    expect(retried.failure).toBeUndefined();
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.filter((m) => m.text?.startsWith('over the rate'))).toHaveLength(1);
    await guest.close();
  });

  it('a quick-reply answer over the frame rate gets its failed ack (rate-limited), as a message does', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    for (let i = 0; i < 40; i++) guest.send({ type: 'ping', id: `drain-qr-${i}` });
    guest.send({ type: 'quick-reply', id: 'qr-over', originatingMessageId: 'm-1', answer: { type: 'QuickReply', text: 'Yes', payload: 'yes' } });
    const ack = await guest.next('ack', (f) => f.id === 'qr-over');
    expect(ack).toEqual({
      type: 'ack', id: 'qr-over', state: 'failed',
      failure: { code: 'rate-limited', message: 'Too many frames; slow down.', retryAfterSeconds: 1 },
    });
    await guest.close();
  });

  it('a flood of binary frames is refused like any other: one rate-limited error, and the socket still answers', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    for (let i = 0; i < 60; i++) guest.ws.send(Buffer.from([i]), { binary: true });
    await waitFor(async () => {
      guest.send({ type: 'ping', id: 'after-binary' });
      await new Promise((resolve) => setTimeout(resolve, 250));
      return guest.frames.some((f) => f.type === 'pong' && f.id === 'after-binary');
    }, 'a pong after the binary flood');
    const errors = guest.frames.filter((f) => f.type === 'error');
    expect(errors.filter((f) => f.code === 'rate-limited')).toHaveLength(1);
    expect(errors.every((f) => f.code === 'rate-limited' || f.code === 'protocol')).toBe(true);
    await guest.close();
  });

  it('an upgrade on any other path is answered 404 and never becomes a guest socket', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${stack.server.url.replace(/^http/, 'ws')}/not-the-gateway`);
      ws.on('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      ws.on('open', () => {
        resolve(101);
        ws.terminate();
      });
      ws.on('error', () => resolve(-1)); // the connection ended without an answer
    });
    expect(status).toBe(404); // 101 had it become a socket, -1 had the connection ended without an answer
  });

  it('idle time does not bank frames beyond the burst: after a long pause a flood still gets about one burst through', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    // The default rate is 10 frames/s with a burst of 20. Three idle seconds would bank 30 more without the cap.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const flood = 80;
    for (let i = 0; i < flood; i++) guest.send({ type: 'ping', id: `flood-${i}` });
    // Frames are handled in order: once a later ping is answered, the flood has been seen.
    await waitFor(async () => {
      guest.send({ type: 'ping', id: 'after-flood' });
      await new Promise((resolve) => setTimeout(resolve, 250));
      return guest.frames.some((f) => f.type === 'pong' && f.id === 'after-flood');
    }, 'a pong after the flood');
    const answered = guest.frames.filter((f) => f.type === 'pong' && f.id?.startsWith('flood-')).length;
    // The refused pings hear one error for the whole run of refusals, not one each.
    expect(guest.frames.filter((f) => f.type === 'error')).toEqual([
      { type: 'error', code: 'rate-limited', message: 'Too many frames; slow down.', retryAfterSeconds: 1 },
    ]);
    expect(answered).toBeGreaterThanOrEqual(20);
    // 20 for the burst, plus what refills while the flood is being read (generous for a loaded machine).
    expect(answered).toBeLessThanOrEqual(30);
    expect(guest.frames.filter((f) => f.type === 'error' && f.code === 'rate-limited').length).toBeGreaterThanOrEqual(1);
    await guest.close();
  });
});

/** The emulator's record of a guest's inbound messages: text and attachment URLs. */
async function inboundOf(stack: Stack, guestId: string): Promise<{ text?: string; urls: string[] }[]> {
  const conversations = await httpJson<{ customerId: string | null; messages: { direction: string; text?: string;
    content?: { attachment?: { url?: string } }[] }[] }[]>(stack.emulator.url, 'GET', '/emulator/conversations');
  const conversation = conversations.body.find((c) => c.customerId === guestId);
  return (conversation?.messages ?? []).filter((m) => m.direction.toLowerCase() === 'inbound')
    .map((m) => ({ ...(m.text ? { text: m.text } : {}), urls: (m.content ?? []).flatMap((c) => (c.attachment?.url ? [c.attachment.url] : [])) }));
}

describe("gateway: a guest's attachment URLs (Genesys fetches them itself, spec §4.4)", () => {
  const foreignFile = { url: 'https://elsewhere.example/invoice.pdf.exe', mime: 'application/pdf', filename: 'invoice.pdf' };

  it('are refused by default: a failed ack, nothing sent to Genesys, a log line; the next message still goes', async () => {
    const stack = await startStack();
    try {
      const guest = await GuestClient.connect(stack.server.url, {});
      guest.send({ type: 'message', id: 'with-file', text: 'see my invoice', attachments: [foreignFile] });
      expect(await guest.next('ack', (f) => f.id === 'with-file')).toMatchObject(
        { state: 'failed', failure: { code: 'attachment-failed' } });
      guest.send({ type: 'message', id: 'plain', text: 'plain words' });
      expect((await guest.next('ack', (f) => f.id === 'plain')).state).toBe('sent');
      expect(await inboundOf(stack, guest.session.guestId)).toEqual([{ text: 'plain words', urls: [] }]);
      expect(stack.logs.some((line) => line.includes('attachment URL refused') && line.includes('https://elsewhere.example'))).toBe(true);
      await guest.close();
    } finally {
      await stack.close();
    }
  });

  it("reach Genesys from the site's own store (attachmentOrigins), and only from there", async () => {
    const stack = await startStack({ attachmentOrigins: ['https://files.example.com'] });
    try {
      const guest = await GuestClient.connect(stack.server.url, {});
      const own = { url: 'https://files.example.com/u/7f3a/receipt.png', mime: 'image/png', filename: 'receipt.png' };
      guest.send({ type: 'message', id: 'foreign', text: 'a file', attachments: [foreignFile] });
      expect((await guest.next('ack', (f) => f.id === 'foreign')).state).toBe('failed');
      guest.send({ type: 'message', id: 'two', text: 'two files', attachments: [own, own] });
      expect((await guest.next('error')).message).toMatch(/list of one/);
      guest.send({ type: 'message', id: 'own', text: 'my receipt', attachments: [own] });
      expect((await guest.next('ack', (f) => f.id === 'own')).state).toBe('sent');
      expect(await inboundOf(stack, guest.session.guestId)).toEqual([{ text: 'my receipt', urls: [own.url] }]);
      await guest.close();
    } finally {
      await stack.close();
    }
  });
});
