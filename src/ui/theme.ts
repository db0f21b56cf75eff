/**
 * Applies readable theme colours: reads the `--genesys-chat-*` colours the page set (computed on the host, so
 * inherited values count), adds the deployment's brand colour when the page sets no primary colour, and adopts one
 * extra stylesheet with the derived `--_*` variables (theme-colors.ts). Runs before the first render after an attach,
 * when the colour scheme changes, and on `refresh()`; not on every render. A constructed stylesheet needs no
 * `style-src 'unsafe-inline'`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { THEME_PROPERTIES, type ThemeKey } from './theme-defaults.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment; hasUpdated: boolean };

type Derive = typeof import('./theme-derive.js');

export class ThemeController implements ReactiveController {
  private sheet: CSSStyleSheet | null = null;
  private media: MediaQueryList | null = null;
  private appliedCss = '';
  private derive: Derive | null = null;
  private loading: Promise<void> | null = null;
  /** Attached since the last read of the page's colours. */
  private refreshDue = false;
  /** The brand colour the last refresh read (the host refreshes again when it changes). */
  private brandRead: string | undefined;

  /**
   * `brandColor`: the deployment's `messenger.styles.primaryColor`, used when the page sets no primary colour.
   * `track`: the element's updateComplete waits while the derivation (a chunk) loads.
   */
  constructor(
    private readonly host: Host,
    private readonly brandColor: () => string | undefined,
    private readonly track: (loading: Promise<unknown>) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    this.media?.addEventListener('change', this.refresh);
    if (this.host.hasUpdated) this.refresh(); // moved on the page: its colours may differ there
    else this.refreshDue = true;
  }

  /**
   * The first attach reads the colours just before the first render: getComputedStyle styles the whole page, which
   * would sit in front of the socket's `open` (the first render waits for `online`).
   */
  hostUpdate(): void {
    if (!this.refreshDue) return;
    this.refreshDue = false;
    this.refresh();
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.refresh);
    this.media = null;
  }

  /** Whether `brandColor` gives another colour than the last refresh read. */
  get brandChanged(): boolean {
    return this.brand() !== this.brandRead;
  }

  /** The brand colour as given, blank as none. */
  private brand(): string | undefined {
    return this.brandColor()?.trim() || undefined;
  }

  /** The derived stylesheet's text ('' while the static defaults apply: nothing set). For tests and debugging. */
  get css(): string {
    return this.appliedCss;
  }

  /**
   * Reads the page's colours again and re-derives (one getComputedStyle). With no colour set anywhere the static
   * styles already hold the derived defaults (a unit test keeps both equal): no sheet, and the derivation's code is
   * not loaded.
   */
  readonly refresh = (): void => {
    const root = this.host.renderRoot;
    if (!(root instanceof ShadowRoot) || !('adoptedStyleSheets' in root) || typeof CSSStyleSheet !== 'function') return;
    const computed = getComputedStyle(this.host);
    const values: Partial<Record<ThemeKey, string>> = {};
    let anySet = false;
    for (const [key, property] of Object.entries(THEME_PROPERTIES) as [ThemeKey, string][]) {
      const value = computed.getPropertyValue(property).trim();
      if (value) {
        values[key] = value;
        anySet = true;
      }
    }
    const brand = this.brand();
    this.brandRead = brand;
    if (!anySet && !brand) {
      if (this.sheet && root.adoptedStyleSheets.includes(this.sheet)) {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
      }
      this.appliedCss = '';
      return;
    }
    if (!this.derive) {
      this.load();
      return;
    }
    const css = this.derive.derivedThemeCss(values, brand, this.media?.matches === true);
    if (css === this.appliedCss && this.sheet && root.adoptedStyleSheets.includes(this.sheet)) return;
    this.sheet ??= new CSSStyleSheet();
    this.sheet.replaceSync(css);
    if (!root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    this.appliedCss = css;
  };

  private load(): void {
    if (this.loading) return;
    this.loading = import('./theme-derive.js').then((derive) => {
      this.derive = derive;
      this.refresh();
    }, (error: unknown) => {
      this.loading = null;
      console.warn('[genesys-chat] the readable theme colours could not be loaded; the page colours apply as set', error);
    });
    this.track(this.loading);
  }
}
