// Every Web Messaging frame is a remote value (src/protocol/web-messaging-parse.ts): the envelope, each class's body,
// a message's fields and its content items are checked before anything reads them; a wrong type is dropped or the
// frame refused, never passed on. Written from the mutants that survived the parser's other tests
// (make mutation MODULE=frame-parse).
import { describe, expect, it } from 'vitest';
import {
  isReadOnlyDisconnect, parseServerFrame, presenceOf, toChatMessage, typingOf, validateStructuredMessage,
} from '../../src/protocol/web-messaging-parse.js';

const frame = (extra: Record<string, unknown>) => JSON.stringify({ type: 'response', code: 200, ...extra });
const bodyOf = (cls: string, body: unknown) => {
  const result = parseServerFrame(frame({ class: cls, body }));
  return result.ok ? result.frame.body : result.error;
};

describe('the envelope', () => {
  it('refuses what is not a frame, and says why (with the tracing id when there is one)', () => {
    expect(parseServerFrame('{not json')).toStrictEqual({ ok: false, error: 'not JSON: {not json' });
    expect(parseServerFrame(`x${'y'.repeat(200)}`)).toMatchObject({ error: `not JSON: x${'y'.repeat(79)}` });
    expect(parseServerFrame('[1,2]')).toEqual({ ok: false, error: 'frame is not a JSON object' });
    expect(parseServerFrame(frame({ class: 7, tracingId: 't-1' }))).toEqual({ ok: false, error: 'frame has no "class"', tracingId: 't-1' });
    expect(parseServerFrame(frame({ class: 'SessionResponse', code: 'OK', body: { connected: true } })))
      .toEqual({ ok: false, error: 'frame SessionResponse has no numeric "code"' });
    expect(parseServerFrame(frame({ class: 'Mystery', tracingId: 7 }))).toEqual({ ok: false, error: 'Mystery: unknown class Mystery' });
  });

  it('sets aside the classes the widget has no use for, and takes a SessionExpiredEvent', () => {
    for (const cls of ['LogoutEvent', 'ResumeTokenResponse', 'Unknown']) {
      expect(parseServerFrame(frame({ class: cls, body: {} }))).toMatchObject({ ok: false, ignored: true, ignoredClass: cls, error: `ignored class ${cls}` });
    }
    expect(parseServerFrame(frame({ class: 'SessionExpiredEvent', body: 'x' }))).toMatchObject({ ok: true, frame: { body: {} } });
    expect(parseServerFrame(frame({ class: 'LogoutEvent', tracingId: 't-9' }))).toMatchObject({ ignored: true, tracingId: 't-9' });
  });

  it('takes a code that is a whole number or a string of digits, nothing else', () => {
    const code = (value: unknown) => {
      const result = parseServerFrame(frame({ class: 'SessionResponse', code: value, body: { connected: true } }));
      return result.ok ? result.frame.code : null;
    };
    expect(code(200)).toBe(200);
    expect(code('4011')).toBe(4011);
    for (const bad of ['20x', 'x200', '', '2.5', null, true]) expect(code(bad), String(bad)).toBeNull();
    // JSON can say 1e999, which parses to Infinity.
    expect(parseServerFrame('{"type":"response","class":"SessionResponse","code":1e999,"body":{"connected":true}}'))
      .toMatchObject({ ok: false, error: 'frame SessionResponse has no numeric "code"' });
    expect(parseServerFrame('{"type":"response","class":"TooManyRequestsErrorMessage","code":429,"body":{"retryAfter":1e999}}'))
      .toMatchObject({ ok: true, frame: { body: { retryAfter: 1 } } });
  });

  it('is a message only when it says so, a response otherwise', () => {
    const type = (value: unknown) => {
      const result = parseServerFrame(JSON.stringify({ type: value, class: 'SessionResponse', code: 200, body: { connected: true } }));
      return result.ok ? result.frame.type : null;
    };
    expect(type('message')).toBe('message');
    expect(type('response')).toBe('response');
    expect(type('Message')).toBe('response');
    expect(type(undefined)).toBe('response');
  });

  it('parses an object as it came (already parsed JSON), and keeps no tracing id that is not a string', () => {
    expect(parseServerFrame({ type: 'response', class: 'SessionResponse', code: 200, body: { connected: true }, tracingId: 'a' }))
      .toEqual({ ok: true, frame: { type: 'response', class: 'SessionResponse', code: 200, body: { connected: true }, tracingId: 'a' } });
    const result = parseServerFrame(frame({ class: 'SessionResponse', body: { connected: true }, tracingId: 42 }));
    expect(result.ok && 'tracingId' in result.frame).toBe(false);
  });
});

