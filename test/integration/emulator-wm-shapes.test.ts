/**
 * Web Messaging frames in the shapes real Genesys sends (issue 10, mismatch 5). The reference is the frames ovotech's
 * tester took "from real interactions" (packages/genesys-web-messaging-tester/src/testFixtures/webMessagePayloads.ts,
 * quoted in web-messaging.md §2.3): the Inbound echo has `originatingEntity: ""`, `channel {time, messageId}` and
 * `metadata.correlationId`; an Outbound Text has a 32-hex id without dashes and `metadata.correlationId`; the Presence
 * Disconnect carries `channel.messageId`. The widget's direct-transport parser must read all of them.
 */
import { describe, expect, it } from 'vitest';
import type { StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { parseServerFrame, toChatMessage } from '../../src/protocol/web-messaging-parse.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ host: '127.0.0.1' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX32 = /^[0-9a-f]{32}$/;

async function agent(path: string, conversationId: string, body?: unknown): Promise<void> {
  const response = await fetch(`${emu.url}/emulator/conversations/${conversationId}/agent/${path}`, {
    method: 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
}

describe('Web Messaging frames follow the real shapes', () => {
  it('the Inbound echo: originatingEntity "", channel {time, messageId}, metadata {correlationId, customMessageId}', async () => {
    const guest = await emu.configuredGuest();
    const echo = await guest.request({ action: 'onMessage', message: { type: 'Text', text: 'hello', metadata: { customMessageId: 'my-id-1' } } });
    const body = echo.body as StructuredMessageBody;
    expect(body).toMatchObject({ type: 'Text', direction: 'Inbound', text: 'hello', originatingEntity: '' });
    expect(body.id).toMatch(UUID);
    expect(body.channel?.messageId).toMatch(UUID);
    expect(typeof body.channel?.time).toBe('string');
    expect(body.metadata?.correlationId).toMatch(UUID);
    expect(body.metadata?.customMessageId).toBe('my-id-1');
    // The widget's parser reads it, and still matches the echo to its pending message by customMessageId.
    const parsed = parseServerFrame(JSON.stringify(echo));
    expect(parsed.ok).toBe(true);
    expect(toChatMessage(body)?.id).toBe('my-id-1');
  });

  it('an Outbound Text or Structured message: 32-hex id, metadata.correlationId', async () => {
    const guest = await emu.configuredGuest();
    await guest.say('hi');
    const conversation = emu.conversationOf(guest);
    if (!conversation) throw new Error('no conversation');
    const outbound = (text: string) => guest.next((f) => f.class === 'StructuredMessage' && (f.body as StructuredMessageBody).direction === 'Outbound' && (f.body as StructuredMessageBody).text === text);
    await agent('messages', conversation.id, { text: 'agent text' });
    const text = (await outbound('agent text')).body as StructuredMessageBody;
    expect(text.id).toMatch(HEX32);
    expect(text.type).toBe('Text');
    expect(text.metadata?.correlationId).toMatch(UUID);
    expect(text.channel).toMatchObject({ type: 'Private' });
    await agent('messages', conversation.id, { text: 'pick', content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes', action: 'Message' } }] });
    const structured = (await outbound('pick')).body as StructuredMessageBody;
    expect(structured.type).toBe('Structured');
    expect(structured.id).toMatch(HEX32);
    expect(structured.metadata?.correlationId).toMatch(UUID);
    expect(toChatMessage(structured)).toMatchObject({ id: structured.id, role: 'agent', text: 'pick' });
  });

  it('the Presence Disconnect carries channel.messageId, and the parser reads it as the end of the conversation', async () => {
    const guest = await emu.configuredGuest();
    await guest.say('bye soon');
    const conversation = emu.conversationOf(guest);
    if (!conversation) throw new Error('no conversation');
    await agent('disconnect', conversation.id);
    const frame = await guest.next((f) => f.class === 'StructuredMessage' && (f.body as StructuredMessageBody).type === 'Event'
      && JSON.stringify((f.body as StructuredMessageBody).events).includes('Disconnect'));
    const body = frame.body as StructuredMessageBody;
    expect(body.id).toMatch(HEX32);
    expect(body.channel?.messageId).toBe(body.id);
    expect(toChatMessage(body)).toMatchObject({ role: 'system', presence: 'disconnect', id: body.id });
  });
});
