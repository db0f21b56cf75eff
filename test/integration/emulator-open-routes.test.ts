/**
 * The emulator's Open Messaging control routes (emulator/open-messaging/routes.ts): settings validation, the
 * delivery log, the "Genesys sends a receipt" route with each refusal, and outbound messages of a conversation whose
 * integration is gone (skipped and listed, never sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api, control, getToken, inboundMessage, inboundPath, INTEGRATION_ID, startTestEmulator, waitFor, WebhookReceiver, type Emulator,
} from '../../emulator/open-messaging/testing.js';
import { GuestClient } from '../../emulator/testing/guest-client.js';

const INTEGRATIONS = '/api/v2/conversations/messaging/integrations/open';

describe('emulator Open Messaging control routes', () => {
  let emu: Emulator;
  let token: string;
  let receiver: WebhookReceiver;
  let seq = 0;

  beforeAll(async () => {
    emu = await startTestEmulator();
    token = await getToken(emu.url);
    receiver = new WebhookReceiver();
    const webhookUrl = await receiver.start();
    expect((await api(emu.url, token, 'PATCH', `${INTEGRATIONS}/${INTEGRATION_ID}`, { name: 'routes test gateway', outboundNotificationWebhookUrl: webhookUrl })).status).toBe(200);
    expect((await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { retryDelayMs: 5, timeoutMs: 500, maxRetries: 1 })).status).toBe(200);
  });
  afterAll(async () => {
    await emu.close();
    await receiver.stop();
  });

  async function conversation(): Promise<{ id: string; customer: string }> {
    const customer = `routes-${++seq}`;
    const response = await api(emu.url, token, 'POST', `${inboundPath('message')}?prefetchConversationId=true`, inboundMessage(customer, `hello ${seq}`));
    expect(response.status).toBe(200);
    return { id: ((await response.json()) as { conversationId: string }).conversationId, customer };
  }
  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

  it('settings: read, change, and refuse bad values with 400 and every problem, changing nothing', async () => {
    const before = await json<Record<string, unknown>>(await control(emu.url, 'GET', '/emulator/open-messaging/settings'));
    expect(before).toMatchObject({ retryDelayMs: 5, timeoutMs: 500, maxRetries: 1 });
    const bad = await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { timeoutMs: -1, maxRetries: 1.5, outboundFrom: 'robot', colour: 'red' });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(await bad.json());
    for (const part of ['timeoutMs', 'maxRetries', 'outboundFrom', 'colour']) expect(text).toContain(part);
    expect(await json(await control(emu.url, 'GET', '/emulator/open-messaging/settings'))).toEqual(before);
    expect((await control(emu.url, 'PUT', '/emulator/open-messaging/settings', 'not an object')).status).toBe(400);
    const changed = await json<Record<string, unknown>>(await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { outboundFrom: 'agent' }));
    expect(changed).toMatchObject({ outboundFrom: 'agent', retryDelayMs: 5 });
    const overview = await json<{ settings: Record<string, unknown> }>(await control(emu.url, 'GET', '/emulator/open-messaging'));
    expect(overview.settings).toEqual(changed);
    await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { outboundFrom: 'integration' });
  });

  it('a receipt from Genesys defaults to Delivered for the latest guest message, and is signed and sent', async () => {
    const { id, customer } = await conversation();
    const sent = await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${id}/receipt`, {});
    expect(sent.status).toBe(200);
    const { payload } = await json<{ payload: { id: string; type: string; status: string; channel: { to: { id: string } } } }>(sent);
    expect(payload).toMatchObject({ type: 'Receipt', status: 'Delivered', isFinalReceipt: true, direction: 'Outbound', channel: { to: { id: customer } } });
    const latest = emu.ctx.world.requireConversation(id).messages.filter((m) => m.direction === 'Inbound').at(-1);
    expect(payload.id).toBe(latest?.id);
    await waitFor(() => receiver.received.find((r) => r.json.id === payload.id && r.json.type === 'Receipt'), 5000, 'the receipt webhook');
    const failed = await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${id}/receipt`, { status: 'Failed', messageId: latest?.id });
    expect((await json<{ payload: { status: string } }>(failed)).payload.status).toBe('Failed');
    expect((await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${id}/receipt`, { status: 'Sent' })).status).toBe(200);
  });

  it('a receipt is refused: unknown or non-Open conversation 404, bad status 400, a message that is not the guest\'s 400', async () => {
    expect((await control(emu.url, 'POST', '/emulator/open-messaging/conversations/no-such-conversation/receipt', {})).status).toBe(404);
    // A Web Messaging conversation is not an Open one.
    const guest = await GuestClient.connect(emu.url);
    try {
      await guest.configure();
      await guest.say('web guest');
      const web = await waitFor(() => emu.ctx.world.conversations().find((c) => c.channel !== 'open'), 3000, 'the web conversation');
      const refused = await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${web.id}/receipt`, {});
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ status: 404, code: 'not.found' });
    } finally {
      guest.close();
    }
    const { id } = await conversation();
    const badStatus = await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${id}/receipt`, { status: 'Read' });
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(await badStatus.json())).toContain('status must be Sent, Delivered or Failed');
    const agentReply = await control(emu.url, 'POST', `/emulator/conversations/${id}/agent/messages`, { text: 'agent words' });
    const agentMessageId = (await json<{ id: string }>(agentReply)).id;
    for (const messageId of [agentMessageId, 'no-such-message']) {
      const notGuests = await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${id}/receipt`, { messageId });
      expect(notGuests.status, messageId).toBe(400);
      expect(JSON.stringify(await notGuests.json())).toContain('messageId must name a guest message');
    }
  });

  it('the delivery log lists attempts and can be cleared', async () => {
    const { id } = await conversation();
    await control(emu.url, 'POST', `/emulator/conversations/${id}/agent/messages`, { text: 'logged' });
    const log = await waitFor(async () => {
      const d = await json<{ deliveries: { payload: { text?: string } }[] }>(await control(emu.url, 'GET', '/emulator/webhooks/deliveries'));
      return d.deliveries.some((x) => x.payload.text === 'logged') ? d : undefined;
    }, 5000, 'a logged delivery');
    expect(log.deliveries.length).toBeGreaterThan(0);
    expect(await json(await control(emu.url, 'DELETE', '/emulator/webhooks/deliveries'))).toEqual({ deliveries: [] });
    expect(await json(await control(emu.url, 'GET', '/emulator/webhooks/deliveries'))).toEqual({ deliveries: [] });
  });

  it('once the integration is deleted: agent messages are skipped (listed, not sent) and receipts answer 404', async () => {
    const { id } = await conversation();
    expect((await api(emu.url, token, 'DELETE', `${INTEGRATIONS}/${INTEGRATION_ID}`)).status).toBeLessThan(300);
    const received = receiver.received.length;
    const reply = await control(emu.url, 'POST', `/emulator/conversations/${id}/agent/messages`, { text: 'nobody to send to' });
    const messageId = (await json<{ id: string }>(reply)).id;
    const overview = await waitFor(async () => {
      const o = await json<{ skipped: { messageId: string; conversationId: string; reason: string }[] }>(await control(emu.url, 'GET', '/emulator/open-messaging'));
      return o.skipped.some((s) => s.messageId === messageId) ? o : undefined;
    }, 3000, 'the skipped message');
    expect(overview.skipped).toContainEqual({ messageId, conversationId: id, reason: 'unknown-integration' });
    const receipt = await control(emu.url, 'POST', `/emulator/open-messaging/conversations/${id}/receipt`, {});
    expect(receipt.status).toBe(404);
    expect(JSON.stringify(await receipt.json())).toContain('integration no longer exists');
    expect(receiver.received.slice(received).some((r) => r.json.text === 'nobody to send to')).toBe(false);
  });
});
