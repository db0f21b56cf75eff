import { describe, expect, it } from 'vitest';
import {
  composite, contrastRatio, ensureContrast, luminance, parseColor, readableOn, toCss, BLACK, WHITE, type Rgba,
} from '../../src/ui/contrast.js';
import { deriveTheme, themeCss, type DerivedVariable } from '../../src/ui/theme-colors.js';
import { DARK, LIGHT, type SchemeDefaults } from '../../src/ui/theme-defaults.js';

const c = (text: string): Rgba => {
  const color = parseColor(text);
  if (!color) throw new Error(`not a colour: ${text}`);
  return color;
};

describe('parseColor', () => {
  it('reads hex, rgb(), hsl() and a few names', () => {
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('#FFD400')).toEqual({ r: 255, g: 212, b: 0, a: 1 });
    expect(parseColor('#11223380')?.a).toBeCloseTo(0.5, 2);
    expect(parseColor('rgb(10, 20, 30)')).toEqual({ r: 10, g: 20, b: 30, a: 1 });
    expect(parseColor('rgba(10,20,30,0.25)')).toEqual({ r: 10, g: 20, b: 30, a: 0.25 });
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColor('hsl(0, 100%, 50%)')).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    expect(parseColor('hsl(240deg 100% 25%)')).toEqual({ r: 0, g: 0, b: 128, a: 1 });
    expect(parseColor(' Yellow ')).toEqual({ r: 255, g: 255, b: 0, a: 1 });
  });

  it('returns null for anything else, never throws', () => {
    for (const bad of ['', '#12', '#ggg', 'rgb(1,2)', 'rgb(a,b,c)', 'url(x)', 'red; color: blue', 'oklch(0.7 0.1 200)', 42, null, undefined, {}]) {
      expect(parseColor(bad)).toBeNull();
    }
  });
});

describe('luminance and contrast (WCAG 2.x)', () => {
  it('matches the reference values', () => {
    expect(luminance(WHITE)).toBeCloseTo(1, 5);
    expect(luminance(BLACK)).toBe(0);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 5);
    expect(contrastRatio(c('#767676'), WHITE)).toBeCloseTo(4.54, 2); // the classic lightest AA grey on white
    expect(contrastRatio(WHITE, c('#ffd400'))).toBeLessThan(1.5); // white on yellow: the bad case
  });

  it('composites transparent colours on their background', () => {
    expect(composite(c('rgba(0,0,0,0.5)'), WHITE)).toEqual({ r: 128, g: 128, b: 128, a: 1 });
  });
});

