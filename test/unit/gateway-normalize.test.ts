import { describe, expect, it } from 'vitest';
import type { OpenOutboundPayload } from '../../src/protocol/open-messaging.js';
import { cleanName, outboundToChatMessage, welcomeMessage } from '../../server/normalize.js';

function payload(from: unknown): OpenOutboundPayload {
  return {
    id: 'p1', type: 'Text', direction: 'Outbound', text: 'Hello',
    channel: { id: 'integration-1', platform: 'Open', type: 'Private', to: { id: 'g-1' }, from, time: '2026-01-01T10:00:00.000Z' },
  } as unknown as OpenOutboundPayload;
}

describe('outboundToChatMessage: the sender name', () => {
  it('takes channel.from.nickname, even when from.id is the integration', () => {
    expect(outboundToChatMessage(payload({ id: 'integration-1', idType: 'Opaque', nickname: 'Alex' })).sender?.name).toBe('Alex');
  });

  it('falls back to first and last name', () => {
    expect(outboundToChatMessage(payload({ id: 'u', firstName: 'Sam', lastName: 'Lee' })).sender?.name).toBe('Sam Lee');
  });

  it('ignores names that are not strings, and empty ones', () => {
    for (const from of [{ nickname: 42 }, { nickname: { text: 'x' } }, { nickname: '   ' }, null, 'Alex', { firstName: ['A'] }]) {
      const message = outboundToChatMessage(payload(from));
      expect(message.sender).toBeUndefined();
      expect(message.text).toBe('Hello');
    }
  });

  it('cleans control characters and caps the length', () => {
    expect(cleanName('Al\u0000ex\n  Morgan')).toBe('Al ex Morgan');
    expect(cleanName('x'.repeat(500))).toHaveLength(80);
  });

  it('keeps an avatar only as a string', () => {
    expect(outboundToChatMessage(payload({ nickname: 'A', image: 'https://cdn.example/a.png' })).sender?.avatarUrl).toBe('https://cdn.example/a.png');
    expect(outboundToChatMessage(payload({ nickname: 'A', image: 7 })).sender?.avatarUrl).toBeUndefined();
  });
});

describe('welcomeMessage', () => {
  it('is a bot message with a stable id per guest', () => {
    expect(welcomeMessage('g-1', 'Hi', '2026-01-01T00:00:00.000Z')).toEqual({
      id: 'welcome-g-1', direction: 'outbound', role: 'bot', text: 'Hi', content: [], time: '2026-01-01T00:00:00.000Z', state: 'sent',
    });
  });
});
