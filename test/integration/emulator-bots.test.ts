import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { isOutboundText } from '../../emulator/testing/guest-client.js';
import type { Frame, QuickReplyContent, StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator();
const { configuredGuest, guestAt, conversationOf } = emu;

const join = { action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] } };
const body = (f: Frame): StructuredMessageBody => f.body as StructuredMessageBody;
const isMenu = (f: Frame): boolean => isOutboundText(f) && (body(f).content ?? []).some((c) => c.contentType === 'QuickReply');

describe('scripted bot', () => {
  it('greets on autostart (Presence Join) with a quick-reply menu, as a Bot with a nickname', async () => {
    const g = await configuredGuest();
    g.send(join);
    const menu = await g.next(isMenu);
    expect(body(menu)).toMatchObject({ type: 'Structured', direction: 'Outbound', originatingEntity: 'Bot', channel: { from: { nickname: 'Ava' } } });
    const replies = (body(menu).content ?? []).filter((c): c is QuickReplyContent => c.contentType === 'QuickReply');
    expect(replies.map((r) => r.quickReply.payload)).toEqual(['billing', 'support', 'agent']);
    expect(replies[0]?.quickReply.action).toBe('Message');
  });

  it('a second Join (another tab) does not greet twice', async () => {
    const g = await configuredGuest();
    g.send(join);
    await g.next(isMenu);
    await g.request({ action: 'echo', message: { type: 'Text', text: 'sync' } });
    g.send(join);
    await g.request({ action: 'echo', message: { type: 'Text', text: 'sync2' } });
    expect(g.frames.filter(isMenu)).toHaveLength(1);
  });

  it('greets on the first message when there was no autostart', async () => {
    const g = await configuredGuest();
    await g.say('hello');
    await g.next(isMenu);
    expect(conversationOf(g)?.state).toBe('bot');
  });

  it('a ButtonResponse hands over to the queue with that skill, after "Connecting you to an agent"', async () => {
    const g = await configuredGuest();
    g.send(join);
    await g.next(isMenu);
    await g.request({
      action: 'onMessage',
      message: { type: 'Structured', text: 'Billing question', content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Billing question', payload: 'billing' } }] },
    });
    const connecting = await g.next((f) => isOutboundText(f, 'Connecting you to an agent'));
    expect(body(connecting).originatingEntity).toBe('Bot');
    await expect.poll(() => conversationOf(g)?.state).toBe('waiting');
    expect(conversationOf(g)?.queueId).toBe('queue-billing');
  });

  it('the bot\'s hand-over holds when the page repeats its skill attribute on every message (as the widget does)', async () => {
    const g = await configuredGuest();
    const attributes = { channel: { metadata: { customAttributes: { skill: 'General Support' } } } };
    await g.say('hello', attributes);
    await g.next(isMenu);
    expect(conversationOf(g)?.queueId).toBe('queue-general');
    await g.request({
      action: 'onMessage', ...attributes,
      message: { type: 'Structured', text: 'Billing question', content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Billing question', payload: 'billing' } }] },
    });
    await expect.poll(() => conversationOf(g)?.state).toBe('waiting');
    await g.say('are you there?', attributes);
    await g.request({ action: 'echo', message: { type: 'Text', text: 'sync' } });
    expect(conversationOf(g)?.queueId).toBe('queue-billing');
  });

  it('typing the quick reply text works like tapping it', async () => {
    const g = await configuredGuest();
    g.send(join);
    await g.next(isMenu);
    await g.say('technical support');
    await g.next((f) => isOutboundText(f, "I'll pass you to our support team."));
    await expect.poll(() => conversationOf(g)?.queueId).toBe('queue-general');
  });

  it('an unmatched answer follows the fallback (hand-over) and the bot then stays quiet', async () => {
    const g = await configuredGuest();
    g.send(join);
    await g.next(isMenu);
    await g.say('my router is on fire');
    await g.next((f) => isOutboundText(f, 'Connecting you to an agent'));
    await expect.poll(() => conversationOf(g)?.state).toBe('waiting');
    const before = g.frames.filter((f) => isOutboundText(f)).length;
    await g.say('hello?');
    await g.request({ action: 'echo', message: { type: 'Text', text: 'sync' } });
    expect(g.frames.filter((f) => isOutboundText(f)).length).toBe(before);
  });

  it('stops when an agent takes the conversation', async () => {
    const g = await configuredGuest();
    g.send(join);
    await g.next(isMenu);
    const conversation = conversationOf(g);
    if (!conversation) throw new Error('no conversation');
    emu.ctx.world.takeConversation(conversation.id, 'agent-alex');
    await g.say('billing');
    await g.request({ action: 'echo', message: { type: 'Text', text: 'sync' } });
    expect(g.frames.filter((f) => isOutboundText(f) && body(f).originatingEntity === 'Bot')).toHaveLength(1);
  });

  it('with a bot delay, a bot Typing event comes before its line', async () => {
    const slow = await startEmulator({ port: 0, botDelayMs: 30 });
    try {
      const g = await guestAt(slow.url);
      await g.configure();
      g.send(join);
      const menu = await g.next(isMenu);
      const typingIndex = g.frames.findIndex((f) => body(f).events?.[0]?.eventType === 'Typing');
      expect(typingIndex).toBeGreaterThanOrEqual(0);
      expect(typingIndex).toBeLessThan(g.frames.indexOf(menu));
    } finally {
      await slow.close();
    }
  });
});