describe('readableOn and ensureContrast', () => {
  it('keeps a preferred colour that already reads, else picks black or white', () => {
    expect(readableOn(c('#1f5fbf'), WHITE)).toEqual(WHITE);
    expect(readableOn(c('#ffd400'), WHITE)).toEqual(BLACK);
    expect(readableOn(c('#4b0082'))).toEqual(WHITE);
  });

  it('reaches 4.5:1 for every grey and for saturated colours', () => {
    for (let v = 0; v <= 255; v += 5) {
      const bg = { r: v, g: v, b: v, a: 1 };
      expect(contrastRatio(readableOn(bg), bg)).toBeGreaterThanOrEqual(4.5);
    }
    for (const bg of ['#ff0000', '#00ff00', '#0000ff', '#ff00ff', '#00ffff', '#ffd400', '#777777']) {
      expect(contrastRatio(readableOn(c(bg)), c(bg))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('moves a brand colour just far enough, keeping its hue', () => {
    const yellowOnWhite = ensureContrast(c('#ffd400'), [WHITE]);
    expect(contrastRatio(yellowOnWhite, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(yellowOnWhite, WHITE)).toBeLessThan(5.2); // the least change, not black
    expect(yellowOnWhite.r).toBeGreaterThan(yellowOnWhite.b); // still a (dark) yellow
    const navyOnDark = ensureContrast(c('#1f2a6b'), [c('#1c1d21')]);
    expect(contrastRatio(navyOnDark, c('#1c1d21'))).toBeGreaterThanOrEqual(4.5);
    expect(ensureContrast(c('#1f5fbf'), [WHITE])).toEqual(c('#1f5fbf')); // already fine: unchanged
  });

  it('satisfies several backgrounds at once', () => {
    const muted = ensureContrast(c('#999999'), [WHITE, c('#f3f4f6')]);
    expect(Math.min(contrastRatio(muted, WHITE), contrastRatio(muted, c('#f3f4f6')))).toBeGreaterThanOrEqual(4.5);
  });

  it('writes CSS from numbers only', () => {
    expect(toCss({ r: 255, g: 212, b: 0, a: 1 })).toBe('#ffd400');
    expect(toCss({ r: 0, g: 0, b: 0, a: 0.5 })).toBe('#00000080');
  });
});

/** Every text/background pair the stylesheet paints, and the UI pairs (3:1). */
function checkReadable(vars: Record<DerivedVariable, string>, scheme: SchemeDefaults, background = scheme.background): void {
  const v = (name: DerivedVariable): Rgba => c(vars[name]);
  const bg = c(background);
  const text: [DerivedVariable, Rgba][] = [
    ['--_on-primary', v('--_primary')], ['--_guest-text', v('--_guest-bg')], ['--_agent-text', v('--_agent-bg')],
    ['--_bot-text', v('--_bot-bg')], ['--_text', bg], ['--_muted', bg], ['--_accent', bg], ['--_error', bg],
    ['--_on-error', v('--_error')],
  ];
  for (const [fg, back] of text) expect(contrastRatio(v(fg), back), `${fg} on ${toCss(back)}`).toBeGreaterThanOrEqual(4.5);
  expect(contrastRatio(v('--_focus'), bg)).toBeGreaterThanOrEqual(3);
  expect(contrastRatio(v('--_success'), bg)).toBeGreaterThanOrEqual(3);
}

describe('deriveTheme', () => {
  it('leaves the default themes as they are (they already pass), light and dark', () => {
    for (const scheme of [LIGHT, DARK]) {
      const vars = deriveTheme({}, scheme);
      checkReadable(vars, scheme);
      expect(vars['--_primary']).toBe(scheme.primary);
      expect(vars['--_accent']).toBe(scheme.accent);
    }
    // The dark theme's quick replies and card buttons were 3.5:1 (issue 8): the accent is what they use now.
    expect(contrastRatio(c(DARK.accent), c(DARK.background))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c(DARK.onError), c(DARK.error))).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps any single brand colour readable in both schemes', () => {
    for (const brand of ['#ffd400', '#c9b3ff', '#4b0082', '#00a651', '#e4002b', '#000000', '#ffffff', '#808080']) {
      for (const scheme of [LIGHT, DARK]) {
        const vars = deriveTheme({ primary: c(brand) }, scheme);
        checkReadable(vars, scheme);
        expect(vars['--_primary']).toBe(brand); // the brand itself still fills header, launcher and guest bubbles
      }
    }
    expect(deriveTheme({ primary: c('#ffd400') }, LIGHT)['--_on-primary']).toBe('#000000'); // not white on yellow
  });

  it('fixes light bubble backgrounds in dark mode (text was 1.05:1)', () => {
    const vars = deriveTheme({ agentBubble: c('#eef4ff'), botBubble: c('#fff5cc') }, DARK);
    checkReadable(vars, DARK);
    expect(vars['--_agent-text']).toBe('#000000');
  });

  it('keeps the page\'s own text colours when they read, replaces them when they do not', () => {
    const kept = deriveTheme({ primary: c('#123456'), onPrimary: c('#ffeeaa') }, LIGHT);
    expect(kept['--_on-primary']).toBe('#ffeeaa');
    const replaced = deriveTheme({ primary: c('#ffd400'), onPrimary: c('#ffffff') }, LIGHT);
    expect(replaced['--_on-primary']).toBe('#000000');
  });

  it('uses the deployment colour only when the page sets none', () => {
    expect(deriveTheme({}, LIGHT, c('#ffd400'))['--_primary']).toBe('#ffd400');
    expect(deriveTheme({ primary: c('#4b0082') }, LIGHT, c('#ffd400'))['--_primary']).toBe('#4b0082');
  });

  it('follows a page background of its own (dark page in the light scheme)', () => {
    const vars = deriveTheme({ background: c('#101010') }, LIGHT);
    checkReadable(vars, LIGHT, '#101010');
  });

  it('renders one :host rule', () => {
    expect(themeCss(deriveTheme({}, LIGHT))).toMatch(/^:host \{ --_primary: #1f5fbf; .*\}$/);
  });
});
