/**
 * Keeps the transcript pinned to the newest message while the reader is at the bottom, through anything that makes
 * it taller after the render: images loading, cards laying out, off-screen rows (`content-visibility`) swapping
 * their placeholder height for the real one, the panel resizing. When the reader has scrolled up, new messages are
 * counted for the "new messages" button instead of yanking them down.
 *
 * Cost: one ResizeObserver on the rows' box and one on the scroll box; layout is read only when messages arrived at
 * the end of the transcript or a box changed size, never per row. New messages are found by walking back from the
 * end to the last one seen (O(new messages)), so a long transcript costs nothing extra per update.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../model.js';

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 32;

/** Finds the messages appended since the last look, walking back from the end (O(new), not O(transcript)). */
export class TailWatcher {
  private lastArray: readonly ChatMessage[] | null = null;
  private lastId: string | null = null;

  /** Messages after the last one seen, oldest first. A replaced transcript counts as all new. */
  take(messages: readonly ChatMessage[]): ChatMessage[] {
    if (messages === this.lastArray) return [];
    this.lastArray = messages;
    const last = messages[messages.length - 1];
    const previous = this.lastId;
    this.lastId = last?.id ?? null;
    if (!last || last.id === previous) return [];
    const fresh: ChatMessage[] = [];
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const message = messages[i];
      if (!message || message.id === previous) break;
      fresh.push(message);
    }
    return fresh.reverse();
  }
}

export class ScrollKeeper implements ReactiveController {
  /** Messages from others that arrived while the reader was scrolled up. */
  unseen = 0;
  /** The reader is at the bottom (or has not moved away from it): growth keeps them there. */
  private pinned = true;
  /** The guest just sent: show it even if they were scrolled up. */
  private pinNext = false;
  /** New messages arrived in this update. */
  private arrived = false;
  /** scrollTop after our last scroll or the reader's: a smaller one means the reader moved up. */
  private lastTop = 0;
  private readonly tail = new TailWatcher();
  private observer: ResizeObserver | null = null;
  private observed: HTMLElement[] = [];
  /** The boxes, looked up again only once they left the document (no shadow-root query per update). */
  private listBox: HTMLElement | null = null;
  private contentBox: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly list: () => HTMLElement | null,
    private readonly content: () => HTMLElement | null,
    private readonly messages: () => readonly ChatMessage[],
  ) {
    host.addController(this);
  }

  /** Whether growth keeps the reader at the newest message (false while they read further up). */
  get isPinned(): boolean {
    return this.pinned;
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed = [];
  }

  hostUpdate(): void {
    const fresh = this.tail.take(this.messages());
    if (!fresh.length) return;
    this.arrived = true;
    if (fresh.some((message) => message.role === 'guest' && message.state === 'pending')) {
      this.pinNext = true;
    } else if (!this.pinned) {
      this.unseen += fresh.filter((message) => message.role !== 'guest' && message.role !== 'system').length;
    }
  }

  hostUpdated(): void {
    this.observe();
    if (this.pinNext) {
      this.pinNext = false;
      this.pinned = true;
      this.clearUnseen();
    }
    if (this.arrived && this.pinned) this.stick();
    this.arrived = false;
  }

  /** Scroll listener for the list: the reader's own scrolling decides whether we follow new content. */
  readonly onScroll = (event: Event): void => {
    const list = event.currentTarget as HTMLElement;
    if (list.clientHeight === 0) return; // hidden panel: nothing to measure
    const top = list.scrollTop;
    if (list.scrollHeight - top - list.clientHeight <= BOTTOM_SLACK_PX) this.pinned = true;
    else if (top < this.lastTop - 1) this.pinned = false; // moved up (content growth never lowers scrollTop)
    this.lastTop = top;
    if (this.pinned) this.clearUnseen();
  };

  /**
   * The reader asked to go up (wheel, PageUp, ArrowUp, Home): stop following at once, before the scroll event, so a
   * row that grows in the same frame cannot pull them back down.
   */
  readonly onReadUp = (event: Event): void => {
    const up = event instanceof WheelEvent ? event.deltaY < 0
      : event instanceof KeyboardEvent && (event.key === 'PageUp' || event.key === 'ArrowUp' || event.key === 'Home');
    const list = event.currentTarget as HTMLElement;
    if (up && list.scrollTop > 0) this.pinned = false;
  };

  /** `onReadUp` as a passive listener (a wheel listener must never hold up scrolling). */
  readonly readUpListener = { handleEvent: this.onReadUp, passive: true as const };

  /** The next update adds rows above the newest (the render window widens): it keeps a reader at the bottom there. */
  holdBottomNextUpdate(): void {
    this.arrived = true;
  }

  /** Jump to the newest message (the "new messages" button). */
  readonly pinToBottom = (): void => {
    this.pinned = true;
    this.stick();
    this.clearUnseen();
  };

  /** Jump to the newest message now (the panel just became visible). */
  jumpNow(): void {
    this.pinned = true;
    this.stick();
    this.clearUnseen();
  }

  private clearUnseen(): void {
    if (!this.unseen) return;
    this.unseen = 0;
    this.host.requestUpdate();
  }

  private listElement(): HTMLElement | null {
    if (!this.listBox?.isConnected) this.listBox = this.list();
    return this.listBox;
  }

  private contentElement(): HTMLElement | null {
    if (!this.contentBox?.isConnected) this.contentBox = this.content();
    return this.contentBox;
  }

  private stick(): void {
    const list = this.listElement();
    if (!list) return;
    list.scrollTop = list.scrollHeight;
    this.lastTop = list.scrollTop;
  }

  /** Watches the rows' box (anything in it grew or shrank) and the scroll box (the panel resized). */
  private observe(): void {
    const list = this.listElement();
    const content = this.contentElement();
    if (!list || !content || typeof ResizeObserver === 'undefined') return;
    if (this.observed[0] === list && this.observed[1] === content) return;
    this.observer?.disconnect();
    this.observer ??= new ResizeObserver(() => {
      if (this.pinned) this.stick();
    });
    this.observer.observe(list);
    this.observer.observe(content);
    this.observed = [list, content];
  }
}
