/**
 * Readable theme colours from what the page set (a chunk: theme.ts loads it only when the page or the deployment
 * sets a colour; with none set the static styles already hold the same defaults). Colours the small parser does not
 * know are resolved by painting them on a 1×1 canvas.
 */
import { parseColor, type Rgba } from './contrast.js';
import { deriveTheme, themeCss } from './theme-colors.js';
import { DARK, LIGHT, THEME_PROPERTIES, type ThemeKey } from './theme-defaults.js';

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

/** The derived stylesheet's text for the page's colour values (by theme key) and the brand colour. */
export function derivedThemeCss(values: Partial<Record<ThemeKey, string>>, brandColor: string | undefined, dark: boolean): string {
  const set: Partial<Record<ThemeKey, Rgba>> = {};
  for (const key of Object.keys(THEME_PROPERTIES) as ThemeKey[]) {
    const color = resolveColor(values[key]);
    if (color) set[key] = color;
  }
  return themeCss(deriveTheme(set, dark ? DARK : LIGHT, resolveColor(brandColor)));
}
