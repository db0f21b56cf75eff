/**
 * Applies readable theme colours: reads the `--genesys-chat-*` colours the page set (computed on the host, so
 * inherited values count), adds the deployment's brand colour when the page sets no primary colour, and adopts one
 * extra stylesheet with the derived `--_*` variables (theme-colors.ts). Runs on connect, when the colour scheme
 * changes, and on `refresh()`; not on every render. A constructed stylesheet needs no `style-src 'unsafe-inline'`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseColor, type Rgba } from './contrast.js';
import { DARK, deriveTheme, LIGHT, THEME_PROPERTIES, themeCss, type ThemeKey } from './theme-colors.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

let canvasContext: CanvasRenderingContext2D | null | undefined;

/** A CSS colour the small parser does not know (`oklch()`, `color-mix()`, names, …), resolved by painting it. */
function browserColor(value: string): Rgba | null {
  if (canvasContext === undefined) {
    const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : null;
    if (canvas) canvas.width = canvas.height = 1;
    canvasContext = canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
  }
  const ctx = canvasContext;
  if (!ctx) return null;
  // An invalid value leaves fillStyle unchanged: set two different sentinels to tell.
  ctx.fillStyle = '#010203';
  ctx.fillStyle = value;
  const first = ctx.fillStyle;
  ctx.fillStyle = '#030201';
  ctx.fillStyle = value;
  if (first !== ctx.fillStyle) return null;
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
  return { r, g, b, a: a / 255 };
}

/** A colour from page CSS or remote config; null when it is not one. */
export function resolveColor(value: string | null | undefined): Rgba | null {
  const text = value?.trim();
  if (!text) return null;
  return parseColor(text) ?? (text.length <= 200 ? browserColor(text) : null);
}

export class ThemeController implements ReactiveController {
  private sheet: CSSStyleSheet | null = null;
  private media: MediaQueryList | null = null;
  private appliedCss = '';

  /** `brandColor`: the deployment's `messenger.styles.primaryColor`, used when the page sets no primary colour. */
  constructor(private readonly host: Host, private readonly brandColor: () => string | undefined) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    this.media?.addEventListener('change', this.refresh);
    this.refresh();
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.refresh);
    this.media = null;
  }

  /** The derived stylesheet's text (for tests and debugging). */
  get css(): string {
    return this.appliedCss;
  }

  /** Reads the page's colours again and re-derives (cheap: one getComputedStyle). */
  readonly refresh = (): void => {
    const root = this.host.renderRoot;
    if (!(root instanceof ShadowRoot) || !('adoptedStyleSheets' in root) || typeof CSSStyleSheet !== 'function') return;
    const computed = getComputedStyle(this.host);
    const set: Partial<Record<ThemeKey, Rgba>> = {};
    for (const [key, property] of Object.entries(THEME_PROPERTIES) as [ThemeKey, string][]) {
      const color = resolveColor(computed.getPropertyValue(property));
      if (color) set[key] = color;
    }
    const brand = resolveColor(this.brandColor());
    const css = themeCss(deriveTheme(set, this.media?.matches ? DARK : LIGHT, brand));
    if (css === this.appliedCss && this.sheet && root.adoptedStyleSheets.includes(this.sheet)) return;
    this.sheet ??= new CSSStyleSheet();
    this.sheet.replaceSync(css);
    if (!root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    this.appliedCss = css;
  };
}
