import { describe, expect, it } from 'vitest';
import {
  isReadOnlyDisconnect, parseServerFrame, toChatMessage, typingOf, validateStructuredMessage,
} from '../../src/protocol/web-messaging-parse.js';
import type { StructuredMessageBody } from '../../src/protocol/web-messaging.js';

// Real frames as recorded by ovotech (spec §2.3).
const BOT_TEXT = '{"type":"message","class":"StructuredMessage","code":200,"body":{"text":"How can I help?","direction":"Outbound","id":"b1","type":"Text","originatingEntity":"Bot","channel":{"time":"2024-02-09T22:39:50.526Z","type":"Private","from":{"nickname":"Robot Friend"}},"metadata":{"correlationId":"c"}}}';
const DISCONNECT = '{"type":"message","class":"StructuredMessage","code":200,"body":{"type":"Event","direction":"Outbound","id":"e1","channel":{"time":"2024-02-09T22:40:00.000Z"},"events":[{"eventType":"Presence","presence":{"type":"Disconnect"}}],"metadata":{"readOnly":"true"},"originatingEntity":"Bot"}}';
const READ_ONLY = '{"type":"response","class":"string","code":409,"body":"Session is read-only, no new messages allowed"}';
const TOO_MANY = '{"type":"response","class":"TooManyRequestsErrorMessage","code":429,"body":{"errorCode":429,"errorMessage":"ConfigureSession rate too high for this session","retryAfter":3}}';

function body(fields: Partial<StructuredMessageBody>): StructuredMessageBody {
  return { id: 'x', type: 'Text', direction: 'Outbound', ...fields };
}

