// The gateway protocol's edge (src/protocol/gateway.ts), both ways. Anyone can open a guest socket, so every client
// frame is hostile until read here; the server's frames reach the widget's render (a limits list that is not a list
// would break the composer), so they are read as strictly. Each case is one field of the wrong kind or size.
import { describe, expect, it } from 'vitest';
import {
  MAX_GATEWAY_FRAME_BYTES, MAX_SERVER_FRAME_BYTES, parseClientFrame, parseServerFrame, parseUploadResponse,
} from '../../src/protocol/gateway.js';

const client = (frame: unknown, maxText?: number) => parseClientFrame(JSON.stringify(frame), maxText);
const server = (frame: unknown) => parseServerFrame(JSON.stringify(frame));
const refused = (result: { ok: boolean; error?: string }) => (result.ok ? 'accepted' : result.error);

const FILE = { url: 'https://files.example.com/a.png', mime: 'image/png' };

describe('client frames (what a guest socket may send the server)', () => {
  it.each([
    ['not JSON', '{type', 'frame is not JSON'],
    ['an array', '[1]', 'frame is not a JSON object'],
    ['null', 'null', 'frame is not a JSON object'],
    ['no type', '{}', 'frame has no "type"'],
    ['a number type', '{"type":7}', 'frame has no "type"'],
    ['an unknown type, named in at most 40 characters', JSON.stringify({ type: `x${'y'.repeat(60)}` }), `unknown frame type "x${'y'.repeat(39)}"`],
  ])('%s is refused', (_, raw, error) => {
    expect(parseClientFrame(raw)).toEqual({ ok: false, error });
  });

  it('a frame over the size limit is refused before it is parsed; one at the limit is read', () => {
    const raw = JSON.stringify({ type: 'ping', id: 'x'.repeat(MAX_GATEWAY_FRAME_BYTES) });
    expect(parseClientFrame(raw)).toEqual({ ok: false, error: 'frame too large' });
    const atLimit = `{"type":"ping","id":"${'x'.repeat(MAX_GATEWAY_FRAME_BYTES - 23)}"}`;
    expect(atLimit).toHaveLength(MAX_GATEWAY_FRAME_BYTES);
    expect(parseClientFrame(atLimit)).toEqual({ ok: false, error: '"id" must be a string' }); // read, then refused for its id
  });

  it.each([
    [{ type: 'auth' }, 'auth needs a "token"'],
    [{ type: 'auth', token: '' }, 'auth needs a "token"'],
    [{ type: 'auth', token: 7 }, 'auth needs a "token"'],
    [{ type: 'auth', token: 't'.repeat(4097) }, 'auth needs a "token"'],
    [{ type: 'auth', token: 't', lastSeq: -1 }, '"lastSeq" must be a non-negative integer'],
    [{ type: 'auth', token: 't', lastSeq: 1.5 }, '"lastSeq" must be a non-negative integer'],
    [{ type: 'auth', token: 't', lastSeq: '3' }, '"lastSeq" must be a non-negative integer'],
  ])('auth %j is refused', (frame, error) => {
    expect(refused(client(frame))).toBe(error);
  });

  it('auth keeps only its token and a replay point', () => {
    expect(client({ type: 'auth', token: 't'.repeat(4096), lastSeq: 0, admin: true }))
      .toStrictEqual({ ok: true, frame: { type: 'auth', token: 't'.repeat(4096), lastSeq: 0 } });
    expect(client({ type: 'auth', token: 't' })).toStrictEqual({ ok: true, frame: { type: 'auth', token: 't' } });
  });

  it.each(['Image', 'Video', 'Audio', 'File', 'Link'])('an attachment of media type %s is taken', (mediaType) => {
    expect(client({ type: 'message', id: 'm', text: '', attachments: [{ ...FILE, mediaType }] }).ok).toBe(true);
  });

  it('an attachment without a media type, or on plain http (the emulator), is taken', () => {
    expect(client({ type: 'message', id: 'm', text: '', attachments: [FILE] }).ok).toBe(true);
    expect(client({ type: 'message', id: 'm', text: '', attachments: [{ ...FILE, url: 'http://127.0.0.1:9000/a.png' }] }).ok).toBe(true);
  });

  it.each(['QuickReply', 'Button', 'DatePicker', 'Form', 'ListPicker'])('an answer to a %s is taken', (type) => {
    expect(client({ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { type, text: 'Yes', payload: 'p'.repeat(10) } }, 10).ok)
      .toBe(true);
  });

  it.each([
    [{ type: 'message', text: 'hi' }, 'message needs an "id"'],
    [{ type: 'message', id: '', text: 'hi' }, 'message needs an "id"'],
    [{ type: 'message', id: 'i'.repeat(129), text: 'hi' }, 'message needs an "id"'],
    [{ type: 'message', id: 'm', text: 42 }, 'message needs a "text" string'],
    [{ type: 'message', id: 'm', text: '   ' }, 'message is empty'],
    [{ type: 'message', id: 'm', text: 'hi', attachments: FILE }, expect.stringContaining('"attachments" must be')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [FILE, FILE] }, expect.stringContaining('list of one')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, url: 'javascript:alert(1)' }] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, url: `https://x/${'a'.repeat(2048)}` }] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, mime: '' }] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, filename: 'f'.repeat(256) }] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, mediaType: 'Executable' }] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, mediaType: 3 }] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: ['https://files.example.com/a.png'] }, expect.stringContaining('"attachments"')],
    [{ type: 'message', id: 'm', text: 'hi', attachments: [{ ...FILE, url: 'ftp://x/?next=https://files.example.com/a.png' }] }, expect.stringContaining('"attachments"')],
  ])('message %j is refused', (frame, error) => {
    expect(refused(client(frame))).toEqual(error);
  });

  it('message text is capped at the server limit, exactly', () => {
    expect(client({ type: 'message', id: 'm', text: 'x'.repeat(10) }, 10).ok).toBe(true);
    expect(refused(client({ type: 'message', id: 'm', text: 'x'.repeat(11) }, 10))).toBe('text is longer than 10 characters');
  });

  it('a message keeps its id, text and one valid attachment, and nothing else', () => {
    const attachment = { url: 'HTTPS://files.example.com/a.png', mime: 'image/png', filename: 'f'.repeat(255), mediaType: 'Image' };
    expect(client({ type: 'message', id: 'i'.repeat(128), text: ' ', attachments: [attachment], role: 'agent' }))
      .toEqual({ ok: true, frame: { type: 'message', id: 'i'.repeat(128), text: ' ', attachments: [attachment] } });
    expect(client({ type: 'message', id: 'm', text: 'hi', attachments: [] }))
      .toEqual({ ok: true, frame: { type: 'message', id: 'm', text: 'hi', attachments: [] } });
    expect(refused(client({ type: 'message', id: 'm', text: '', attachments: [] }))).toBe('message is empty');
  });

  const answer = { type: 'QuickReply', text: 'Yes', payload: 'yes' };
  it.each([
    [{ type: 'quick-reply', originatingMessageId: 'o', answer }, 'quick-reply needs an "id"'],
    [{ type: 'quick-reply', id: 'q', answer }, 'quick-reply needs "originatingMessageId"'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o'.repeat(257), answer }, 'quick-reply needs "originatingMessageId"'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: 'Yes' }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: null }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, type: 'Link' } }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, type: 1 } }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, text: '' } }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, payload: 5 } }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, payload: 'p'.repeat(11) } }, 'quick-reply needs "answer" {type, text, payload}'],
    [{ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, text: 't'.repeat(11) } }, 'quick-reply needs "answer" {type, text, payload}'],
  ])('quick-reply %j is refused', (frame, error) => {
    expect(refused(client(frame, 10))).toBe(error);
  });

  it('a quick reply keeps its known fields; typing and ping carry nothing else', () => {
    expect(client({ type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, payload: '', extra: 1 }, extra: 2 }))
      .toEqual({ ok: true, frame: { type: 'quick-reply', id: 'q', originatingMessageId: 'o', answer: { ...answer, payload: '' } } });
    expect(client({ type: 'typing', text: 'spy' })).toEqual({ ok: true, frame: { type: 'typing' } });
    expect(client({ type: 'ping', id: 'p', extra: 1 })).toStrictEqual({ ok: true, frame: { type: 'ping', id: 'p' } });
    expect(client({ type: 'ping' })).toStrictEqual({ ok: true, frame: { type: 'ping' } });
    expect(refused(client({ type: 'ping', id: 7 }))).toBe('"id" must be a string');
    expect(refused(client({ type: 'ping', id: 'p'.repeat(129) }))).toBe('"id" must be a string');
  });
});

