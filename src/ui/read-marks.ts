/**
 * Up to when the visitor has read: agent and bot messages newer than the mark are unread while the launcher's panel is
 * closed (its badge). The mark moves when the panel opens or closes, and is kept (PanelMemory) so that messages that
 * came while the visitor was away count after a reload and the ones already read do not.
 */
import type { ChatMessage } from '../model.js';
import type { PanelMemory } from './panel-memory.js';

export class ReadMarks {
  /** Epoch ms; until a kept mark is restored, the page view's start (older history is not news). */
  private upTo = Date.now();

  constructor(private readonly messages: () => readonly ChatMessage[], private readonly memory: PanelMemory) {}

  /** Takes the mark kept for this chat, when there is one. */
  restore(): void {
    const kept = this.memory.readUpTo();
    if (kept !== null) this.upTo = kept;
  }

  /** Everything there is now has been read (the panel opened or closed); `keep`: remember it for the next page load. */
  markRead(keep: boolean): void {
    this.upTo = Math.max(this.upTo, Date.now(), this.latestTime());
    if (keep) this.memory.rememberRead(this.upTo);
  }

  /** Agent and bot messages newer than the mark. */
  unread(): number {
    let count = 0;
    const messages = this.messages();
    // Ordered by time: walk back from the newest until the messages are older than what was read.
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const message = messages[i];
      if (!message || Date.parse(message.time) <= this.upTo) break;
      if (message.role === 'agent' || message.role === 'bot') count += 1;
    }
    return count;
  }

  private latestTime(): number {
    const messages = this.messages();
    const last = messages[messages.length - 1];
    const time = last ? Date.parse(last.time) : NaN;
    return Number.isNaN(time) ? 0 : time;
  }
}
