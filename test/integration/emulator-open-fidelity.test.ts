/**
 * Open Messaging fidelity (issue 13): the shapes Genesys' own samples and SDK models use. Each expectation is written
 * from the real shape: the Slack and Ionic blueprints' calls to the deprecated single inbound endpoint, the SDK's
 * `OpenMessagingChannel` (from and to required), the documented Open webhook payload (Text + Attachment), raw-byte
 * signatures, and the message lookups of ConversationsApi.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_PATH, loadWorldFile } from '../../emulator/world-load.js';
import type { WorldFile } from '../../emulator/world-file.js';
import {
  api, control, inboundPath, INTEGRATION_ID, INTEGRATION_SECRET, waitFor,
} from '../../emulator/open-messaging/testing.js';
import { useOpenEmulator } from './support/open-emulator-harness.js';

const LEGACY = '/api/v2/conversations/messages/inbound/open';

function world(webhookUrl: string): WorldFile {
  const file = structuredClone(loadWorldFile(DEFAULT_WORLD_PATH)) as WorldFile;
  const [integration] = file.openMessaging?.integrations ?? [];
  if (!integration) throw new Error('default world has no integration');
  file.openMessaging = { integrations: [{ ...integration, outboundNotificationWebhookUrl: webhookUrl }] };
  return file;
}

const emu = useOpenEmulator(world);
let seq = 0;
const nextCustomer = () => `U${++seq}${Date.now()}`;

/** The Slack blueprint's body (docs/genesyscloud/openmessaging.js), verbatim in shape. */
function slackBody(customerId: string, text: string): Record<string, unknown> {
  return {
    channel: {
      platform: 'Open', type: 'Private', messageId: `slack-${customerId}-${seq}`,
      to: { id: INTEGRATION_ID },
      from: { nickname: 'ana', id: customerId, idType: 'Opaque', firstName: 'Ana', lastName: 'Silva' },
      time: new Date().toISOString(),
    },
    type: 'Text', text, direction: 'Inbound',
  };
}

interface Answer {
  id: string; type: string; text?: string; direction?: string; status?: string;
  channel: { id?: string; platform?: string; type?: string; messageId?: string; time: string; to?: { id?: string }; from?: { id?: string; idType?: string } };
  content?: { contentType: string; attachment?: { url: string } }[];
}

async function agentSays(conversationId: string, body: unknown): Promise<string> {
  const response = await control(emu.url, 'POST', `/emulator/conversations/${conversationId}/agent/messages`, body);
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { id: string }).id;
}

const webhooksTo = (customerId: string) => emu.receiver.received
  .filter((r) => (r.json.channel as { to?: { id?: string } }).to?.id === customerId && r.json.type !== 'Event');

afterEach(async () => {
  await control(emu.url, 'DELETE', '/emulator/faults');
  await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'text' });
});

