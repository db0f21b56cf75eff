/** Handing the outbox to a transport: queued messages go out in order, each once per connection. */
import type { SendFailure } from '../model.js';
import type { Transport } from '../transports/transport.js';
import { toChatError } from './errors.js';
import type { Outbox } from './outbox.js';

/**
 * Sends every entry not yet handed to this connection. A `not-connected` refusal stops the run (they stay queued for
 * the next session); any other refusal fails that message through `fail`.
 */
export function sendQueued(transport: Transport, outbox: Outbox, fail: (id: string, failure: SendFailure) => void): void {
  for (const entry of outbox.unsent()) {
    try {
      if (entry.answer) transport.sendQuickReply(entry.id, entry.answer, entry.originatingMessageId ?? '');
      else {
        const message: { id: string; text: string; attachmentIds?: string[] } = { id: entry.id, text: entry.text };
        if (entry.attachmentIds?.length) message.attachmentIds = entry.attachmentIds;
        transport.sendMessage(message);
      }
      entry.inFlight = true;
    } catch (error) {
      const chat = toChatError(error);
      if (chat.code === 'not-connected') return; // stays queued; the next session sends it
      fail(entry.id, { code: chat.code, message: chat.message });
    }
  }
}
