/**
 * Attention (title count, chime, system notifications: attention.ts) behind a chunk: it loads the first time the tab
 * is hidden, or once the page turned the chime or notifications on. What was in the transcript at the moment the tab
 * was hidden is noted here, so messages that arrive while the chunk loads still count. A chunk that cannot load is
 * logged; the chat itself goes on.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../model.js';
import type { AttentionController, AttentionSettings, AttentionTexts } from './attention.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface AttentionOptions {
  settings(): AttentionSettings;
  messages(): readonly ChatMessage[];
  texts(): AttentionTexts;
  /** The visitor clicked a notification: bring the chat up. */
  onNotificationClick(): void;
  /** The element's updateComplete waits for the chunk. */
  track(loading: Promise<unknown>): void;
}

export class LazyAttention implements ReactiveController {
  private real: AttentionController | null = null;
  private loading: Promise<void> | null = null;
  private hidden: { since: number; known: Set<string> } | null = null;

  constructor(private readonly host: Host, private readonly options: AttentionOptions) {
    host.addController(this);
  }

  /** Agent and bot messages that arrived while the page was hidden (0 while it is visible). */
  get hiddenUnread(): number {
    return this.real?.hiddenUnread ?? 0;
  }

  hostConnected(): void {
    if (this.real) return; // the loaded controller listens itself
    document.addEventListener('visibilitychange', this.onVisibility);
    if (document.visibilityState === 'hidden') this.onVisibility();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  hostUpdated(): void {
    if (this.real || this.loading) return;
    const { sound, notifications } = this.options.settings();
    if (sound || notifications) this.load(); // the permission is asked on the visitor's first click: be there
  }

  private readonly onVisibility = (): void => {
    if (document.visibilityState !== 'hidden') {
      this.hidden = null;
      return;
    }
    this.hidden ??= { since: Date.now(), known: new Set(this.options.messages().map((message) => message.id)) };
    this.load();
  };

  private load(): void {
    if (this.loading) return;
    this.loading = import('./attention.js').then(({ AttentionController }) => {
      document.removeEventListener('visibilitychange', this.onVisibility);
      const { settings, messages, texts, onNotificationClick } = this.options;
      this.real = new AttentionController(this.host, settings, messages, texts, onNotificationClick);
      if (this.hidden) this.real.hiddenFrom(this.hidden.since, this.hidden.known);
      this.hidden = null;
      this.host.requestUpdate(); // counts what arrived while loading
    }, (error: unknown) => {
      console.warn('[genesys-chat] the unread count and notifications could not be loaded', error);
    });
    this.options.track(this.loading);
  }
}
