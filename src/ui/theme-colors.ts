/**
 * `deriveTheme`: turns whatever colours are set (the public CSS custom properties and defaults are in
 * theme-defaults.ts) into colours that stay readable (4.5:1 for text, 3:1 for focus rings and status dots). Pure: no
 * DOM.
 */
import {
  composite, ensureContrast, minContrast, mix, readableOn, toCss, BLACK, TEXT_CONTRAST, UI_CONTRAST, WHITE, type Rgba,
} from './contrast.js';
import type { SchemeDefaults, ThemeKey } from './theme-defaults.js';

/** The internal variables `deriveTheme` sets (styles.ts reads them). */
export type DerivedVariable =
  | '--_primary' | '--_on-primary' | '--_text' | '--_muted' | '--_accent' | '--_guest-bg' | '--_guest-text'
  | '--_agent-bg' | '--_agent-text' | '--_bot-bg' | '--_bot-text' | '--_error' | '--_on-error' | '--_success'
  | '--_focus' | '--_surface' | '--_border';

const hex = (value: string): Rgba => {
  const n = parseInt(value.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, a: 1 };
};

/**
 * Text on `backgrounds`: `preferred` when it is readable on all of them, else black or white (whichever is more
 * readable), else `preferred` moved towards readability.
 */
function textOn(backgrounds: readonly Rgba[], preferred: Rgba): Rgba {
  if (minContrast(preferred, backgrounds) >= TEXT_CONTRAST) return preferred;
  const plain = minContrast(WHITE, backgrounds) >= minContrast(BLACK, backgrounds) ? WHITE : BLACK;
  if (minContrast(plain, backgrounds) >= TEXT_CONTRAST) return plain;
  return ensureContrast(preferred, backgrounds, TEXT_CONTRAST);
}

/**
 * Readable colours for everything the page set (parsed colours by key), the deployment's brand colour (used as
 * the primary colour when the page sets none), and the scheme's defaults for the rest. Colours with alpha are
 * painted on the panel background first. Returns CSS values built from numbers only.
 */
export function deriveTheme(
  set: Partial<Record<ThemeKey, Rgba>>,
  defaults: SchemeDefaults,
  brand?: Rgba | null,
): Record<DerivedVariable, string> {
  const background = composite(set.background ?? hex(defaults.background), WHITE);
  const on = (color: Rgba | undefined, fallback: string): Rgba => composite(color ?? hex(fallback), background);
  // A page background of its own: the neutral surfaces follow it instead of the scheme's.
  const ink = readableOn(background);
  const shade = (amount: number): Rgba | undefined => (set.background ? mix(background, ink, amount) : undefined);
  const surface = composite(set.surface ?? shade(0.06) ?? hex(defaults.surface), background);
  const border = composite(set.border ?? shade(0.2) ?? hex(defaults.border), background);
  const text = textOn([background, surface], set.text ?? hex(defaults.text));
  const primary = set.primary ? on(set.primary, defaults.primary) : brand ? on(brand, defaults.primary) : hex(defaults.primary);
  const onPrimary = readableOn(primary, set.onPrimary ? composite(set.onPrimary, primary) : hex(defaults.onPrimary));
  const guestBg = set.guestBubble ? on(set.guestBubble, defaults.primary) : primary;
  const guestPreferred = set.guestText ?? (set.guestBubble ? text : onPrimary);
  const agentBg = on(set.agentBubble ?? shade(0.1), defaults.agentBubble);
  const botBg = on(set.botBubble ?? (set.background ? mix(background, primary, 0.18) : undefined), defaults.botBubble);
  // The scheme's own accent unless a brand colour is set (the default dark accent is lighter than its primary).
  const accent = ensureContrast(set.primary || brand ? primary : hex(defaults.accent), [background], TEXT_CONTRAST);
  const error = ensureContrast(set.error ?? hex(defaults.error), [background, surface], TEXT_CONTRAST);
  return {
    '--_primary': toCss(primary),
    '--_surface': toCss(surface),
    '--_border': toCss(border),
    '--_on-primary': toCss(onPrimary),
    '--_text': toCss(text),
    '--_muted': toCss(ensureContrast(set.muted ?? hex(defaults.muted), [background, surface], TEXT_CONTRAST)),
    '--_accent': toCss(accent),
    '--_guest-bg': toCss(guestBg),
    '--_guest-text': toCss(textOn([guestBg], composite(guestPreferred, guestBg))),
    '--_agent-bg': toCss(agentBg),
    '--_agent-text': toCss(textOn([agentBg], composite(set.agentText ?? text, agentBg))),
    '--_bot-bg': toCss(botBg),
    '--_bot-text': toCss(textOn([botBg], composite(set.botText ?? text, botBg))),
    '--_error': toCss(error),
    '--_on-error': toCss(readableOn(error, hex(defaults.onError))),
    '--_success': toCss(ensureContrast(set.success ?? hex(defaults.success), [background], UI_CONTRAST)),
    '--_focus': toCss(ensureContrast(set.focus ? composite(set.focus, background) : accent, [background], UI_CONTRAST)),
  };
}

/** The derived variables as one `:host { … }` rule. */
export function themeCss(variables: Record<DerivedVariable, string>): string {
  return `:host { ${Object.entries(variables).map(([name, value]) => `${name}: ${value};`).join(' ')} }`;
}
