/**
 * The guest's own messages: a new pending one (fresh id, local time until the echo brings the server's), and the
 * outbox entry that sends a failed one again with the same id.
 */
import type { ChatMessage, QuickReplyAnswer } from '../model.js';
import type { Attachment, MessageContent } from '../protocol/web-messaging.js';
import { newId } from './ids.js';
import type { OutboxEntry } from './outbox.js';

/** A pending guest message with a fresh id, shown under `displayName` when there is one. */
export function newGuestMessage(text: string, content: MessageContent[], displayName?: string): ChatMessage {
  const message: ChatMessage = {
    id: newId(), direction: 'inbound', role: 'guest', text, content, time: new Date().toISOString(), state: 'pending',
  };
  if (displayName) message.sender = { name: displayName };
  return message;
}

/** The outbox entry that sends `message` again: its text, quick-reply answer and attachments, same id. */
export function retryEntryOf(message: ChatMessage): Omit<OutboxEntry, 'inFlight' | 'uncertain'> {
  const button = message.content.find((item) => item.contentType === 'ButtonResponse');
  const entry: Omit<OutboxEntry, 'inFlight' | 'uncertain'> = { id: message.id, text: message.text };
  if (button && 'buttonResponse' in button) entry.answer = button.buttonResponse as QuickReplyAnswer;
  const attachmentIds = message.content.flatMap((item) =>
    item.contentType === 'Attachment' && 'attachment' in item ? [(item.attachment as Attachment).id] : []);
  if (attachmentIds.length) entry.attachmentIds = attachmentIds;
  return entry;
}