describe('deprecated POST /api/v2/conversations/messages/inbound/open', () => {
  it('takes the Slack blueprint\'s OpenNormalizedMessage and answers the normalized message with direction', async () => {
    const customer = nextCustomer();
    const body = slackBody(customer, 'hello from slack');
    const response = await api(emu.url, emu.token, 'POST', LEGACY, body);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    // The fields the Ionic blueprint stores from this answer.
    expect(answer).toMatchObject({
      type: 'Text', text: 'hello from slack', direction: 'Inbound',
      channel: {
        id: INTEGRATION_ID, platform: 'Open', type: 'Private', messageId: (body.channel as { messageId: string }).messageId,
        to: { id: INTEGRATION_ID }, from: { id: customer, idType: 'Opaque' },
      },
    });
    expect(answer.id).toMatch(/\S/);
    expect(answer.channel.time).toBe((body.channel as { time: string }).time);
    const conversation = emu.ctx.world.findOpenConversation(INTEGRATION_ID, customer);
    expect(conversation?.messages.map((m) => m.text)).toEqual(['hello from slack']);
    expect(conversation?.messages[0]?.id).toBe(answer.id);
  });

  it('takes the Ionic blueprint\'s attachment item (contentType Attachment) and keeps one conversation per customer', async () => {
    const customer = nextCustomer();
    await api(emu.url, emu.token, 'POST', LEGACY, slackBody(customer, 'first'));
    const body = slackBody(customer, 'a photo');
    body.content = [{ contentType: 'Attachment', attachment: { mediaType: 'Image', url: 'https://files.example.com/a.jpg', mime: 'image/jpeg', filename: 'a.jpg' } }];
    const response = await api(emu.url, emu.token, 'POST', LEGACY, body);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer.content).toEqual([{ contentType: 'Attachment', attachment: expect.objectContaining({ url: 'https://files.example.com/a.jpg', mediaType: 'Image' }) }]);
    const conversations = emu.ctx.world.conversations().filter((c) => c.customerId === customer);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.messages.map((m) => m.text)).toEqual(['first', 'a photo']);
  });

  it('takes a Receipt for an agent message and answers it with channel.from and channel.to', async () => {
    const customer = nextCustomer();
    await api(emu.url, emu.token, 'POST', LEGACY, slackBody(customer, 'hi'));
    const conversation = emu.ctx.world.findOpenConversation(INTEGRATION_ID, customer);
    const agentMessageId = await agentSays(conversation?.id ?? '', { text: 'hello from the agent' });
    await waitFor(() => webhooksTo(customer).length > 0, 5000, 'the agent message webhook');
    const receipt = {
      id: agentMessageId, type: 'Receipt', status: 'Delivered', isFinalReceipt: true, direction: 'Outbound',
      channel: { platform: 'Open', type: 'Private', to: { id: INTEGRATION_ID }, from: { id: customer, idType: 'Opaque' }, time: new Date().toISOString() },
    };
    const response = await api(emu.url, emu.token, 'POST', LEGACY, receipt);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ id: agentMessageId, type: 'Receipt', status: 'Delivered' });
    expect(answer.channel.from?.id).toBeTruthy();
    expect(answer.channel.to?.id).toBeTruthy();
    expect(conversation?.messages.find((m) => m.id === agentMessageId)?.metadata?.receiptStatus).toBe('Delivered');
  });

  it('answers 400 with every problem for an unknown integration, a missing to.id, or a type it does not take', async () => {
    const unknown = slackBody(nextCustomer(), 'x');
    (unknown.channel as { to: { id: string } }).to.id = 'no-such-integration';
    const cases: [Record<string, unknown>, RegExp][] = [
      [unknown, /no-such-integration/],
      [{ ...slackBody(nextCustomer(), 'x'), channel: { from: { id: 'a', idType: 'Opaque' }, time: new Date().toISOString() } }, /channel\.to\.id/],
      [{ ...slackBody(nextCustomer(), 'x'), type: 'Event' }, /type must be Text or Receipt/],
      [{ ...slackBody(nextCustomer(), 'x'), text: undefined }, /required property 'content'/],
      [{ ...slackBody(nextCustomer(), 'x'), type: 'Receipt' }, /id is required/],
    ];
    for (const [body, message] of cases) {
      const response = await api(emu.url, emu.token, 'POST', LEGACY, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
    expect((await api(emu.url, null, 'POST', LEGACY, slackBody(nextCustomer(), 'x'))).status).toBe(401);
  });
});

describe('receipt answers', () => {
  it('carry channel.from, which the SDK\'s OpenMessagingChannel requires', async () => {
    const customer = nextCustomer();
    const conversationId = await emu.inbound(customer, 'hello');
    const id = await agentSays(conversationId, { text: 'agent text' });
    await waitFor(() => webhooksTo(customer).length > 0, 5000, 'the agent message webhook');
    const response = await api(emu.url, emu.token, 'POST', inboundPath('receipt'), {
      id, channel: { to: { id: customer, idType: 'Opaque' }, time: new Date().toISOString() }, status: 'Delivered',
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer.channel.from).toMatchObject({ id: INTEGRATION_ID, idType: 'Opaque' });
    expect(answer.channel.to).toMatchObject({ id: customer });
  });
});

describe('rich content on the webhook', () => {
  const rich = {
    text: 'How can we help?',
    content: [
      { contentType: 'QuickReply', quickReply: { text: 'Billing', payload: 'billing', action: 'Message' } },
      { contentType: 'QuickReply', quickReply: { text: 'Shipping', payload: 'shipping', action: 'Message' } },
      { contentType: 'Card', card: { title: 'Order 991', description: 'Shipped', actions: [{ type: 'Link', text: 'Track', url: 'https://example.com/t/991' }, { type: 'Postback', text: 'Cancel', payload: 'cancel' }] } },
    ],
  };

  it('by default is the documented Open shape: a Text payload whose text lists the options, no unknown content types', async () => {
    const customer = nextCustomer();
    const conversationId = await emu.inbound(customer, 'hello');
    const id = await agentSays(conversationId, rich);
    const hook = await waitFor(() => webhooksTo(customer).find((r) => r.json.id === id), 5000, 'the rich webhook');
    expect(hook.json.type).toBe('Text');
    expect(hook.json.content).toBeUndefined();
    expect(hook.json.text).toBe('How can we help?\n\nOrder 991\nShipped\n- Track (https://example.com/t/991)\n- Cancel\n\n- Billing\n- Shipping');
  });

  it('with richContent "structured" is a Structured payload carrying QuickReply and Card content', async () => {
    await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'structured' });
    const customer = nextCustomer();
    const conversationId = await emu.inbound(customer, 'hello');
    const id = await agentSays(conversationId, rich);
    const hook = await waitFor(() => webhooksTo(customer).find((r) => r.json.id === id), 5000, 'the rich webhook');
    expect(hook.json).toMatchObject({ type: 'Structured', text: 'How can we help?', content: rich.content });
  });

  it('rejects an unknown richContent setting with a clear 400', async () => {
    const response = await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'html' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/richContent must be "text" or "structured"/);
  });
});