describe('server frames (what the widget takes from the server)', () => {
  const message = { id: 'a-1', direction: 'outbound', role: 'agent', text: 'hi', content: [], time: '2026-01-01T00:00:00.000Z', state: 'sent' };
  const ready = {
    type: 'ready',
    session: { sessionId: 's', guestId: 'g', resumed: false, readOnly: false, expiresAt: 1 },
    features: { attachments: false, agentTyping: true, conversationDisconnect: false, primaryColor: '#123456', languages: ['en'], defaultLanguage: 'en' },
    limits: { maxMessageLength: 4000, allowedFileTypes: ['image/*'], maxFileSizeKB: 0, blockedExtensions: ['.exe'] },
    availability: { open: true, estimatedWaitSeconds: 30, agentsOnQueue: 2 },
    transcript: [message],
    seq: 1,
  };

  it('takes a well-formed ready', () => {
    expect(server(ready)).toEqual({ ok: true, frame: ready });
    expect(server({ ...ready, availability: undefined }).ok).toBe(true);
    for (const conversationDisconnect of ['ReadOnly', 'Send', false, undefined]) {
      expect(server({ ...ready, features: { ...ready.features, conversationDisconnect } }).ok).toBe(true);
    }
    expect(server({ ...ready, transcript: [{ ...message, direction: 'inbound', role: 'guest' }] }).ok).toBe(true);
    // A feature this widget does not know, of any kind, is no reason to turn the session away.
    expect(server({ ...ready, features: { ...ready.features, knowledge: { portal: 'x' } } }).ok).toBe(true);
  });

  it.each([
    ['session', { ...ready, session: 'x' }],
    ['session', { ...ready, session: null }],
    ['session', { ...ready, session: { ...ready.session, sessionId: 1 } }],
    ['session', { ...ready, session: { ...ready.session, guestId: 1 } }],
    ['limits', { ...ready, limits: { ...ready.limits, allowedFileTypes: undefined } }],
    ['limits', { ...ready, limits: { ...ready.limits, allowedFileTypes: [1] } }],
    ['limits', { ...ready, limits: { ...ready.limits, blockedExtensions: '.exe' } }],
    ['limits', { ...ready, limits: { ...ready.limits, maxFileSizeKB: '10' } }],
    ['limits', { ...ready, limits: { ...ready.limits, maxFileSizeKB: -1 } }],
    ['limits', { ...ready, limits: { ...ready.limits, maxMessageLength: 0 } }],
    ['limits', { ...ready, limits: { ...ready.limits, maxCustomDataBytes: 'lots' } }],
    ['features', { ...ready, features: 'all' }],
    ['features', { ...ready, features: null }],
    ['limits', { ...ready, limits: null }],
    ['limits', { ...ready, limits: { ...ready.limits, maxMessageLength: '4000' } }],
    ...['attachments', 'agentTyping', 'guestTyping', 'markdown', 'autoStart', 'conversationClear']
      .map((name) => ['features', { ...ready, features: { ...ready.features, [name]: 'yes' } }] as [string, unknown]),
    ['features', { ...ready, features: { ...ready.features, conversationDisconnect: 'Yes' } }],
    ['features', { ...ready, features: { ...ready.features, languages: 'en' } }],
    ['features', { ...ready, features: { ...ready.features, primaryColor: 5 } }],
    ['features', { ...ready, features: { ...ready.features, defaultLanguage: ['en'] } }],
    ['transcript', { ...ready, transcript: [{ ...message, text: 5 }] }],
    ['transcript', { ...ready, transcript: [null] }],
    ['transcript', { ...ready, transcript: [{ ...message, id: 1 }] }],
    ['transcript', { ...ready, transcript: [{ ...message, role: undefined }] }],
    ['transcript', { ...ready, transcript: [{ ...message, content: 'none' }] }],
    ['transcript', { ...ready, transcript: [{ ...message, time: 0 }] }],
    ['transcript', { ...ready, transcript: [{ ...message, state: null }] }],
    ['transcript', { ...ready, transcript: {} }],
    ['seq', { ...ready, seq: '1' }],
    ['availability', { ...ready, availability: { open: 'yes' } }],
    ['availability', { ...ready, availability: { open: true, estimatedWaitSeconds: 'soon' } }],
    ['availability', { ...ready, availability: { open: true, agentsOnQueue: -2 } }],
  ])('a ready with a bad %s is skipped', (what, frame) => {
    expect(server(frame)).toEqual({ ok: false, error: `malformed ready: ${what}` });
  });

  it.each([
    [{ type: 'message', seq: 1, message: { ...message, direction: 'sideways' } }, 'malformed message: message'],
    [{ type: 'message', message }, 'malformed message: message'],
    [{ type: 'ack', id: 5, state: 'sent' }, 'malformed ack: id/state'],
    [{ type: 'ack', id: 'm', state: 'lost' }, 'malformed ack: id/state'],
    [{ type: 'ack', id: 'm', state: 'failed', failure: 'nope' }, 'malformed ack: failure'],
    [{ type: 'ack', id: 'm', state: 'failed', failure: { code: 'server', message: 7 } }, 'malformed ack: failure'],
    [{ type: 'ack', id: 'm', state: 'failed', failure: { code: 'rate-limited', message: 'm', retryAfterSeconds: '2' } }, 'malformed ack: failure'],
    [{ type: 'typing', durationMs: '5000' }, 'malformed typing: durationMs'],
    [{ type: 'typing', durationMs: -1 }, 'malformed typing: durationMs'],
    [{ type: 'presence', presence: 1 }, 'malformed presence: presence'],
    [{ type: 'availability', availability: null }, 'malformed availability: availability'],
    [{ type: 'error', code: 7, message: 'm' }, 'malformed error: code/message/ref/retryAfterSeconds'],
    [{ type: 'error', code: 'server', message: 'm', ref: 7 }, 'malformed error: code/message/ref/retryAfterSeconds'],
    [{ type: 'error', code: 'rate-limited', message: 'm', retryAfterSeconds: 'soon' }, 'malformed error: code/message/ref/retryAfterSeconds'],
    [{ type: 'welcome' }, 'unknown frame type "welcome"'],
    [{ type: `w${'x'.repeat(60)}` }, `unknown frame type "w${'x'.repeat(39)}"`],
  ])('%j is skipped', (frame, error) => {
    expect(server(frame)).toEqual({ ok: false, error });
  });

  it('takes the well-formed others as they are', () => {
    for (const frame of [
      { type: 'message', seq: 2, message, replay: true },
      { type: 'ack', id: 'm', state: 'failed', failure: { code: 'rate-limited', message: 'busy', retryAfterSeconds: 2 } },
      { type: 'ack', id: 'm', state: 'sent' },
      { type: 'typing', durationMs: 0 },
      { type: 'presence', presence: 'disconnect' },
      { type: 'availability', availability: { open: false } },
      { type: 'error', code: 'rate-limited', message: 'slow', ref: 'm', retryAfterSeconds: 3 },
      { type: 'pong', id: 'p' },
    ]) expect(server(frame)).toEqual({ ok: true, frame });
  });

  it('a server frame over its size limit, or not an object, is skipped', () => {
    expect(parseServerFrame('"ready"')).toEqual({ ok: false, error: 'frame is not a JSON object' });
    expect(parseServerFrame(JSON.stringify({ type: 'pong', pad: 'x'.repeat(MAX_SERVER_FRAME_BYTES) }))).toEqual({ ok: false, error: 'frame too large' });
  });
});