describe('parseServerFrame', () => {
  it('parses the recorded Genesys frames', () => {
    const text = parseServerFrame(BOT_TEXT);
    expect(text.ok && text.frame.class).toBe('StructuredMessage');
    const ro = parseServerFrame(READ_ONLY);
    expect(ro.ok && ro.frame.code).toBe(409);
    expect(ro.ok && ro.frame.body).toBe('Session is read-only, no new messages allowed');
    const limited = parseServerFrame(TOO_MANY);
    expect(limited.ok && limited.frame.class === 'TooManyRequestsErrorMessage' && limited.frame.body.retryAfter).toBe(3);
    const session = parseServerFrame('{"type":"response","class":"SessionResponse","code":200,"body":{"connected":true,"newSession":true}}');
    expect(session.ok).toBe(true);
  });

  it('returns an error value, never throws, for malformed frames', () => {
    for (const raw of ['not json', '[]', 'null', '{"code":200}', '{"class":"SessionResponse"}',
      '{"class":"SessionResponse","code":200,"body":{}}', '{"class":"StructuredMessage","code":200,"body":{"direction":"Outbound"}}',
      '{"class":"StructuredMessage","code":200,"body":{"id":"a","direction":"Sideways"}}',
      '{"class":"PresignedUrlResponse","code":200,"body":{"attachmentId":"a"}}', '{"class":"Bogus","code":200,"body":{}}']) {
      const result = parseServerFrame(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
    }
  });

  it('keeps the tracingId of a malformed frame (so the health-check reply still counts)', () => {
    const result = parseServerFrame('{"class":"StructuredMessage","code":200,"tracingId":"t1","body":{}}');
    expect(result).toMatchObject({ ok: false, tracingId: 't1' });
  });

  it('marks known classes the widget does not use as ignored rather than malformed', () => {
    expect(parseServerFrame('{"type":"message","class":"LogoutEvent","code":200,"body":{}}')).toMatchObject({ ok: false, ignored: true });
  });

  it('accepts a numeric-string code and defaults a missing retryAfter', () => {
    const result = parseServerFrame('{"type":"response","class":"TooManyRequestsErrorMessage","code":"429","body":{}}');
    expect(result.ok && result.frame.code).toBe(429);
    expect(result.ok && result.frame.class === 'TooManyRequestsErrorMessage' && result.frame.body.retryAfter).toBe(1);
  });
});

describe('toChatMessage', () => {
  it('normalizes a bot message: role, sender, time, text', () => {
    const parsed = parseServerFrame(BOT_TEXT);
    if (!parsed.ok || parsed.frame.class !== 'StructuredMessage') throw new Error('parse failed');
    expect(toChatMessage(parsed.frame.body)).toEqual({
      id: 'b1', direction: 'outbound', role: 'bot', text: 'How can I help?', content: [],
      time: '2024-02-09T22:39:50.526Z', state: 'sent', sender: { name: 'Robot Friend' },
    });
  });

  it('uses metadata.customMessageId as the id of the guest echo', () => {
    const message = toChatMessage(body({ id: 'genesys-id', direction: 'Inbound', text: 'hi', metadata: { customMessageId: 'client-id' } }));
    expect(message).toMatchObject({ id: 'client-id', direction: 'inbound', role: 'guest', state: 'sent' });
  });

  it('names humans agents and builds names from first/last name and avatars from image', () => {
    const message = toChatMessage(body({ text: 'hello', originatingEntity: 'Human', channel: { from: { firstName: 'Ada', lastName: 'Lovelace', image: 'https://x/a.png' } } }));
    expect(message?.role).toBe('agent');
    expect(message?.sender).toEqual({ name: 'Ada Lovelace', avatarUrl: 'https://x/a.png' });
  });

  it('turns Presence events into system lines and reads the read-only disconnect', () => {
    const parsed = parseServerFrame(DISCONNECT);
    if (!parsed.ok || parsed.frame.class !== 'StructuredMessage') throw new Error('parse failed');
    expect(toChatMessage(parsed.frame.body)).toMatchObject({ id: 'e1', role: 'system', presence: 'disconnect' });
    expect(isReadOnlyDisconnect(parsed.frame.body)).toBe(true);
    const join = toChatMessage(body({ type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] }));
    expect(join).toMatchObject({ role: 'system', presence: 'join' });
  });

  it('does not show typing events, receipts, empty messages or the guest\'s own presence', () => {
    expect(toChatMessage(body({ type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] }))).toBeNull();
    expect(toChatMessage(body({ type: 'Receipt', text: 'x' }))).toBeNull();
    expect(toChatMessage(body({ text: '' }))).toBeNull();
    expect(toChatMessage(body({ type: 'Event', direction: 'Inbound', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] }))).toBeNull();
  });

  it('keeps unknown content types and drops known ones missing their payload', () => {
    const validated = validateStructuredMessage({
      id: 'r', direction: 'Outbound', type: 'Structured', text: 'pick',
      content: [
        { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y', action: 'Message' } },
        { contentType: 'QuickReply' },
        { contentType: 'ListPicker', listPicker: { title: 'x' } },
        { nope: true },
      ],
    });
    if (typeof validated === 'string') throw new Error(validated);
    const message = toChatMessage(validated);
    expect(message?.content.map((c) => c.contentType)).toEqual(['QuickReply', 'ListPicker']);
  });

  it('falls back to the receive time when the channel time is missing or unparseable', () => {
    expect(toChatMessage(body({ text: 'a', channel: { time: 'yesterday' } }), '2024-05-01T00:00:00.000Z')?.time).toBe('2024-05-01T00:00:00.000Z');
  });
});

describe('typingOf', () => {
  it('reads agent typing with its duration, default 5 s', () => {
    expect(typingOf(body({ type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 3000 } }], channel: { from: { nickname: 'Sam' } } })))
      .toEqual({ sender: { name: 'Sam' }, durationMs: 3000 });
    expect(typingOf(body({ type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] }))).toEqual({ durationMs: 5000 });
    expect(typingOf(body({ type: 'Event', direction: 'Inbound', events: [{ eventType: 'Typing', typing: { type: 'On' } }] }))).toBeUndefined();
  });
});
