/**
 * Which messages the transcript renders: a bounded window over the controller's messages, so an update costs the
 * same at 50 messages as at 5,000.
 *
 * While the reader follows the live edge the window slides: it starts RENDER_PAGE messages before the newest. The
 * message list renders from the block boundary at or before that start (RENDER_PAGE to RENDER_PAGE + BLOCK - 1 rows),
 * so every BLOCK appends it drops one whole block of rows from the head: O(1) per append, amortized, and never a
 * re-render of the whole window. "Show earlier" or scrolling up anchors it (by id, so appends and history merges keep
 * the reader's place); once the reader is back at the bottom and something new arrives, it slides again.
 */
import type { ChatMessage } from '../model.js';

/** Messages rendered at once while following the live edge; older ones come in pages of this size on request. */
export const RENDER_PAGE = 200;
/** Rows are rendered in blocks of this many messages (message-list.ts); the window slides one block at a time. */
export const BLOCK = 25;
/**
 * A render that would put more than this many rows into a transcript showing fewer (a resumed conversation's first
 * paint with its history) renders the newest FIRST_PAINT, more than a screenful; the rest of the window follows in
 * the next render, which the element asks for once the page is idle (`widening`). Rendering and laying out 200 rows
 * in front of the first paint held it up by ~20-30 ms (reload with 1,000 in history, docs/bench.md).
 */
export const FIRST_PAINT = 2 * BLOCK;

/** A message remembered with where it was. */
export interface MessageAt { id: string; index: number }

/**
 * Where a remembered message is now: usually still at its index (checked first, so no search per render); searched
 * for when messages landed above it (history, a late message); -1 when it is gone (cleared, a new conversation).
 */
export function indexNow(messages: readonly ChatMessage[], at: MessageAt): number {
  return messages[at.index]?.id === at.id ? at.index : messages.findIndex((message) => message.id === at.id);
}

export class RenderWindow {
  /** The first message of the last render, and where it was. */
  private first: MessageAt | null = null;
  /** The window stopped sliding (scrolled up, "show earlier"); `anchoredLength`: the transcript's length then. */
  private anchored = false;
  private anchoredLength = 0;
  /** Messages the last render showed. */
  private shown = 0;
  /** The last render showed FIRST_PAINT of a longer window: the next one shows it all. */
  private narrowed = false;

  /** Index of the first message to render. `pinned`: the reader is at the newest message. */
  start(messages: readonly ChatMessage[], pinned: boolean): number {
    if (this.anchored && pinned && messages.length > this.anchoredLength) this.anchored = false;
    // Scrolled up: stop sliding where the last render started, or the rows under the reader would move.
    if (!this.anchored && !pinned && this.first) {
      this.anchored = true;
      this.anchoredLength = messages.length;
    }
    let start = Math.max(0, messages.length - RENDER_PAGE);
    if (this.anchored && this.first) {
      const found = indexNow(messages, this.first);
      if (found < 0) this.anchored = false; // transcript replaced (cleared, new conversation)
      else start = found;
    }
    this.narrowed = !this.anchored && this.shown < FIRST_PAINT && messages.length - start > FIRST_PAINT;
    if (this.narrowed) start = messages.length - FIRST_PAINT;
    this.remember(messages, start);
    return start;
  }

  /** The last render showed only the newest FIRST_PAINT messages: render again (when idle) for the whole window. */
  get widening(): boolean {
    return this.narrowed;
  }

  /** Renders RENDER_PAGE more messages above the window and stops sliding. */
  showEarlier(messages: readonly ChatMessage[], pinned: boolean): void {
    const start = Math.max(0, this.start(messages, pinned) - RENDER_PAGE);
    this.remember(messages, start);
    this.anchored = true;
    this.anchoredLength = messages.length;
  }

  private remember(messages: readonly ChatMessage[], start: number): void {
    const first = messages[start];
    this.first = first ? { id: first.id, index: start } : null;
    this.shown = messages.length - start;
  }
}
