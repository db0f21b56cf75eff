import { describe, expect, it } from 'vitest';
import { guestMessageRequest, presenceRequest, typingRequest } from '../../src/transports/web-messaging/guest-requests.js';
import { mediaTypeOf } from '../../src/transports/web-messaging/attachment-uploads.js';

describe('Web Messaging guest requests', () => {
  const text = { type: 'Text' as const, text: 'hi' };

  it('uses the client id as tracingId and carries the custom attributes', () => {
    expect(guestMessageRequest('tok', 'id-1', text, { skill: 'Billing' }, 100)).toEqual({
      action: 'onMessage', token: 'tok', tracingId: 'id-1', message: text,
      channel: { metadata: { customAttributes: { skill: 'Billing' } } },
    });
    expect(guestMessageRequest('tok', 'id-1', text, {}, undefined)).not.toHaveProperty('channel');
  });

  it('refuses custom attributes over maxCustomDataBytes, counted in UTF-8 bytes', () => {
    const attributes = { note: 'é'.repeat(10) }; // 20 bytes of value, 31 bytes as JSON
    expect(() => guestMessageRequest('tok', 'id', text, attributes, 30)).toThrow(expect.objectContaining({ code: 'custom-attributes-too-large' }));
    expect(guestMessageRequest('tok', 'id', text, attributes, 31).channel?.metadata?.customAttributes).toEqual(attributes);
  });

  it('builds presence and typing events', () => {
    expect(presenceRequest('tok', 't', 'Clear')).toEqual({
      action: 'onMessage', token: 'tok', tracingId: 't', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] },
    });
    expect(presenceRequest('tok', 't', 'Join', { skill: 'Billing' }).channel).toEqual({ metadata: { customAttributes: { skill: 'Billing' } } });
    expect(typingRequest('tok')).toEqual({ action: 'onMessage', token: 'tok', message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } });
  });

  it('names the attachment media type by MIME family', () => {
    expect(mediaTypeOf('image/png')).toBe('Image');
    expect(mediaTypeOf('video/mp4')).toBe('Video');
    expect(mediaTypeOf('audio/ogg')).toBe('Audio');
    expect(mediaTypeOf('application/pdf')).toBe('File');
  });
});
