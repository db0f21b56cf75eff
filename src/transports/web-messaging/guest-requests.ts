/**
 * The guest's `onMessage` requests: messages with the page's custom attributes (checked against the session's
 * `maxCustomDataBytes` first), typing and presence events.
 */
import type { OnMessageRequest, PresenceType } from '../../protocol/web-messaging.js';
import { ChatFailure, chatError } from '../../connection/errors.js';

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function withAttributes(request: OnMessageRequest, attributes: Record<string, string>): OnMessageRequest {
  return Object.keys(attributes).length ? { ...request, channel: { metadata: { customAttributes: attributes } } } : request;
}

/**
 * A guest message whose tracingId is its client id, carrying `attributes` as `channel.metadata.customAttributes`.
 * @throws ChatFailure `custom-attributes-too-large` when they exceed `maxCustomDataBytes`.
 */
export function guestMessageRequest(
  token: string,
  id: string,
  message: OnMessageRequest['message'],
  attributes: Record<string, string>,
  maxCustomDataBytes: number | undefined,
): OnMessageRequest {
  const hasAttributes = Object.keys(attributes).length > 0;
  if (hasAttributes && maxCustomDataBytes !== undefined && utf8Bytes(JSON.stringify(attributes)) > maxCustomDataBytes) {
    throw new ChatFailure(chatError('custom-attributes-too-large',
      `The page's custom attributes exceed ${maxCustomDataBytes} bytes.`, { detail: Object.keys(attributes) }));
  }
  return withAttributes({ action: 'onMessage', token, tracingId: id, message }, attributes);
}

/** A Presence event (`Join` on auto-start carries the custom attributes; `Clear` none). */
export function presenceRequest(
  token: string,
  tracingId: string,
  type: PresenceType,
  attributes: Record<string, string> = {},
): OnMessageRequest {
  return withAttributes({
    action: 'onMessage', token, tracingId,
    message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type } }] },
  }, attributes);
}

/** The guest is typing (no tracingId: nothing answers it). */
export function typingRequest(token: string): OnMessageRequest {
  return { action: 'onMessage', token, message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } };
}
