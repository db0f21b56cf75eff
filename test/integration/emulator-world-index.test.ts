import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_PATH, loadWorldFile } from '../../emulator/world-load.js';
import type { WorldFile } from '../../emulator/world-file.js';
import { isOutboundText } from '../../emulator/testing/guest-client.js';
import { control, INTEGRATION_ID } from '../../emulator/open-messaging/testing.js';
import { useOpenEmulator } from './support/open-emulator-harness.js';

/** The conversation lookups the inbound paths use are indexed; these tests pin down that the index stays right. */
const SECOND_INTEGRATION = 'second-integration';

function indexWorld(webhookUrl: string): WorldFile {
  const world = structuredClone(loadWorldFile(DEFAULT_WORLD_PATH)) as WorldFile;
  const [integration] = world.openMessaging?.integrations ?? [];
  if (!integration) throw new Error('default world has no integration');
  integration.outboundNotificationWebhookUrl = webhookUrl;
  world.openMessaging = {
    integrations: [integration, { ...integration, id: SECOND_INTEGRATION, name: 'second', outboundNotificationWebhookUrl: webhookUrl }],
  };
  // Web Messaging: no bot, and an ended conversation is not read-only, so the session goes on with a new one.
  for (const d of world.deployments) {
    delete d.botId;
    const conversations = d.messenger?.apps?.conversations;
    if (conversations) conversations.conversationDisconnect = { enabled: false, type: 'Send' };
  }
  return world;
}

const emu = useOpenEmulator(indexWorld);
const { inbound, configuredGuest } = emu;

async function conversation(id: string): Promise<{ state: string; customerId: string | null; integrationId: string | null; messages: { text?: string }[] }> {
  const response = await control(emu.url, 'GET', `/emulator/conversations/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { state: string; customerId: string | null; integrationId: string | null; messages: { text?: string }[] };
}

describe('open conversation index', () => {
  it('keeps one conversation per (integration, customer) and keeps customers and integrations apart', async () => {
    const alice = `alice-${Date.now()}`;
    const bob = `bob-${Date.now()}`;
    const first = await inbound(alice, 'one');
    expect(await inbound(alice, 'two')).toBe(first);
    const bobs = await inbound(bob, 'hi');
    const aliceElsewhere = await inbound(alice, 'other integration', SECOND_INTEGRATION);
    expect(new Set([first, bobs, aliceElsewhere]).size).toBe(3);
    expect((await conversation(first)).messages.map((m) => m.text)).toEqual(['one', 'two']);
    expect(await conversation(aliceElsewhere)).toMatchObject({ integrationId: SECOND_INTEGRATION, customerId: alice });
    expect(await conversation(bobs)).toMatchObject({ integrationId: INTEGRATION_ID, customerId: bob });
  });

  it('after the agent ends a conversation, the next inbound message starts a new one (and stays in it)', async () => {
    const carol = `carol-${Date.now()}`;
    const other = `dave-${Date.now()}`;
    const ended = await inbound(carol, 'first visit');
    const untouched = await inbound(other, 'hello');
    expect((await control(emu.url, 'POST', `/emulator/conversations/${ended}/agent/disconnect`)).status).toBeLessThan(300);
    expect((await conversation(ended)).state).toBe('ended');
    const fresh = await inbound(carol, 'second visit');
    expect(fresh).not.toBe(ended);
    expect(await inbound(carol, 'still here')).toBe(fresh);
    expect((await conversation(fresh)).messages.map((m) => m.text)).toEqual(['second visit', 'still here']);
    expect((await conversation(ended)).messages.map((m) => m.text)).toEqual(['first visit']);
    expect(await inbound(other, 'again')).toBe(untouched); // another customer's conversation is not disturbed
  });
});

describe('web messaging session index', () => {
  it('after the agent ends the conversation, agent messages in the new one still reach the session', async () => {
    const g = await configuredGuest();
    await g.say('first');
    const firstId = emu.ctx.world.findWebConversation('demo-deployment', g.token)?.id;
    if (!firstId) throw new Error('no conversation');
    expect((await control(emu.url, 'POST', `/emulator/conversations/${firstId}/agent/disconnect`)).status).toBeLessThan(300);
    await g.say('second');
    const secondId = emu.ctx.world.findWebConversation('demo-deployment', g.token)?.id;
    expect(secondId).toBeDefined();
    expect(secondId).not.toBe(firstId);
    expect((await control(emu.url, 'POST', `/emulator/conversations/${secondId}/agent/messages`, { text: 'welcome back' })).status).toBe(201);
    await g.next((f) => isOutboundText(f, 'welcome back'));
    expect((await control(emu.url, 'POST', `/emulator/conversations/${firstId}/agent/messages`, { text: 'too late' })).status).toBe(409);
  });
});
