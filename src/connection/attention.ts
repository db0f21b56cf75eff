/**
 * Getting the visitor's attention while the page is in the background: the unread count in the page title (on by
 * default), and, when the page opts in, a short chime and a system notification per new agent or bot message.
 * Counts only what arrived after the tab was hidden; everything is undone when the visitor comes back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../model.js';

export interface AttentionSettings {
  /** `(2) Page title` while hidden. */
  titleCount: boolean;
  /** A short chime per new message while hidden. */
  sound: boolean;
  /** A system notification per new message while hidden (asks for permission on the visitor's first gesture). */
  notifications: boolean;
}

export interface AttentionTexts {
  /** The page title with the count (`pageTitleUnread`). */
  title(count: number, original: string): string;
  /** The notification's title for a sender (`notificationTitle`). */
  notificationTitle(name: string): string;
  /** A message in words (plain text, no Markdown), for the notification's body. */
  body(message: ChatMessage): string;
  /** Who sent it. */
  sender(message: ChatMessage): string;
}

/** Only what arrived after hiding counts; older history merged in while hidden is not news. */
const HISTORY_SLACK_MS = 60_000;
const NOTIFICATION_BODY_MAX = 160;

type Host = ReactiveControllerHost & HTMLElement;

export class AttentionController implements ReactiveController {
  private hiddenSince: number | null = null;
  /** Ids present when the tab was hidden. */
  private known = new Set<string>();
  /** New agent/bot messages since hiding, in arrival order (ids). */
  private unseen: string[] = [];
  private originalTitle = '';
  private ourTitle = '';
  private audio: AudioContext | null = null;
  private notifications: Notification[] = [];

  constructor(
    private readonly host: Host,
    private readonly settings: () => AttentionSettings,
    private readonly messages: () => readonly ChatMessage[],
    private readonly texts: () => AttentionTexts,
    /** The visitor clicked a notification: bring the chat up. */
    private readonly onNotificationClick: () => void,
  ) {
    host.addController(this);
  }

  /** Agent and bot messages that arrived while the page was hidden (0 while it is visible). */
  get hiddenUnread(): number {
    return this.unseen.length;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    this.host.addEventListener('pointerdown', this.onGesture, { capture: true });
    this.host.addEventListener('keydown', this.onGesture, { capture: true });
    if (document.visibilityState === 'hidden') this.onVisibility();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.host.removeEventListener('pointerdown', this.onGesture, { capture: true });
    this.host.removeEventListener('keydown', this.onGesture, { capture: true });
    this.reset();
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }

  /** After each render: notice messages that are new since the tab was hidden. */
  /** The tab was hidden before this controller existed (it loads on the first hide): count from that moment. */
  hiddenFrom(since: number, known: ReadonlySet<string>): void {
    if (document.visibilityState !== 'hidden') return;
    this.hiddenSince = since;
    this.known = new Set(known);
    this.unseen = [];
  }

  hostUpdated(): void {
    if (this.hiddenSince === null) return;
    const fresh: ChatMessage[] = [];
    for (const message of this.messages()) {
      if (this.known.has(message.id)) continue;
      this.known.add(message.id);
      if (message.role !== 'agent' && message.role !== 'bot') continue;
      const time = Date.parse(message.time);
      if (!Number.isNaN(time) && time < this.hiddenSince - HISTORY_SLACK_MS) continue;
      fresh.push(message);
    }
    if (!fresh.length) return;
    this.unseen.push(...fresh.map((message) => message.id));
    const settings = this.settings();
    if (settings.titleCount) this.showTitle();
    if (settings.sound) this.chime();
    if (settings.notifications) for (const message of fresh) this.notify(message);
  }

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      if (this.hiddenSince !== null) return;
      this.hiddenSince = Date.now();
      this.known = new Set(this.messages().map((message) => message.id));
      this.unseen = [];
    } else {
      this.reset();
    }
  };

  /** Back on the page: the title is the page's again and our notifications go away. */
  private reset(): void {
    this.hiddenSince = null;
    this.unseen = [];
    this.known.clear();
    if (this.ourTitle && document.title === this.ourTitle) document.title = this.originalTitle;
    this.ourTitle = '';
    for (const notification of this.notifications) notification.close();
    this.notifications = [];
  }

  private showTitle(): void {
    if (!this.ourTitle || document.title !== this.ourTitle) this.originalTitle = document.title;
    this.ourTitle = this.texts().title(this.unseen.length, this.originalTitle);
    document.title = this.ourTitle;
  }

  /** A soft two-tone chime made on the spot (no audio file to load, nothing for a CSP to block). */
  private chime(): void {
    const AudioContextClass = typeof AudioContext === 'function' ? AudioContext : undefined;
    if (!AudioContextClass) return;
    try {
      this.audio ??= new AudioContextClass();
      const ctx = this.audio;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      const start = ctx.currentTime;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
      [880, 1320].forEach((frequency, index) => {
        const tone = ctx.createOscillator();
        tone.type = 'sine';
        tone.frequency.value = frequency;
        tone.connect(gain);
        tone.start(start + index * 0.12);
        tone.stop(start + 0.45);
      });
    } catch (error) {
      console.warn('[genesys-chat] could not play the notification sound', error);
    }
  }

  private notify(message: ChatMessage): void {
    if (typeof Notification !== 'function' || Notification.permission !== 'granted') return;
    const texts = this.texts();
    const body = texts.body(message);
    try {
      const notification = new Notification(texts.notificationTitle(texts.sender(message)), {
        body: body.length > NOTIFICATION_BODY_MAX ? `${body.slice(0, NOTIFICATION_BODY_MAX - 1)}…` : body,
        tag: 'genesys-chat',
        silent: this.settings().sound,
      });
      notification.onclick = () => {
        window.focus();
        this.onNotificationClick();
        notification.close();
      };
      this.notifications.push(notification);
    } catch (error) {
      console.warn('[genesys-chat] could not show a notification', error);
    }
  }

  /** Permission is asked on the visitor's own click or key press in the chat (browsers require a gesture). */
  private readonly onGesture = (): void => {
    if (!this.settings().notifications || typeof Notification !== 'function') return;
    if (Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  };
}
