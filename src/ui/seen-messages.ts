/** Remembers which message ids a view has already seen, so it can react to the new ones only. */
import type { ChatMessage } from '../model.js';

export class SeenMessages {
  private readonly ids = new Set<string>();
  private lastArray: readonly ChatMessage[] | null = null;

  /**
   * The messages not seen before (in transcript order); marks them seen. New messages arrive at the end (live ones,
   * and a gap filled after a reconnect is newer than what was seen), so this walks back from the end to the first
   * seen one: O(new messages), not O(transcript). A snapshot seen before costs nothing.
   */
  take(messages: readonly ChatMessage[]): ChatMessage[] {
    if (messages === this.lastArray) return [];
    this.lastArray = messages;
    let first = messages.length;
    while (first > 0 && !this.ids.has(messages[first - 1]?.id ?? '')) first -= 1;
    const fresh = messages.slice(first);
    for (const message of fresh) this.ids.add(message.id);
    return fresh;
  }

  /** After the transcript was cleared: forget everything. */
  reset(): void {
    this.ids.clear();
    this.lastArray = null;
  }
}
