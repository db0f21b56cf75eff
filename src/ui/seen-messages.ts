/** Remembers which message ids a view has already seen, so it can react to the new ones only. */
import type { ChatMessage } from '../model.js';

export class SeenMessages {
  private readonly ids = new Set<string>();

  /** The messages not seen before (in transcript order); marks them seen. */
  take(messages: readonly ChatMessage[]): ChatMessage[] {
    if (messages.length === this.ids.size && messages.every((m) => this.ids.has(m.id))) return [];
    const fresh: ChatMessage[] = [];
    for (const message of messages) {
      if (this.ids.has(message.id)) continue;
      this.ids.add(message.id);
      fresh.push(message);
    }
    return fresh;
  }

  /** After the transcript was cleared: forget everything. */
  reset(): void {
    this.ids.clear();
  }
}
