/**
 * Colour arithmetic for readable themes (WCAG 2.x): parse a CSS colour, its relative luminance, the contrast ratio
 * of two colours, and the colour to use for text or a control on a given background. Pure functions: no DOM.
 */

/** sRGB channels 0..255 and alpha 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** WCAG AA: normal text. */
export const TEXT_CONTRAST = 4.5;
/** WCAG AA: user-interface components, focus rings and graphics (1.4.11). */
export const UI_CONTRAST = 3;

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
export const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** A few names pages commonly use; anything else is resolved by the browser (see theme.ts). */
const NAMED: Readonly<Record<string, string>> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00',
  orange: '#ffa500', purple: '#800080', gray: '#808080', grey: '#808080', navy: '#000080', teal: '#008080',
  transparent: '#00000000',
};

function parseHex(hex: string): Rgba | null {
  if (!/^[0-9a-f]+$/i.test(hex) || ![3, 4, 6, 8].includes(hex.length)) return null;
  const full = hex.length <= 4 ? hex.split('').map((c) => c + c).join('') : hex;
  const channel = (i: number): number => parseInt(full.slice(i * 2, i * 2 + 2), 16);
  return { r: channel(0), g: channel(1), b: channel(2), a: full.length === 8 ? channel(3) / 255 : 1 };
}

/** `12`, `12.5`, `50%` (of `max`); NaN when not a number. */
function parseNumber(token: string, max: number): number {
  const percent = token.endsWith('%');
  const value = Number(percent ? token.slice(0, -1) : token);
  if (token === '' || !Number.isFinite(value)) return NaN;
  return percent ? (value / 100) * max : value;
}

function parseAlpha(token: string | undefined): number {
  if (token === undefined) return 1;
  return clamp(parseNumber(token, 1), 0, 1);
}

/** `rgb()`/`rgba()`/`hsl()`/`hsla()` arguments, comma or space syntax, with an optional `/ alpha`. */
function functionArgs(body: string): string[] {
  return body.replace(/\s*\/\s*/, ' / ').split(/[\s,]+/).filter((token) => token !== '' && token !== '/');
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const hue = ((h % 360) + 360) % 360;
  const k = (n: number): number => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/**
 * Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`, `hsl()`, `hsla()` and a few names. Returns
 * null for anything else (the caller can ask the browser to resolve it), never throws.
 */
export function parseColor(input: unknown): Rgba | null {
  if (typeof input !== 'string') return null;
  const value = input.trim().toLowerCase();
  if (!value || value.length > 100) return null;
  if (value.startsWith('#')) return parseHex(value.slice(1));
  const named = NAMED[value];
  if (named) return parseHex(named.slice(1));
  const match = /^(rgba?|hsla?)\(([^()]*)\)$/.exec(value);
  if (!match) return null;
  const [, fn, body = ''] = match;
  const args = functionArgs(body);
  if (args.length !== 3 && args.length !== 4) return null;
  const [x = '', y = '', z = '', alpha] = args;
  let rgb: [number, number, number];
  if (fn?.startsWith('rgb')) {
    rgb = [parseNumber(x, 255), parseNumber(y, 255), parseNumber(z, 255)];
  } else {
    const hue = parseNumber(x.replace(/deg$/, ''), 360);
    const s = parseNumber(y.endsWith('%') ? y : `${y}%`, 1);
    const l = parseNumber(z.endsWith('%') ? z : `${z}%`, 1);
    rgb = hslToRgb(hue, clamp(s, 0, 1), clamp(l, 0, 1));
  }
  const a = parseAlpha(alpha);
  if (rgb.some((c) => Number.isNaN(c)) || Number.isNaN(a)) return null;
  const [r, g, b] = rgb.map((c) => clamp(Math.round(c), 0, 255)) as [number, number, number];
  return { r, g, b, a };
}

/** `over` painted on an opaque `under` (alpha compositing); the result is opaque. */
export function composite(over: Rgba, under: Rgba): Rgba {
  const mix = (top: number, bottom: number): number => Math.round(top * over.a + bottom * (1 - over.a));
  return { r: mix(over.r, under.r), g: mix(over.g, under.g), b: mix(over.b, under.b), a: 1 };
}

/** WCAG relative luminance (0 black .. 1 white) of an opaque colour. */
export function luminance(color: Rgba): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** WCAG contrast ratio (1..21) of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The lowest contrast of `color` against each of `backgrounds`. */
export function minContrast(color: Rgba, backgrounds: readonly Rgba[]): number {
  return Math.min(...backgrounds.map((background) => contrastRatio(color, background)));
}

/** A mix of `from` towards `to` by `amount` (0..1). */
export function mix(from: Rgba, to: Rgba, amount: number): Rgba {
  const t = clamp(amount, 0, 1);
  const channel = (x: number, y: number): number => Math.round(x + (y - x) * t);
  return { r: channel(from.r, to.r), g: channel(from.g, to.g), b: channel(from.b, to.b), a: 1 };
}

/**
 * Text for a filled background: `preferred` when it reaches `ratio` there, else black or white, whichever
 * contrasts more (one of the two always reaches 4.5:1 on an opaque colour).
 */
export function readableOn(background: Rgba, preferred: Rgba | null = null, ratio = TEXT_CONTRAST): Rgba {
  if (preferred && contrastRatio(preferred, background) >= ratio) return preferred;
  return contrastRatio(WHITE, background) >= contrastRatio(BLACK, background) ? WHITE : BLACK;
}

/**
 * `color` itself when it reaches `ratio` against every background, else the least change that does: `color`
 * mixed towards black or towards white (whichever gets there first), so a brand colour keeps its hue. When
 * neither direction reaches the ratio (backgrounds on both sides of the scale), the best of the two.
 */
export function ensureContrast(color: Rgba, backgrounds: readonly Rgba[], ratio = TEXT_CONTRAST): Rgba {
  const opaque = { ...color, a: 1 };
  if (minContrast(opaque, backgrounds) >= ratio) return opaque;
  let passing: { color: Rgba; amount: number } | null = null;
  let fallback = opaque;
  for (const target of [BLACK, WHITE]) {
    const full = mix(opaque, target, 1);
    if (minContrast(full, backgrounds) < ratio) {
      if (minContrast(full, backgrounds) > minContrast(fallback, backgrounds)) fallback = full;
      continue;
    }
    // Smallest mix that passes: contrast grows along the mix once past the backgrounds' luminance, and only a
    // passing mix is ever kept.
    let low = 0;
    let high = 1;
    for (let i = 0; i < 14; i += 1) {
      const mid = (low + high) / 2;
      if (minContrast(mix(opaque, target, mid), backgrounds) >= ratio) high = mid;
      else low = mid;
    }
    if (!passing || high < passing.amount) passing = { color: mix(opaque, target, high), amount: high };
  }
  return passing?.color ?? fallback;
}

/** A colour as CSS text built from numbers only (never echoes the input string). */
export function toCss(color: Rgba): string {
  const hex = (n: number): string => clamp(Math.round(n), 0, 255).toString(16).padStart(2, '0');
  const alpha = color.a >= 1 ? '' : hex(color.a * 255);
  return `#${hex(color.r)}${hex(color.g)}${hex(color.b)}${alpha}`;
}
