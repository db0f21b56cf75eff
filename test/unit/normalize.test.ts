/**
 * Open Messaging <-> widget shapes (server/normalize.ts): the guest's echo, quick-reply answers, and every branch of
 * an agent's outbound payload becoming a ChatMessage (sender, text, time, attachments, unknown content, junk).
 */
import { describe, expect, it } from 'vitest';
import {
  guestEcho, mediaTypeOf, outboundToChatMessage, quickReplyEcho, toOpenAttachment, uploadAttachment,
} from '../../server/normalize.js';
import type { OpenOutboundPayload } from '../../src/protocol/open-messaging.js';

const INTEGRATION = 'integration-1';

function payload(extra: Partial<OpenOutboundPayload> & { from?: Record<string, unknown> | null } = {}): OpenOutboundPayload {
  const { from, ...rest } = extra;
  return {
    id: 'p-1', type: 'Text', direction: 'Outbound', text: 'Hello',
    channel: {
      id: INTEGRATION, platform: 'Open', type: 'Private', messageId: 'p-1', time: '2025-01-02T03:04:05.000Z',
      to: { id: 'g-1' },
      ...(from === null ? {} : { from: (from ?? { nickname: 'Integration', id: INTEGRATION, idType: 'Opaque' }) as never }),
    },
    ...rest,
  } as OpenOutboundPayload;
}

describe('normalize: guest side', () => {
  it('guesses a media type from the MIME type', () => {
    expect(mediaTypeOf('image/png')).toBe('Image');
    expect(mediaTypeOf('video/mp4')).toBe('Video');
    expect(mediaTypeOf('audio/ogg')).toBe('Audio');
    expect(mediaTypeOf('application/pdf')).toBe('File');
    expect(mediaTypeOf('text/image/x')).toBe('File');
  });

  it('an attachment keeps a given media type and its filename only when there is one', () => {
    expect(toOpenAttachment({ url: 'https://f/a.png', mime: 'image/png' })).toEqual({ mediaType: 'Image', url: 'https://f/a.png', mime: 'image/png' });
    expect(toOpenAttachment({ url: 'https://f/a', mime: 'image/png', mediaType: 'File', filename: 'a.png' }))
      .toEqual({ mediaType: 'File', url: 'https://f/a', mime: 'image/png', filename: 'a.png' });
    expect(toOpenAttachment({ url: 'https://f/a', mime: 'x/y', filename: '' })).not.toHaveProperty('filename');
  });

  it("echoes the guest's message with its id, numbered attachments, time and name", () => {
    const echo = guestEcho({ type: 'message', id: 'm-1', text: 'hi', attachments: [{ url: 'https://f/1.png', mime: 'image/png' }, { url: 'https://f/2.pdf', mime: 'application/pdf', filename: '2.pdf' }] }, 'T', 'Ana');
    expect(echo).toEqual({
      id: 'm-1', direction: 'inbound', role: 'guest', text: 'hi', time: 'T', state: 'sent', sender: { name: 'Ana' },
      content: [
        { contentType: 'Attachment', attachment: { id: 'm-1-0', mediaType: 'Image', url: 'https://f/1.png', mime: 'image/png' } },
        { contentType: 'Attachment', attachment: { id: 'm-1-1', mediaType: 'File', url: 'https://f/2.pdf', mime: 'application/pdf', filename: '2.pdf' } },
      ],
    });
    const plain = guestEcho({ type: 'message', id: 'm-2', text: 'x' }, 'T');
    expect(plain.content).toEqual([]);
    expect(plain).not.toHaveProperty('sender');
    expect(guestEcho({ type: 'message', id: 'm-3', text: 'x' }, 'T', '')).not.toHaveProperty('sender');
  });

  it("an upload becomes an attachment from the server's record alone: URL, type, name, media type", () => {
    const record = {
      guestId: 'g-1', sessionId: 's-1', mime: 'application/pdf', filename: 'cv.pdf', size: 3, url: 'https://gw.example.com/api/uploads/x',
      createdAt: 0, bytes: Buffer.from('pdf'),
    };
    expect(uploadAttachment(record)).toEqual({ url: 'https://gw.example.com/api/uploads/x', mime: 'application/pdf', filename: 'cv.pdf', mediaType: 'File' });
    expect(uploadAttachment({ ...record, mime: 'image/webp' }).mediaType).toBe('Image');
  });

  it("echoes a quick-reply answer as the button's text and a ButtonResponse", () => {
    const answer = { type: 'QuickReply' as const, text: 'Yes', payload: 'y' };
    expect(quickReplyEcho({ type: 'quick-reply', id: 'q-1', answer, originatingMessageId: 'o-1' }, 'T', 'Ana')).toEqual({
      id: 'q-1', direction: 'inbound', role: 'guest', text: 'Yes', time: 'T', state: 'sent', sender: { name: 'Ana' },
      content: [{ contentType: 'ButtonResponse', buttonResponse: answer }],
    });
    expect(quickReplyEcho({ type: 'quick-reply', id: 'q-2', answer, originatingMessageId: 'o-1' }, 'T')).not.toHaveProperty('sender');
  });
});

