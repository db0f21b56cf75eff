/**
 * Keeps the transcript pinned to the newest message while the reader is at the bottom, and counts the messages
 * that arrive while they have scrolled up (shown as the "new messages" button) instead of yanking them down.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../model.js';
import { SeenMessages } from './seen-messages.js';

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 32;

export class ScrollKeeper implements ReactiveController {
  /** Messages from others that arrived while the reader was scrolled up. */
  unseen = 0;
  private atBottom = true;
  private pinNext = false;
  private readonly seen = new SeenMessages();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly list: () => HTMLElement | null,
    private readonly messages: () => readonly ChatMessage[],
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const messages = this.messages();
    if (messages.length === 0) this.seen.reset();
    const fresh = this.seen.take(messages);
    if (!fresh.length) return;
    if (fresh.some((message) => message.role === 'guest' && message.state === 'pending')) {
      this.pinNext = true; // the guest just sent: always show it
    } else if (!this.atBottom) {
      this.unseen += fresh.filter((message) => message.role !== 'guest').length;
    }
  }

  hostUpdated(): void {
    const list = this.list();
    if (!list || !(this.atBottom || this.pinNext)) return;
    this.pinNext = false;
    this.atBottom = true;
    list.scrollTop = list.scrollHeight;
    if (this.unseen) {
      this.unseen = 0;
      this.host.requestUpdate();
    }
  }

  /** Scroll listener for the list. */
  readonly onScroll = (event: Event): void => {
    const list = event.currentTarget as HTMLElement;
    if (list.clientHeight === 0) return; // hidden panel: nothing to measure
    this.atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK_PX;
    if (this.atBottom && this.unseen) {
      this.unseen = 0;
      this.host.requestUpdate();
    }
  };

  /** Jump to the newest message on the next render (the "new messages" button). */
  readonly pinToBottom = (): void => {
    this.pinNext = true;
    this.unseen = 0;
    this.host.requestUpdate();
  };

  /** Jump to the newest message now, without another render (the panel just became visible). */
  jumpNow(): void {
    const list = this.list();
    this.atBottom = true;
    if (list) list.scrollTop = list.scrollHeight;
    if (this.unseen) this.pinToBottom();
  }
}
