import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_PATH, loadWorldFile, validateWorld, WorldFileError } from '../../emulator/world-load.js';
import type { WorldFile } from '../../emulator/world-file.js';
import { api, control, inboundPath, waitFor } from '../../emulator/open-messaging/testing.js';
import { useOpenEmulator } from './support/open-emulator-harness.js';

/** Open Messaging with an opt-in bot: an integration with `botId` in the world file. */
const NO_BOT_INTEGRATION = 'plain-integration';

interface Payload { id: string; type: string; text?: string; channel: { to: { id: string } }; content?: { contentType: string; quickReply?: { text: string; payload: string } }[] }

function botWorld(webhookUrl: string): WorldFile {
  const world = structuredClone(loadWorldFile(DEFAULT_WORLD_PATH)) as WorldFile;
  const [integration] = world.openMessaging?.integrations ?? [];
  if (!integration) throw new Error('default world has no integration');
  world.openMessaging = {
    integrations: [
      { ...integration, outboundNotificationWebhookUrl: webhookUrl, botId: 'demo-bot' },
      { ...integration, id: NO_BOT_INTEGRATION, name: 'no bot', outboundNotificationWebhookUrl: webhookUrl },
    ],
  };
  return world;
}

const emu = useOpenEmulator(botWorld);
const { inbound } = emu;

// The bot's menu as Structured quick replies (the UNCONFIRMED shape; the default writes them out as text).
beforeAll(async () => {
  expect((await control(emu.url, 'PUT', '/emulator/open-messaging/settings', { richContent: 'structured' })).status).toBe(200);
});

async function conversation(id: string): Promise<{ state: string; queueId: string | null }> {
  return (await (await control(emu.url, 'GET', `/emulator/conversations/${id}`)).json()) as { state: string; queueId: string | null };
}

const webhooksTo = (customerId: string): Payload[] => emu.receiver.received.map((r) => r.json as unknown as Payload)
  .filter((p) => p.channel.to.id === customerId && p.type !== 'Event');

describe('Open Messaging bot (integration botId)', () => {
  it('greets on the first guest message with the quick-reply menu, then hands over on a button response', async () => {
    const customer = `bot-guest-${Date.now()}`;
    const id = await inbound(customer, 'hello');
    expect((await conversation(id)).state).toBe('bot');
    const menu = await waitFor(() => webhooksTo(customer).find((p) => p.type === 'Structured'), 5000, 'bot menu webhook');
    expect(menu.text).toBe("Hi, I'm Ava, the virtual assistant. What can I help you with?");
    expect((menu.content ?? []).map((c) => c.quickReply?.payload)).toEqual(['billing', 'support', 'agent']);

    const answer = await api(emu.url, emu.token, 'POST', inboundPath('structured/response'), {
      channel: { from: { id: customer, idType: 'Opaque' }, time: new Date().toISOString() },
      originatingMessageId: menu.id,
      buttonResponse: { type: 'QuickReply', text: 'Billing question', payload: 'billing' },
    });
    expect(answer.status).toBe(200);
    await waitFor(() => webhooksTo(customer).some((p) => p.text === 'Connecting you to an agent'), 5000, 'hand-over line');
    await expect.poll(async () => conversation(id)).toMatchObject({ state: 'waiting', queueId: 'queue-billing' });
    expect(webhooksTo(customer).map((p) => p.text)).toEqual([
      "Hi, I'm Ava, the virtual assistant. What can I help you with?", "I'll pass you to our billing team.", 'Connecting you to an agent',
    ]);
  });

  it('a typed answer walks the menu like a tapped one', async () => {
    const customer = `bot-typist-${Date.now()}`;
    const id = await inbound(customer, 'hi');
    await waitFor(() => webhooksTo(customer).find((p) => p.type === 'Structured'), 5000, 'bot menu webhook');
    expect(await inbound(customer, 'technical support')).toBe(id);
    await expect.poll(async () => conversation(id)).toMatchObject({ state: 'waiting', queueId: 'queue-general' });
  });

  it('an integration without botId goes straight to the queue and the bot stays silent', async () => {
    const customer = `plain-guest-${Date.now()}`;
    const id = await inbound(customer, 'hello', NO_BOT_INTEGRATION);
    expect((await conversation(id)).state).toBe('waiting');
    await control(emu.url, 'POST', `/emulator/conversations/${id}/agent/messages`, { text: 'agent here' });
    await waitFor(() => webhooksTo(customer).some((p) => p.text === 'agent here'), 5000, 'agent webhook');
    expect(webhooksTo(customer).map((p) => p.text)).toEqual(['agent here']); // no bot line came before it
  });

  it('a botId that names no bot is a world file error', () => {
    const world = botWorld('http://127.0.0.1:9/hook');
    const first = world.openMessaging?.integrations[0];
    if (first) first.botId = 'no-such-bot';
    expect(() => validateWorld(world)).toThrow(WorldFileError);
    expect(() => validateWorld(world)).toThrow(/open integration "demo-integration": botId "no-such-bot" is not a bot/);
  });
});