describe('each class\'s body', () => {
  it('requires the fields the widget reads, with their types', () => {
    expect(bodyOf('SessionResponse', { connected: 'yes' })).toBe('SessionResponse: body.connected is not a boolean');
    expect(bodyOf('SessionResponse', null)).toBe('SessionResponse: body is not an object');
    expect(bodyOf('PresignedUrlResponse', { attachmentId: 'a', url: 5 })).toBe('PresignedUrlResponse: body.url is not a string');
    expect(bodyOf('UploadSuccessEvent', { attachmentId: 'a' })).toBe('UploadSuccessEvent: body.downloadUrl is not a string');
    expect(bodyOf('UploadSuccessEvent', { attachmentId: 'a', downloadUrl: 'https://x' })).toEqual({ attachmentId: 'a', downloadUrl: 'https://x' });
    expect(bodyOf('UploadFailureEvent', { attachmentId: 1 })).toBe('UploadFailureEvent: body.attachmentId is not a string');
    expect(bodyOf('AttachmentDeletedResponse', {})).toBe('AttachmentDeletedResponse: body.attachmentId is not a string');
    expect(bodyOf('AttachmentDeletedResponse', { attachmentId: 'a' })).toEqual({ attachmentId: 'a' });
    expect(bodyOf('JwtResponse', { jwt: null })).toBe('JwtResponse: body.jwt is not a string');
    expect(bodyOf('JwtResponse', { jwt: 'j', exp: 1 })).toEqual({ jwt: 'j', exp: 1 });
  });

  it('keeps only string headers of a presigned URL (numbers and booleans as text)', () => {
    expect(bodyOf('PresignedUrlResponse', { attachmentId: 'a', url: 'https://u', headers: { 'Content-Type': 'image/png', 'x-n': 7, 'x-b': true, 'x-o': {}, 'x-null': null } }))
      .toEqual({ attachmentId: 'a', url: 'https://u', headers: { 'Content-Type': 'image/png', 'x-n': '7', 'x-b': 'true' } });
    expect(bodyOf('PresignedUrlResponse', { attachmentId: 'a', url: 'https://u', headers: 'no' })).toEqual({ attachmentId: 'a', url: 'https://u', headers: {} });
  });

  it('reads a rate limit with safe defaults', () => {
    expect(bodyOf('TooManyRequestsErrorMessage', { errorCode: '4029', errorMessage: 'slow down', retryAfter: 3 }))
      .toEqual({ errorCode: 4029, errorMessage: 'slow down', retryAfter: 3 });
    expect(bodyOf('TooManyRequestsErrorMessage', { retryAfter: -4, errorMessage: 5 })).toEqual({ errorCode: 429, errorMessage: 'Too many requests', retryAfter: 1 });
    expect(bodyOf('TooManyRequestsErrorMessage', { retryAfter: 0 })).toMatchObject({ retryAfter: 0 });
    expect(bodyOf('TooManyRequestsErrorMessage', { retryAfter: '30' })).toMatchObject({ retryAfter: 1 });
    expect(bodyOf('TooManyRequestsErrorMessage', 'busy')).toBe('TooManyRequestsErrorMessage: body is not an object');
  });

  it('reads an upload refusal with safe defaults', () => {
    expect(bodyOf('GenerateUrlError', { errorCode: 4001, errorMessage: 'type not allowed', extra: 1 }))
      .toEqual({ errorCode: 4001, errorMessage: 'type not allowed', extra: 1 });
    expect(bodyOf('GenerateUrlError', { errorCode: 'x', errorMessage: [] })).toEqual({ errorCode: 0, errorMessage: '' });
    expect(bodyOf('GenerateUrlError', 42)).toBe('GenerateUrlError: body is not an object');
  });

  it('takes any body of the events it only needs the class of, as an object', () => {
    expect(bodyOf('GetConfigurationResponse', 'x')).toEqual({});
    expect(bodyOf('ConnectionClosedEvent', { reason: 'r' })).toEqual({ reason: 'r' });
    expect(bodyOf('SessionClearedEvent', null)).toEqual({});
  });

  it('turns a `string` frame\'s body and an `Error` frame\'s odd body into text', () => {
    expect(bodyOf('string', 'hello')).toBe('hello');
    expect(bodyOf('string', { a: 1 })).toBe('{"a":1}');
    expect(bodyOf('string', null)).toBe('""');
    expect(bodyOf('Error', 'bad request')).toBe('bad request');
    expect(bodyOf('Error', { errorMessage: 'x' })).toEqual({ errorMessage: 'x' });
    expect(bodyOf('Error', 42)).toBe('42');
  });
});

