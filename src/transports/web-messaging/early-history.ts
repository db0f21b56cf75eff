/**
 * A returning visitor's history, asked for while the socket opens: with the JWT kept for the stored session
 * (history-jwt.ts) the history API needs nothing from the socket, so its pages load during the handshake and the
 * configure round trip instead of after them. It is used only when the session turns out resumed with the same token;
 * otherwise it is dropped unread (web-messaging.ts).
 */
import type { ChatMessage } from '../../model.js';

export class EarlyHistory {
  /** The whole history (rejects as the history request would). */
  private readonly result: Promise<ChatMessage[]>;
  private newest: ChatMessage[] | null = null;
  private settled = false;
  private onNewest: ((messages: ChatMessage[]) => void) | null = null;
  private droppedValue = false;

  /**
   * @param token the session token the kept JWT belongs to.
   * @param load fetches the history, passing the newest page on while the older pages load.
   */
  constructor(readonly token: string, load: (onNewest: (messages: ChatMessage[]) => void) => Promise<ChatMessage[]>) {
    this.result = load((messages) => {
      this.newest = messages;
      this.onNewest?.(messages);
    });
    this.result.then(() => { this.settled = true; }, () => { this.settled = true; });
  }

  /** Not to be used: the session is new, or another connection took over. What is still loading is ignored. */
  drop(): void {
    this.droppedValue = true;
    this.onNewest = null;
  }

  get dropped(): boolean {
    return this.droppedValue;
  }

  /**
   * The history, for the session it was asked for. `onNewest` hears of the newest page as a fresh request would:
   * now when it came and the rest is still loading, later when it comes; not at all when everything is here.
   */
  take(onNewest?: (messages: ChatMessage[]) => void): Promise<ChatMessage[]> {
    if (onNewest && !this.settled) {
      if (this.newest) onNewest(this.newest);
      else this.onNewest = onNewest;
    }
    return this.result;
  }
}
