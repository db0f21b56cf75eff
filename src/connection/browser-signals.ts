/**
 * The browser's hints about the network: window `online` / `offline`, document `visibilitychange` to `visible`,
 * and `navigator.onLine`. Injectable for tests; absent outside a browser.
 */

export interface BrowserSignalSources {
  /** Receives `online` / `offline`. Default `window` (none outside a browser); null = none. */
  window?: EventTarget | null;
  /** Receives `visibilitychange`. Default `document`; null = none. */
  document?: (EventTarget & { visibilityState?: string }) | null;
  /** Whether the network is up. Default `navigator.onLine` (true when unknown). */
  isOnline?: () => boolean;
}

export interface BrowserSignalHandlers {
  online(): void;
  offline(): void;
  /** The page became visible again. */
  visible(): void;
}

export class BrowserSignals {
  private readonly sources: BrowserSignalSources;
  private readonly handlers: BrowserSignalHandlers;

  constructor(sources: BrowserSignalSources, handlers: BrowserSignalHandlers) {
    this.sources = sources;
    this.handlers = handlers;
  }

  /** Whether the network is up (navigator.onLine unless injected; true when unknown). */
  isOnline(): boolean {
    if (this.sources.isOnline) return this.sources.isOnline();
    const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
    return nav?.onLine !== false;
  }

  /** Starts (true) or stops (false) listening. */
  listen(on: boolean): void {
    const win = this.sources.window !== undefined ? this.sources.window : (globalThis as { window?: EventTarget }).window;
    const doc = this.sources.document !== undefined ? this.sources.document : (globalThis as { document?: EventTarget }).document;
    const method = on ? 'addEventListener' : 'removeEventListener';
    win?.[method]('online', this.onOnline);
    win?.[method]('offline', this.onOffline);
    doc?.[method]('visibilitychange', this.onVisibility);
  }

  private readonly onOnline = (): void => this.handlers.online();

  private readonly onOffline = (): void => this.handlers.offline();

  private readonly onVisibility = (): void => {
    const doc = this.sources.document ?? (globalThis as { document?: { visibilityState?: string } }).document;
    if (doc?.visibilityState !== 'visible') return;
    this.handlers.visible();
  };
}