describe('uploads: the ids a message carries, and the upload answer the widget takes', () => {
  const ID = 'AbCdEfGhIjKlMnOpQrStUv'; // 22 characters: the shortest id the pattern takes

  it('a message may carry one upload id, with or without text', () => {
    expect(client({ type: 'message', id: 'm', text: '', uploads: [ID] }))
      .toEqual({ ok: true, frame: { type: 'message', id: 'm', text: '', uploads: [ID] } });
    expect(client({ type: 'message', id: 'm', text: 'hi', uploads: [`${ID}-_${'x'.repeat(40)}`] }).ok).toBe(true);
    expect(client({ type: 'message', id: 'm', text: 'hi', uploads: [] }))
      .toEqual({ ok: true, frame: { type: 'message', id: 'm', text: 'hi', uploads: [] } });
  });

  it.each([
    [{ uploads: ID }, '"uploads" must be a list of upload ids'],
    [{ uploads: [ID.slice(1)] }, '"uploads" must be a list of upload ids'],
    [{ uploads: ['x'.repeat(65)] }, '"uploads" must be a list of upload ids'],
    [{ uploads: [`${ID}/../a`] }, '"uploads" must be a list of upload ids'],
    [{ uploads: [7] }, '"uploads" must be a list of upload ids'],
    [{ uploads: [ID, ID] }, 'a message carries at most 1 attachment'],
    [{ uploads: [ID], attachments: [FILE] }, 'a message carries at most 1 attachment'],
  ])('%j is refused: %s', (fields, error) => {
    expect(refused(client({ type: 'message', id: 'm', text: 'hi', ...fields }))).toBe(error);
  });

  it('an empty text with an empty upload list is empty', () => {
    expect(refused(client({ type: 'message', id: 'm', text: ' ', uploads: [] }))).toBe('message is empty');
  });

  const answer = { id: ID, url: 'https://chat.example.com/api/uploads/x', mime: 'image/png', filename: 'a.png', size: 0, mediaType: 'Image' };

  it('takes a well-formed answer, and only its own fields', () => {
    expect(parseUploadResponse({ ...answer, extra: '<b>' })).toEqual(answer);
    expect(parseUploadResponse({ ...answer, url: 'http://127.0.0.1:8788/api/uploads/x', mediaType: 'File' })).not.toBeNull();
  });

  it.each([
    ['not an object', null], ['a list', [answer]],
    ['a bad id', { ...answer, id: 'short' }], ['a numeric id', { ...answer, id: 1234567890 }],
    ['a data URL', { ...answer, url: 'data:image/png;base64,AAAA' }], ['a script URL naming an https one', { ...answer, url: 'javascript:open("https://x")' }], ['an empty URL', { ...answer, url: '' }],
    ['a long URL', { ...answer, url: `https://x/${'a'.repeat(2048)}` }],
    ['an empty mime', { ...answer, mime: '' }], ['a long name', { ...answer, filename: 'f'.repeat(256) }],
    ['no name', { ...answer, filename: undefined }], ['a negative size', { ...answer, size: -1 }],
    ['an infinite size', { ...answer, size: Infinity }], ['a media type of the wrong kind', { ...answer, mediaType: 1 }],
    ['an unknown media type', { ...answer, mediaType: 'Executable' }],
  ])('refuses %s', (_, value) => {
    expect(parseUploadResponse(value)).toBeNull();
  });
});