describe('a message', () => {
  const message = (extra: Record<string, unknown> = {}) => ({ id: 'm1', direction: 'Outbound', ...extra });

  it('needs an object with a string id and a direction', () => {
    expect(validateStructuredMessage('m1')).toBe('message is not an object');
    expect(validateStructuredMessage(message({ id: 7 }))).toBe('message has no id');
    expect(validateStructuredMessage(message({ id: '' }))).toBe('message has no id');
    expect(validateStructuredMessage(message({ direction: 'Sideways' }))).toBe('message direction is not Inbound/Outbound');
  });

  it('drops fields of the wrong type instead of passing them on', () => {
    const body = validateStructuredMessage(message({
      type: 5, text: 42, originatingEntity: 'Robot',
      channel: { time: 1, messageId: {}, type: [], from: 'x', to: 7 },
    }));
    expect(body).toEqual({ id: 'm1', type: 'Text', direction: 'Outbound', channel: {} });
  });

  it('keeps the fields of the right type', () => {
    const body = validateStructuredMessage(message({
      type: 'Structured', text: 'hi', originatingEntity: 'Bot',
      channel: { time: '2026-01-01T00:00:00Z', messageId: 'x-1', type: 'Private', from: { nickname: 'Ana', id: 3 }, to: { id: 'g' } },
      metadata: { customMessageId: 'c-1', n: 2, o: {} },
    }));
    expect(body).toEqual({
      id: 'm1', type: 'Structured', direction: 'Outbound', text: 'hi', originatingEntity: 'Bot',
      channel: { time: '2026-01-01T00:00:00Z', messageId: 'x-1', type: 'Private', from: { nickname: 'Ana', id: '3' }, to: { id: 'g' } },
      metadata: { customMessageId: 'c-1', n: '2' },
    });
  });

  it('refuses a channel, content or events of the wrong shape', () => {
    expect(validateStructuredMessage(message({ channel: 'web' }))).toBe('message channel is not an object');
    expect(validateStructuredMessage(message({ content: {} }))).toBe('message content is not an array');
    expect(validateStructuredMessage(message({ events: 'typing' }))).toBe('message events is not an array');
  });

  it('keeps the events that have an event type', () => {
    const body = validateStructuredMessage(message({ events: [{ eventType: 'Typing' }, { eventType: 3 }, null, 'Presence'] }));
    expect(typeof body !== 'string' && body.events).toEqual([{ eventType: 'Typing' }]);
  });

  it('keeps the content items that carry their payload, and unknown types as they came', () => {
    const items = [
      { contentType: 'Attachment', attachment: { id: 'a1' } },
      { contentType: 'Attachment', attachment: { url: 'x' } },
      { contentType: 'Attachment' },
      { contentType: 'QuickReply', quickReply: { text: 'Yes' } },
      { contentType: 'QuickReply', quickReply: { text: 1 } },
      { contentType: 'ButtonResponse', buttonResponse: { text: 'Yes' } },
      { contentType: 'ButtonResponse', buttonResponse: 'Yes' },
      { contentType: 'Card', card: { title: 'T' } },
      { contentType: 'Card', card: { description: 'no title' } },
      { contentType: 'Carousel', carousel: { cards: [{ title: 'A' }, { title: 'B' }] } },
      { contentType: 'Carousel', carousel: { cards: [{ title: 'A' }, { description: 'no title' }] } },
      { contentType: 'Carousel', carousel: { cards: 'A' } },
      { contentType: 'Carousel' },
      { contentType: 'Story', story: {} },
      { contentType: 9 },
      'text',
    ];
    const body = validateStructuredMessage(message({ content: items }));
    expect(typeof body !== 'string' && body.content).toEqual([items[0], items[3], items[5], items[7], items[9], items[13]]);
  });
});

