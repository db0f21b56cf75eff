/**
 * The direct transport's parser against Web Messaging frames in the exact shapes real Genesys sends, as ovotech's
 * tester recorded them "from real interactions" (packages/genesys-web-messaging-tester/src/testFixtures/
 * webMessagePayloads.ts): ids with or without dashes, `originatingEntity: ""` on the Inbound echo, no `channel.type`
 * on the echo, `channel.messageId` on the Presence Disconnect, `metadata.correlationId` everywhere.
 */
import { describe, expect, it } from 'vitest';
import { parseServerFrame, toChatMessage } from '../../src/protocol/web-messaging-parse.js';
import type { StructuredMessageBody } from '../../src/protocol/web-messaging.js';

const time = '2024-02-09T22:39:50.526Z';

const realFrames = {
  inboundEcho: {
    type: 'message', class: 'StructuredMessage', code: 200,
    body: {
      originatingEntity: '', text: 'hello', direction: 'Inbound', id: '5f0a3c9e-8a41-4f1e-9d7b-2b6f1f0c2a11',
      channel: { time, messageId: '0c7b8f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f' }, type: 'Text',
      metadata: { correlationId: 'b4a3f2e1-d0c9-4b8a-9f7e-6d5c4b3a2f10', customMessageId: 'local-1' },
    },
  },
  outboundText: {
    type: 'message', class: 'StructuredMessage', code: 200,
    body: {
      text: 'How can I help?', direction: 'Outbound', id: '2f4e6a8c0b1d3f5a7c9e1b3d5f7a9c0e',
      channel: { time, type: 'Private' }, type: 'Text', originatingEntity: 'Bot',
      metadata: { correlationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
    },
  },
  outboundDisconnect: {
    type: 'message', class: 'StructuredMessage', code: 200,
    body: {
      direction: 'Outbound', id: '0000000-0000-0000-0000-0000000000',
      channel: { time, messageId: '0000000-0000-0000-0000-0000000000' }, type: 'Event',
      events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }],
    },
  },
};

function body(frame: unknown): StructuredMessageBody {
  const parsed = parseServerFrame(JSON.stringify(frame));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.frame.body as StructuredMessageBody;
}

describe('web-messaging-parse on real frames', () => {
  it('reads the Inbound echo ("" originatingEntity, no channel.type) and matches it by customMessageId', () => {
    const echo = body(realFrames.inboundEcho);
    expect(echo.channel?.messageId).toBe('0c7b8f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f');
    expect(echo.metadata?.correlationId).toBe('b4a3f2e1-d0c9-4b8a-9f7e-6d5c4b3a2f10');
    expect(toChatMessage(echo, time)).toMatchObject({ id: 'local-1', direction: 'inbound', role: 'guest', text: 'hello', time });
  });

  it('reads an Outbound Text with a 32-hex id as a bot message under that id', () => {
    expect(toChatMessage(body(realFrames.outboundText), time)).toMatchObject({
      id: '2f4e6a8c0b1d3f5a7c9e1b3d5f7a9c0e', direction: 'outbound', role: 'bot', text: 'How can I help?',
    });
  });

  it('reads the Presence Disconnect (channel.messageId, no originatingEntity) as a disconnect line', () => {
    const disconnect = body(realFrames.outboundDisconnect);
    expect(disconnect.channel?.messageId).toBe('0000000-0000-0000-0000-0000000000');
    expect(toChatMessage(disconnect, time)).toMatchObject({ role: 'system', presence: 'disconnect', direction: 'outbound' });
  });
});
