/**
 * While the launcher's panel covers the viewport (narrow screens), it is a modal dialog: Tab and Shift+Tab wrap
 * inside it, focus that wanders out (a click on the page behind, a screen reader's virtual cursor) is brought back,
 * and the page behind does not scroll. On a wide screen the panel sits beside the page and none of this applies.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Same breakpoint as the full-screen panel in styles.ts. */
export const FULL_SCREEN_QUERY = '(max-width: 480px)';

const FOCUSABLE = 'button:not([disabled]), [href], textarea:not([disabled]), input:not([disabled]):not([tabindex="-1"]), '
  + 'select:not([disabled]), [tabindex]:not([tabindex="-1"])';

type Host = ReactiveControllerHost & HTMLElement;

export class FullScreenPanel implements ReactiveController {
  private query: MediaQueryList | null = null;
  private locked: { element: HTMLElement; overflow: string }[] = [];

  constructor(
    private readonly host: Host,
    private readonly isOpen: () => boolean,
    private readonly panel: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  /** The panel is open and covers the viewport. */
  get active(): boolean {
    return this.isOpen() && Boolean(this.query?.matches);
  }

  hostConnected(): void {
    this.query = typeof matchMedia === 'function' ? matchMedia(FULL_SCREEN_QUERY) : null;
    this.query?.addEventListener('change', this.onMediaChange);
    document.addEventListener('focusin', this.onFocusIn);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onMediaChange);
    document.removeEventListener('focusin', this.onFocusIn);
    this.unlock();
  }

  hostUpdated(): void {
    if (this.active) this.lock();
    else this.unlock();
  }

  /** The panel's keydown: Tab wraps while full screen. */
  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab' || !this.active) return;
    const items = this.focusables();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const current = this.host.shadowRoot?.activeElement;
    if (event.shiftKey && (current === first || !current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first.focus();
    }
  };

  private readonly onMediaChange = (): void => {
    this.host.requestUpdate();
  };

  /** Focus left the widget while it covers the page: put it back on the panel's first control. */
  private readonly onFocusIn = (event: FocusEvent): void => {
    if (!this.active || event.composedPath().includes(this.host)) return;
    this.focusables()[0]?.focus();
  };

  private focusables(): HTMLElement[] {
    const panel = this.panel();
    if (!panel) return [];
    return Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE))
      .filter((element) => element.getClientRects().length > 0);
  }

  /** Stops the page behind from scrolling (inline styles set through CSSOM: allowed under a strict CSP). */
  private lock(): void {
    if (this.locked.length) return;
    for (const element of [document.documentElement, document.body]) {
      if (!element) continue;
      this.locked.push({ element, overflow: element.style.overflow });
      element.style.overflow = 'hidden';
    }
  }

  private unlock(): void {
    for (const { element, overflow } of this.locked) element.style.overflow = overflow;
    this.locked = [];
  }
}