describe('what a message means', () => {
  const outbound = (extra: Record<string, unknown> = {}) => {
    const body = validateStructuredMessage({ id: 'm1', direction: 'Outbound', ...extra });
    if (typeof body === 'string') throw new Error(body);
    return body;
  };
  const presence = (type: string) => ({ eventType: 'Presence', presence: { type } });

  it('knows a bot from a person, and leaves any other originating entity out', () => {
    expect(outbound({ originatingEntity: 'Human' }).originatingEntity).toBe('Human');
    expect(toChatMessage(outbound({ text: 'hi', originatingEntity: 'Bot' }))?.role).toBe('bot');
    expect(toChatMessage(outbound({ text: 'hi', originatingEntity: 'Human' }))?.role).toBe('agent');
    const rejected = validateStructuredMessage({ id: 'm2', direction: 'Outbound', content: [{ contentType: 'ButtonResponse', buttonResponse: { text: 5 } }] });
    expect(typeof rejected !== 'string' && rejected.content).toEqual([]);
  });

  it('names the sender by nickname, else first and last name, with a picture; no sender without either', () => {
    const sender = (from: Record<string, unknown>) => toChatMessage(outbound({ text: 'hi', channel: { from } }))?.sender;
    expect(sender({ nickname: 'Alex', firstName: 'A', lastName: 'M', image: 'https://i/a.png' })).toEqual({ name: 'Alex', avatarUrl: 'https://i/a.png' });
    expect(sender({ firstName: 'Alex', lastName: '' })).toEqual({ name: 'Alex' });
    expect(sender({ firstName: '', lastName: 'Morgan' })).toEqual({ name: 'Morgan' });
    expect(sender({ image: 'https://i/a.png' })).toEqual({ avatarUrl: 'https://i/a.png' });
    expect(sender({ id: 'x' })).toBeUndefined();
    expect(toChatMessage(outbound({ text: 'hi' }))).not.toHaveProperty('sender');
  });

  it('reads a presence only from a Presence event with a type', () => {
    expect(presenceOf(outbound({ events: [{ eventType: 'Typing', presence: { type: 'Disconnect' } }, presence('Join')] }))).toBe('Join');
    expect(presenceOf(outbound({ events: [{ eventType: 'Presence', presence: 'Join' }] }))).toBeUndefined();
    expect(presenceOf(outbound({ events: [{ eventType: 'Presence', presence: { type: 1 } }] }))).toBeUndefined();
    expect(presenceOf(outbound())).toBeUndefined();
  });

  it('is a read-only disconnect only when the agent side disconnects with readOnly "true"', () => {
    const readOnly = { events: [presence('Disconnect')], metadata: { readOnly: 'true' } };
    expect(isReadOnlyDisconnect(outbound(readOnly))).toBe(true);
    const inbound = validateStructuredMessage({ id: 'm', direction: 'Inbound', ...readOnly });
    expect(typeof inbound !== 'string' && isReadOnlyDisconnect(inbound)).toBe(false);
    expect(isReadOnlyDisconnect(outbound({ events: [presence('Join')], metadata: { readOnly: 'true' } }))).toBe(false);
    expect(isReadOnlyDisconnect(outbound({ events: [presence('Disconnect')], metadata: { readOnly: 'false' } }))).toBe(false);
    expect(isReadOnlyDisconnect(outbound({ events: [presence('Disconnect')] }))).toBe(false);
  });

  it('reads typing from the agent side, with a positive duration or the default', () => {
    expect(typingOf(outbound({ events: [presence('Join'), { eventType: 'Typing', typing: { type: 'On', duration: 4000 } }] }))).toEqual({ durationMs: 4000 });
    const fallback = typingOf(outbound({ events: [{ eventType: 'Typing', typing: { duration: 0 } }] }))?.durationMs;
    expect(fallback).toBeGreaterThan(0);
    expect(typingOf(outbound({ events: [{ eventType: 'Typing', typing: { duration: -5 } }] }))?.durationMs).toBe(fallback);
    expect(typingOf(outbound({ events: [{ eventType: 'Typing', typing: { duration: '9000' } }] }))?.durationMs).toBe(fallback);
    expect(typingOf(outbound({ events: [presence('Join')] }))).toBeUndefined();
    expect(typingOf(outbound({ events: [{ eventType: 'Typing' }], channel: { from: { nickname: 'Alex' } } }))).toEqual({ sender: { name: 'Alex' }, durationMs: fallback });
  });

  it('turns an agent\'s presence into a system line (with its text and sender), and shows nothing else of an event', () => {
    const line = toChatMessage(outbound({ type: 'Event', text: 'Alex joined', events: [presence('Join')], channel: { from: { nickname: 'Alex' } } }));
    expect(line).toMatchObject({ role: 'system', presence: 'join', text: 'Alex joined', content: [], sender: { name: 'Alex' } });
    expect(toChatMessage(outbound({ events: [presence('Join')] }))).toMatchObject({ role: 'system', text: '', content: [], state: 'sent' });
    expect(toChatMessage(outbound({ events: [presence('Clear')] }))?.presence).toBe('clear');
    expect(toChatMessage(outbound({ events: [presence('SessionExpired')] }))?.presence).toBe('session-expired');
    expect(toChatMessage(outbound({ events: [presence('Join')] }))).not.toHaveProperty('sender');
    expect(toChatMessage(outbound({ events: [{ eventType: 'Typing' }] }))).toBeNull();
    // Text with an event is a message, not a system line.
    expect(toChatMessage(outbound({ text: 'hello', events: [presence('Join')] }))).toMatchObject({ role: 'agent', text: 'hello' });
    expect(toChatMessage(outbound({ content: [{ contentType: 'Card', card: { title: 'T' } }], events: [presence('Join')] }))).toMatchObject({ role: 'agent' });
    expect(toChatMessage(outbound())).toBeNull(); // nothing to show
    expect(toChatMessage(outbound({ content: [{ contentType: 'Card', card: { title: 'T' } }] }))).toMatchObject({ text: '' });
  });
});
