/**
 * The emulator's webhook shapes against our real server (Open Messaging bridge + normalize): non-canonical JSON
 * signed over its raw bytes, and rich content in both styles (documented text, UNCONFIRMED structured).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

describe('emulator webhooks through our server', () => {
  let stack: Stack;
  let guest: GuestClient;
  let conversationId = '';
  beforeAll(async () => {
    stack = await startStack();
    guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'ews-start', text: 'start' });
    await guest.next('ack', (f) => f.id === 'ews-start');
    conversationId = (await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation')).id;
  });
  afterAll(async () => {
    await guest?.close();
    await stack?.close();
  });

  const agentSay = (body: Record<string, unknown>) => httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversationId}/agent/messages`, body);

  it('accepts a non-canonical JSON body (key order, spaces, \\u escapes) signed over its raw bytes', async () => {
    await httpJson(stack.emulator.url, 'POST', '/emulator/faults', { webhook: { json: 'noncanonical' } });
    try {
      const text = 'Grüße </b> & 👋 "quoted"';
      await agentSay({ text });
      const frame = await guest.next('message', (f) => f.message.text === text);
      expect(frame.message.direction).toBe('outbound');
      const deliveries = await httpJson<{ deliveries: { payload: { text?: string }; status: number | null }[] }>(stack.emulator.url, 'GET', '/emulator/webhooks/deliveries');
      expect(deliveries.body.deliveries.filter((d) => d.payload.text === text).map((d) => d.status)).toEqual([200]);
    } finally {
      await httpJson(stack.emulator.url, 'DELETE', '/emulator/faults');
    }
  });

  it('shows quick replies written out as text by default, and as quick-reply content with richContent "structured"', async () => {
    const content = [
      { contentType: 'QuickReply', quickReply: { text: 'Billing', payload: 'billing', action: 'Message' } },
      { contentType: 'QuickReply', quickReply: { text: 'Shipping', payload: 'shipping', action: 'Message' } },
    ];
    await agentSay({ text: 'Pick a topic (text)', content });
    const asText = await guest.next('message', (f) => f.message.text.startsWith('Pick a topic (text)'));
    expect(asText.message.text).toBe('Pick a topic (text)\n\n- Billing\n- Shipping');
    expect(asText.message.content ?? []).toEqual([]);

    await httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'structured' });
    try {
      await agentSay({ text: 'Pick a topic (structured)', content });
      const structured = await guest.next('message', (f) => f.message.text === 'Pick a topic (structured)');
      expect(structured.message.content?.map((c) => c.contentType)).toEqual(['QuickReply', 'QuickReply']);
    } finally {
      await httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'text' });
    }
  });
});
