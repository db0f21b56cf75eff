/** Who wrote a transcript entry, and a short preview of it, from the Web Messaging message shape. */
import type { MessageContent, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import { isRecord, textOf } from './safe-text.js';

export type DeskRole = 'guest' | 'bot' | 'agent' | 'system';

/** Inbound is the guest; Outbound events are system lines; Outbound text is the bot or an agent. */
export function roleOf(message: StructuredMessageBody): DeskRole {
  if (message.direction === 'Inbound') return message.type === 'Event' ? 'system' : 'guest';
  if (message.type === 'Event') return 'system';
  return message.originatingEntity === 'Bot' ? 'bot' : 'agent';
}

/** Typing events are not transcript lines: they would flood it. */
export function isTypingOnly(message: StructuredMessageBody): boolean {
  const events = Array.isArray(message.events) ? message.events : [];
  return message.type === 'Event' && events.length > 0 && events.every((e) => isRecord(e) && e.eventType === 'Typing');
}

/** A one-line description of an event list, e.g. "Presence Disconnect". */
export function describeEvents(message: StructuredMessageBody): string {
  const events = Array.isArray(message.events) ? message.events : [];
  return events
    .map((event) => {
      const presence = isRecord(event) && isRecord(event.presence) ? event.presence.type : undefined;
      return typeof presence === 'string' ? `Presence ${presence}` : textOf(isRecord(event) ? event.eventType : undefined) || 'event';
    })
    .join(', ');
}

/** A one-line summary of a content item, used in previews. */
export function summarizeContent(item: MessageContent): string {
  const record = item as unknown as Record<string, unknown>;
  const inner = record[item.contentType.charAt(0).toLowerCase() + item.contentType.slice(1)];
  const field = (key: string): string =>
    isRecord(inner) && typeof inner[key] === 'string' ? (inner[key] as string) : '';
  switch (item.contentType) {
    case 'QuickReply': return `[${field('text')}]`;
    case 'ButtonResponse': return `↩ ${field('text')}`;
    case 'Card': return `Card: ${field('title')}`;
    case 'Carousel': return `Carousel (${isRecord(inner) && Array.isArray(inner.cards) ? inner.cards.length : 0} cards)`;
    case 'Attachment': return `Attachment: ${field('filename') || field('id')}`;
    default: return item.contentType;
  }
}

/** The preview line of a message for the conversation list. */
export function previewOf(message: StructuredMessageBody): string {
  if (message.type === 'Event') return describeEvents(message);
  const parts: string[] = [];
  if (textOf(message.text)) parts.push(textOf(message.text));
  for (const item of Array.isArray(message.content) ? message.content : []) {
    if (isRecord(item) && typeof item.contentType === 'string') parts.push(summarizeContent(item as MessageContent));
  }
  return parts.join(' ');
}

/** The last message worth previewing (typing events skipped). */
export function lastPreview(messages: readonly StructuredMessageBody[]): { role: DeskRole; text: string } | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (!isRecord(message) || isTypingOnly(message)) continue;
    return { role: roleOf(message), text: previewOf(message) };
  }
  return null;
}