describe('normalize: outbound payload to ChatMessage', () => {
  it('a plain text from the integration: an agent message named by channel.from.nickname, the integration\'s own name', () => {
    expect(outboundToChatMessage(payload())).toEqual({
      id: 'p-1', direction: 'outbound', role: 'agent', text: 'Hello', content: [], time: '2025-01-02T03:04:05.000Z', state: 'sent',
      sender: { name: 'Integration' },
    });
    expect(outboundToChatMessage(payload({ from: null }))).not.toHaveProperty('sender');
    expect(outboundToChatMessage(payload({ from: { nickname: 42 } }))).not.toHaveProperty('sender');
  });

  it('a sender other than the integration is named by nickname, else first and last name, with its image', () => {
    expect(outboundToChatMessage(payload({ from: { id: 'agent-7', nickname: 'Anna', firstName: 'A', image: 'https://cdn/a.png' } })).sender)
      .toEqual({ name: 'Anna', avatarUrl: 'https://cdn/a.png' });
    expect(outboundToChatMessage(payload({ from: { id: 'agent-7', firstName: 'Anna', lastName: 'Agent' } })).sender).toEqual({ name: 'Anna Agent' });
    expect(outboundToChatMessage(payload({ from: { id: 'agent-7', lastName: 'Agent' } })).sender).toEqual({ name: 'Agent' });
    expect(outboundToChatMessage(payload({ from: { id: 'agent-7' } }))).not.toHaveProperty('sender');
  });

  it('a missing or non-string text becomes empty; a missing time becomes now', () => {
    const before = Date.now();
    const message = outboundToChatMessage({ ...payload(), text: 42 as never, channel: { ...payload().channel, time: undefined as never } });
    expect(message.text).toBe('');
    expect(Date.parse(message.time)).toBeGreaterThanOrEqual(before - 1);
    expect(outboundToChatMessage({ ...payload(), text: undefined }).text).toBe('');
  });

  it('attachments: known fields kept when well typed, a missing id numbered, an unknown media type dropped', () => {
    const message = outboundToChatMessage(payload({
      type: 'Structured', text: '',
      content: [
        { contentType: 'Attachment', attachment: { id: 'a-1', mediaType: 'Image', url: 'https://f/a.png', mime: 'image/png', filename: 'a.png', text: 'caption', contentSizeBytes: 1234 } },
        { contentType: 'Attachment', attachment: { mediaType: 'Hologram', url: 7, mime: null, filename: 3, text: {}, contentSizeBytes: '12' } },
      ] as never,
    }));
    expect(message.content).toEqual([
      { contentType: 'Attachment', attachment: { id: 'a-1', mediaType: 'Image', url: 'https://f/a.png', mime: 'image/png', filename: 'a.png', text: 'caption', fileSize: 1234 } },
      { contentType: 'Attachment', attachment: { id: 'p-1-1' } },
    ]);
    for (const mediaType of ['Video', 'Audio', 'File', 'Link']) {
      const one = outboundToChatMessage(payload({ content: [{ contentType: 'Attachment', attachment: { mediaType } }] as never }));
      expect((one.content[0] as { attachment: { mediaType?: string } }).attachment.mediaType).toBe(mediaType);
    }
  });

  it('other content passes through unchanged; junk items are skipped; a non-array content is none', () => {
    const card = { contentType: 'Card', card: { title: 'T', actions: [] } };
    const quickReply = { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y', action: 'Message' } };
    const attachmentWithoutBody = { contentType: 'Attachment', attachment: 'nope' };
    const message = outboundToChatMessage(payload({
      content: [null, 'x', [], { contentType: 5 }, { noType: true }, card, quickReply, attachmentWithoutBody] as never,
    }));
    expect(message.content).toEqual([card, quickReply, attachmentWithoutBody]);
    // An item of another type that happens to carry an attachment stays what its contentType says.
    const cardWithAttachment = { contentType: 'Card', card: { title: 'T' }, attachment: { id: 'x', url: 'https://f/x' } };
    expect(outboundToChatMessage(payload({ content: [cardWithAttachment] as never })).content).toEqual([cardWithAttachment]);
    expect(outboundToChatMessage(payload({ content: { contentType: 'Card' } as never })).content).toEqual([]);
    expect(outboundToChatMessage(payload({ content: undefined })).content).toEqual([]);
  });
});
