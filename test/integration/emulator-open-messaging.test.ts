import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  api, control, getToken, inboundMessage, inboundPath, INTEGRATION_ID, INTEGRATION_SECRET, startTestEmulator, waitFor,
  WebhookReceiver, type Emulator,
} from '../../emulator/open-messaging/testing.js';
import { openMessagingState } from '../../emulator/open-messaging/state.js';

const INTEGRATIONS = '/api/v2/conversations/messaging/integrations/open';

interface Delivery { payloadId: string; attempt: number; copy: number; status: number | null; outcome: string; signature: string; error?: string }

describe('emulator Open Messaging', () => {
  let emu: Emulator;
  let token: string;
  let receiver: WebhookReceiver;
  let customerSeq = 0;
  const nextCustomer = () => `visitor-${++customerSeq}-${Date.now()}`;

  beforeAll(async () => {
    emu = await startTestEmulator();
    token = await getToken(emu.url);
    receiver = new WebhookReceiver();
    const webhookUrl = await receiver.start();
    const patch = await api(emu.url, token, 'PATCH', `${INTEGRATIONS}/${INTEGRATION_ID}`, { name: 'test gateway', outboundNotificationWebhookUrl: webhookUrl });
    expect(patch.status).toBe(200);
    const settings = await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { retryDelayMs: 5, timeoutMs: 300, maxRetries: 5 });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await emu.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    await control(emu.url, 'DELETE', '/emulator/webhooks/deliveries');
  });
  afterEach(async () => {
    await control(emu.url, 'DELETE', '/emulator/faults');
  });

  /** Sends one guest message and returns the conversation id (prefetched). */
  async function startConversation(customerId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await api(emu.url, token, 'POST', `${inboundPath('message')}?prefetchConversationId=true`, inboundMessage(customerId, 'hello', extra));
    expect(response.status).toBe(200);
    return ((await response.json()) as { conversationId: string }).conversationId;
  }

  async function deliveries(): Promise<Delivery[]> {
    return ((await (await control(emu.url, 'GET', '/emulator/webhooks/deliveries')).json()) as { deliveries: Delivery[] }).deliveries;
  }

  async function agentSays(conversationId: string, body: unknown): Promise<string> {
    const response = await control(emu.url, 'POST', `/emulator/conversations/${conversationId}/agent/messages`, body);
    expect(response.status).toBeLessThan(300);
    return ((await response.json()) as { id: string }).id;
  }

  describe('integrations', () => {
    it('rejects a secret of 15 characters or fewer', async () => {
      const response = await api(emu.url, token, 'POST', INTEGRATIONS, { name: 'x', outboundNotificationWebhookUrl: 'https://example.com/hook', outboundNotificationWebhookSignatureSecretToken: '123456789012345' });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/longer than 15/);
    });

    it('creates asynchronously (Initiated, then Completed), updates, lists and deletes', async () => {
      const created = await api(emu.url, token, 'POST', INTEGRATIONS, { name: 'second', outboundNotificationWebhookUrl: 'https://example.com/hook', outboundNotificationWebhookSignatureSecretToken: '1234567890123456' });
      expect(created.status).toBe(200);
      const record = (await created.json()) as { id: string; createStatus: string; outboundNotificationWebhookSignatureSecretToken: string };
      expect(record.createStatus).toBe('Initiated');
      expect(record.outboundNotificationWebhookSignatureSecretToken).not.toBe('1234567890123456');
      const fetched = (await (await api(emu.url, token, 'GET', `${INTEGRATIONS}/${record.id}`)).json()) as { createStatus: string };
      expect(fetched.createStatus).toBe('Completed');
      const patched = await api(emu.url, token, 'PATCH', `${INTEGRATIONS}/${record.id}`, { name: 'second', outboundNotificationWebhookUrl: 'https://example.org/new' });
      expect(((await patched.json()) as { outboundNotificationWebhookUrl: string }).outboundNotificationWebhookUrl).toBe('https://example.org/new');
      const list = (await (await api(emu.url, token, 'GET', INTEGRATIONS)).json()) as { entities: { id: string }[]; total: number };
      expect(list.entities.map((e) => e.id)).toContain(record.id);
      expect((await api(emu.url, token, 'DELETE', `${INTEGRATIONS}/${record.id}`)).status).toBe(204);
      expect((await api(emu.url, token, 'GET', `${INTEGRATIONS}/${record.id}`)).status).toBe(404);
    });

    it('lists integrations with their secrets on the control API', async () => {
      const body = (await (await control(emu.url, 'GET', '/emulator/open-messaging')).json()) as { integrations: { id: string; outboundNotificationWebhookSignatureSecretToken: string }[] };
      expect(body.integrations).toContainEqual(expect.objectContaining({ id: INTEGRATION_ID, outboundNotificationWebhookSignatureSecretToken: INTEGRATION_SECRET }));
    });
  });

  describe('inbound validation', () => {
    const time = () => new Date().toISOString();
    const cases: [string, 'message' | 'event' | 'receipt' | 'structured/response', unknown, RegExp][] = [
      ['idType outside Email|Phone|Opaque', 'message', { channel: { from: { id: 'a', idType: 'Slack' }, time: time() }, text: 'x' }, /idType/],
      ['missing from.id', 'message', { channel: { from: { idType: 'Opaque' }, time: time() }, text: 'x' }, /channel\.from\.id/],
      ['a time that is not ISO-8601', 'message', { channel: { from: { id: 'a', idType: 'Opaque' }, time: 'yesterday' }, text: 'x' }, /channel\.time/],
      ['neither text nor content', 'message', { channel: { from: { id: 'a', idType: 'Opaque' }, time: time() } }, /required property 'content'/],
      ['an attachment without mime', 'message', { channel: { from: { id: 'a', idType: 'Opaque' }, time: time() }, content: [{ attachment: { mediaType: 'Image', url: 'https://x/y.png' } }] }, /mime/],
      ['metadata that is not a string map', 'message', { channel: { from: { id: 'a', idType: 'Opaque' }, time: time() }, text: 'x', metadata: { n: 1 } }, /metadata/],
      ['an event other than Typing', 'event', { channel: { from: { id: 'a', idType: 'Opaque' }, time: time() }, events: [{ eventType: 'Presence' }] }, /Typing/],
      ['a Read receipt', 'receipt', { id: 'm', channel: { to: { id: 'a' }, time: time() }, status: 'Read' }, /Delivered, Failed/],
      ['a receipt for an unknown message', 'receipt', { id: 'no-such-message', channel: { to: { id: 'a' }, time: time() }, status: 'Delivered' }, /does not reference/],
      ['a button response to an unknown message', 'structured/response', { channel: { from: { id: 'a', idType: 'Opaque' }, time: time() }, buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'y' }, originatingMessageId: 'nope' }, /originatingMessageId/],
    ];
    for (const [name, kind, body, pattern] of cases) {
      it(`answers 400 Platform-shaped to ${name}`, async () => {
        const response = await api(emu.url, token, 'POST', inboundPath(kind), body);
        expect(response.status).toBe(400);
        const error = (await response.json()) as { status: number; code: string; message: string; contextId: string };
        expect(error).toMatchObject({ status: 400, code: 'bad.request' });
        expect(error.message).toMatch(pattern);
        expect(typeof error.contextId).toBe('string');
      });
    }

    it('answers 404 for an unknown integration', async () => {
      const response = await api(emu.url, token, 'POST', inboundPath('message', 'no-such-integration'), inboundMessage('a', 'x'));
      expect(response.status).toBe(404);
    });

    it('needs a token', async () => {
      expect((await api(emu.url, null, 'POST', inboundPath('message'), inboundMessage('a', 'x'))).status).toBe(401);
    });
  });

  describe('conversations', () => {
    it('keeps one conversation per customer, routes by the skill in metadata and shows guest messages in the World', async () => {
      const ana = nextCustomer();
      const first = await api(emu.url, token, 'POST', `${inboundPath('message')}?prefetchConversationId=true`, {
        channel: { from: { id: ana, idType: 'Opaque', firstName: 'Ana', nickname: 'Ana' }, time: new Date().toISOString(), messageId: 'gw-1' },
        text: 'my bill', metadata: { skill: 'Billing', orderId: 'A-1' },
      });
      const echo = (await first.json()) as { id: string; conversationId: string; type: string; text: string; channel: { from: { id: string }; messageId: string } };
      expect(echo).toMatchObject({ type: 'Text', text: 'my bill', channel: { from: { id: ana }, messageId: 'gw-1' } });
      const again = await startConversation(ana);
      expect(again).toBe(echo.conversationId);
      const other = await startConversation(nextCustomer());
      expect(other).not.toBe(echo.conversationId);
      const noPrefetch = (await (await api(emu.url, token, 'POST', inboundPath('message'), inboundMessage(ana, 'x'))).json()) as Record<string, unknown>;
      expect(noPrefetch.conversationId).toBeUndefined();

      const conversation = emu.ctx.world.requireConversation(echo.conversationId);
      expect(conversation).toMatchObject({ channel: 'open', integrationId: INTEGRATION_ID, customerId: ana, queueId: 'queue-billing' });
      expect(conversation.customAttributes).toMatchObject({ skill: 'Billing', orderId: 'A-1' });
      expect(conversation.messages.map((m) => m.text)).toEqual(['my bill', 'hello', 'x']);
      expect(conversation.messages[0]?.id).toBe(echo.id);
    });

    it('passes guest typing to the World without storing it', async () => {
      const customer = nextCustomer();
      const conversationId = await startConversation(customer);
      const seen: string[] = [];
      emu.ctx.world.on('guest-message', (c, m) => {
        if (c.id === conversationId) seen.push(m.type);
      });
      const response = await api(emu.url, token, 'POST', inboundPath('event'), { channel: { from: { id: customer, idType: 'Opaque' }, time: new Date().toISOString() }, events: [{ eventType: 'Typing' }] });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { type: string }).type).toBe('Event');
      expect(seen).toEqual(['Event']);
      expect(emu.ctx.world.requireConversation(conversationId).messages).toHaveLength(1);
    });
  });

  describe('outbound webhook', () => {
    it('posts agent text signed with base64 HMAC-SHA256 of the exact body bytes', async () => {
      const customer = nextCustomer();
      const conversationId = await startConversation(customer);
      const messageId = await agentSays(conversationId, { text: 'Hi, let me check.' });
      const hook = await waitFor(() => receiver.received.find((r) => r.json.id === messageId), 5000, 'webhook');
      const expected = `sha256=${createHmac('sha256', INTEGRATION_SECRET).update(hook.raw).digest('base64')}`;
      expect(hook.headers['x-hub-signature-256']).toBe(expected);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.json).toMatchObject({
        type: 'Text', text: 'Hi, let me check.', direction: 'Outbound',
        channel: { id: INTEGRATION_ID, platform: 'Open', type: 'Private', to: { id: customer }, messageId },
      });
      // Compact JSON: what both verification styles (raw bytes, JSON.stringify(parsed)) agree on.
      expect(hook.raw.toString('utf8')).toBe(JSON.stringify(hook.json));
    });

    it('posts typing as an Event with a duration, and nothing for an agent disconnect', async () => {
      const customer = nextCustomer();
      const conversationId = await startConversation(customer);
      expect((await control(emu.url, 'POST', `/emulator/conversations/${conversationId}/agent/typing`)).status).toBeLessThan(300);
      const typing = await waitFor(() => receiver.received.find((r) => r.json.type === 'Event'), 5000, 'typing webhook');
      expect(typing.json.events).toEqual([{ eventType: 'Typing', typing: { type: 'On', duration: expect.any(Number) } }]);
      expect((await control(emu.url, 'POST', `/emulator/conversations/${conversationId}/agent/disconnect`)).status).toBeLessThan(300);
      const state = await waitFor(async () => {
        const body = (await (await control(emu.url, 'GET', '/emulator/open-messaging')).json()) as { skipped: { conversationId: string; reason: string }[] };
        return body.skipped.find((s) => s.conversationId === conversationId);
      }, 5000, 'skipped presence');
      expect(state.reason).toBe('presence-has-no-open-equivalent');
      await openMessagingState(emu.ctx).dispatcher.idle();
      const toCustomer = receiver.received.filter((r) => (r.json.channel as { to: { id: string } }).to.id === customer);
      expect(toCustomer.map((r) => r.json.type)).toEqual(['Event']);
    });

    it('sends attachments as content and (richContent "structured") quick replies as Structured; accepts a receipt and a button response for them', async () => {
      await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'structured' });
      onTestFinished(async () => {
        await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'text' });
      });
      const customer = nextCustomer();
      const conversationId = await startConversation(customer);
      const fileId = await agentSays(conversationId, { content: [{ contentType: 'Attachment', attachment: { id: 'att-1', mediaType: 'Image', url: 'http://127.0.0.1/x.png', mime: 'image/png', filename: 'x.png' } }] });
      const quickId = await agentSays(conversationId, { text: 'Pick one', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes', action: 'Message' } }] });
      const file = await waitFor(() => receiver.received.find((r) => r.json.id === fileId), 5000, 'attachment webhook');
      expect(file.json).toMatchObject({ type: 'Text', content: [{ contentType: 'Attachment', attachment: { mediaType: 'Image', url: 'http://127.0.0.1/x.png', mime: 'image/png', filename: 'x.png' } }] });
      const quick = await waitFor(() => receiver.received.find((r) => r.json.id === quickId), 5000, 'quick reply webhook');
      expect(quick.json).toMatchObject({ type: 'Structured', text: 'Pick one', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } }] });

      const receipt = await api(emu.url, token, 'POST', inboundPath('receipt'), { id: fileId, channel: { to: { id: customer }, time: new Date().toISOString() }, status: 'Delivered', isFinalReceipt: true });
      expect(receipt.status).toBe(200);
      expect(await receipt.json()).toMatchObject({ id: fileId, type: 'Receipt', status: 'Delivered' });
      const wrongCustomer = await api(emu.url, token, 'POST', inboundPath('receipt'), { id: fileId, channel: { to: { id: 'someone-else' }, time: new Date().toISOString() }, status: 'Delivered' });
      expect(wrongCustomer.status).toBe(400);

      const answer = await api(emu.url, token, 'POST', inboundPath('structured/response'), {
        channel: { from: { id: customer, idType: 'Opaque' }, time: new Date().toISOString() },
        buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' }, originatingMessageId: quickId,
      });
      expect(answer.status).toBe(200);
      const last = emu.ctx.world.requireConversation(conversationId).messages.at(-1);
      expect(last).toMatchObject({ direction: 'Inbound', type: 'Structured', content: [{ contentType: 'ButtonResponse', buttonResponse: { payload: 'yes' } }] });
    });

    it('retries on 500 until the receiver answers 2xx, re-sending the same bytes', async () => {
      receiver.answerWith({ status: 500 }, { status: 503 });
      const conversationId = await startConversation(nextCustomer());
      const messageId = await agentSays(conversationId, { text: 'retry me' });
      const attempts = await waitFor(async () => {
        const mine = (await deliveries()).filter((d) => d.payloadId === messageId);
        return mine.some((d) => d.outcome === 'delivered') ? mine : undefined;
      }, 5000, 'delivery');
      expect(attempts.map((d) => [d.attempt, d.status, d.outcome])).toEqual([[1, 500, 'retrying'], [2, 503, 'retrying'], [3, 200, 'delivered']]);
      const bodies = receiver.received.filter((r) => r.json.id === messageId).map((r) => r.raw.toString('utf8'));
      expect(bodies).toHaveLength(3);
      expect(new Set(bodies).size).toBe(1);
    });

    it('retries after a timeout', async () => {
      receiver.answerWith({ status: 200, delayMs: 1000 });
      const conversationId = await startConversation(nextCustomer());
      const messageId = await agentSays(conversationId, { text: 'slow receiver' });
      const attempts = await waitFor(async () => {
        const mine = (await deliveries()).filter((d) => d.payloadId === messageId);
        return mine.some((d) => d.outcome === 'delivered') ? mine : undefined;
      }, 5000, 'delivery');
      expect(attempts[0]).toMatchObject({ attempt: 1, status: null, error: 'timeout', outcome: 'retrying' });
      expect(attempts.at(-1)).toMatchObject({ attempt: 2, status: 200, outcome: 'delivered' });
    });

    it('does not retry on 400', async () => {
      receiver.answerWith({ status: 400 });
      const conversationId = await startConversation(nextCustomer());
      const messageId = await agentSays(conversationId, { text: 'refused' });
      const next = await agentSays(conversationId, { text: 'after the refused one' });
      // Deliveries of a conversation are in order, so once the next one is delivered the refused one is final.
      await waitFor(async () => (await deliveries()).some((d) => d.payloadId === next && d.outcome === 'delivered'), 5000, 'next delivery');
      const mine = (await deliveries()).filter((d) => d.payloadId === messageId);
      expect(mine.map((d) => [d.attempt, d.status, d.outcome])).toEqual([[1, 400, 'failed']]);
    });

    it('gives up after five retries', async () => {
      receiver.answerWith(...Array.from({ length: 6 }, () => ({ status: 502 })));
      const conversationId = await startConversation(nextCustomer());
      const messageId = await agentSays(conversationId, { text: 'never delivered' });
      const attempts = await waitFor(async () => {
        const mine = (await deliveries()).filter((d) => d.payloadId === messageId);
        return mine.some((d) => d.outcome === 'failed') ? mine : undefined;
      }, 5000, 'final failure');
      expect(attempts).toHaveLength(6);
      expect(attempts.at(-1)).toMatchObject({ attempt: 6, status: 502, outcome: 'failed' });
    });

    it('delivers a payload twice with the duplicate fault', async () => {
      await control(emu.url, 'POST', '/emulator/faults', { webhook: { duplicate: true } });
      const conversationId = await startConversation(nextCustomer());
      const messageId = await agentSays(conversationId, { text: 'twice' });
      const copies = await waitFor(() => {
        const mine = receiver.received.filter((r) => r.json.id === messageId);
        return mine.length === 2 ? mine : undefined;
      }, 5000, 'two copies');
      expect(copies[0]?.raw.equals(copies[1]?.raw ?? Buffer.alloc(0))).toBe(true);
    });

    it('sends a wrong or no signature with the signature faults', async () => {
      const conversationId = await startConversation(nextCustomer());
      await control(emu.url, 'POST', '/emulator/faults', { webhook: { signature: 'bad' } });
      const badId = await agentSays(conversationId, { text: 'badly signed' });
      const bad = await waitFor(() => receiver.received.find((r) => r.json.id === badId), 5000, 'bad signature');
      const good = `sha256=${createHmac('sha256', INTEGRATION_SECRET).update(bad.raw).digest('base64')}`;
      expect(bad.headers['x-hub-signature-256']).toMatch(/^sha256=/);
      expect(bad.headers['x-hub-signature-256']).not.toBe(good);
      await control(emu.url, 'POST', '/emulator/faults', { webhook: { signature: 'missing' } });
      const missingId = await agentSays(conversationId, { text: 'unsigned' });
      const missing = await waitFor(() => receiver.received.find((r) => r.json.id === missingId), 5000, 'missing signature');
      expect(missing.headers['x-hub-signature-256']).toBeUndefined();
    });
  });

  describe('platform faults on the inbound endpoints', () => {
    it('answers 429 with Retry-After and the normalized body, then succeeds', async () => {
      await control(emu.url, 'POST', '/emulator/faults', { platform: { status: 429, retryAfter: 7, count: 1, path: '/inbound/open/message' } });
      const limited = await api(emu.url, token, 'POST', inboundPath('message'), inboundMessage(nextCustomer(), 'x'));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(await limited.json()).toMatchObject({ status: 429, code: 'too.many.requests.retry.after', message: expect.stringContaining('[7]') });
      expect((await api(emu.url, token, 'POST', inboundPath('message'), inboundMessage(nextCustomer(), 'x'))).status).toBe(200);
    });

    it('answers 503 when told to, only on matching paths', async () => {
      await control(emu.url, 'POST', '/emulator/faults', { platform: { status: 503, count: 1, path: '/inbound/open/event' } });
      expect((await api(emu.url, token, 'POST', inboundPath('message'), inboundMessage(nextCustomer(), 'x'))).status).toBe(200);
      const failed = await api(emu.url, token, 'POST', inboundPath('event'), { channel: { from: { id: 'z', idType: 'Opaque' }, time: new Date().toISOString() }, events: [{ eventType: 'Typing' }] });
      expect(failed.status).toBe(503);
      expect(await failed.json()).toMatchObject({ status: 503 });
    });
  });
});