describe('webhook fault json: "noncanonical"', () => {
  beforeEach(async () => {
    expect((await control(emu.url, 'POST', '/emulator/faults', { webhook: { json: 'noncanonical' } })).status).toBeLessThan(300);
  });

  it('sends valid JSON whose bytes differ from JSON.stringify, signed over those raw bytes', async () => {
    const customer = nextCustomer();
    const conversationId = await emu.inbound(customer, 'hello');
    const id = await agentSays(conversationId, { text: 'Grüße </b> & 👋 "quoted"' });
    const hook = await waitFor(() => webhooksTo(customer).find((r) => r.json.id === id), 5000, 'the webhook');
    const raw = hook.raw.toString('utf8');
    const restringified = JSON.stringify(JSON.parse(raw));
    expect(raw).not.toBe(restringified);
    expect(raw).toMatch(/\\u00fc/); // ü escaped
    expect(raw).toMatch(/\\ud83d\\udc4b/); // the emoji as a surrogate pair
    expect(raw).toMatch(/" : /); // spaces around the colon
    expect(hook.json.text).toBe('Grüße </b> & 👋 "quoted"');
    const sign = (bytes: string | Buffer) => `sha256=${createHmac('sha256', INTEGRATION_SECRET).update(bytes).digest('base64')}`;
    expect(hook.headers['x-hub-signature-256']).toBe(sign(hook.raw));
    expect(hook.headers['x-hub-signature-256']).not.toBe(sign(restringified));
  });

  it('is refused by the faults API when the value is unknown', async () => {
    const response = await control(emu.url, 'POST', '/emulator/faults', { webhook: { json: 'pretty' } });
    expect(response.status).toBe(400);
  });
});

describe('message lookups', () => {
  it('GET …/messages/{messageId}/details finds the conversation of a guest or agent message (MessageData)', async () => {
    const customer = nextCustomer();
    const send = await api(emu.url, emu.token, 'POST', inboundPath('message'), {
      channel: { from: { id: customer, idType: 'Opaque' }, time: new Date().toISOString(), messageId: 'provider-1' }, text: 'where is my order',
    });
    const guestMessage = (await send.json()) as { id: string };
    const conversation = emu.ctx.world.findOpenConversation(INTEGRATION_ID, customer);
    const agentId = await agentSays(conversation?.id ?? '', { text: 'checking' });

    const details = await api(emu.url, emu.token, 'GET', `/api/v2/conversations/messages/${guestMessage.id}/details`);
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({
      id: guestMessage.id, conversationId: conversation?.id, direction: 'inbound', messengerType: 'open', status: 'received',
      providerMessageId: 'provider-1', fromAddress: customer, toAddress: INTEGRATION_ID,
      normalizedMessage: { id: guestMessage.id, type: 'Text', text: 'where is my order', direction: 'Inbound' },
      selfUri: `/api/v2/conversations/messages/${conversation?.id}/messages/${guestMessage.id}`,
    });
    const agent = await api(emu.url, emu.token, 'GET', `/api/v2/conversations/messages/${agentId}/details`);
    expect(await agent.json()).toMatchObject({ id: agentId, direction: 'outbound', status: 'sent', conversationId: conversation?.id });

    const byConversation = await api(emu.url, emu.token, 'GET', `/api/v2/conversations/messages/${conversation?.id}/messages/${agentId}`);
    expect(byConversation.status).toBe(200);
    const view = await api(emu.url, emu.token, 'GET', `/api/v2/conversations/messages/${conversation?.id}`);
    expect(view.status).toBe(200);
    const participants = ((await view.json()) as { participants: { purpose: string; messages?: { messageId: string }[] }[] }).participants;
    expect(participants.find((p) => p.purpose === 'customer')?.messages?.map((m) => m.messageId)).toEqual([guestMessage.id]);
    expect(participants.find((p) => p.purpose === 'agent')?.messages?.map((m) => m.messageId)).toEqual([agentId]);
  });

  it('finds a Web Messaging guest message too, and answers 404 (JSON) for an unknown id or token-less call', async () => {
    const guest = await emu.configuredGuest();
    const echo = await guest.say('web hello');
    const id = (echo.body as { id: string }).id;
    const details = await api(emu.url, emu.token, 'GET', `/api/v2/conversations/messages/${id}/details`);
    expect(await details.json()).toMatchObject({ id, messengerType: 'webmessaging', direction: 'inbound', conversationId: emu.conversationOf(guest)?.id });
    const missing = await api(emu.url, emu.token, 'GET', '/api/v2/conversations/messages/nope/details');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('not.found');
    expect((await api(emu.url, null, 'GET', `/api/v2/conversations/messages/${id}/details`)).status).toBe(401);
  });
});
