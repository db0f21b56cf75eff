/**
 * The theme's derivation is a chunk loaded only when the page or the deployment sets a colour (ui/theme.ts). That is
 * only right while the static styles (styles.ts, built from LIGHT and DARK) already hold what the derivation makes of
 * "nothing set": this test keeps the two equal.
 */
import { describe, expect, it } from 'vitest';
import { deriveTheme, type DerivedVariable } from '../../src/ui/theme-colors.js';
import { DARK, LIGHT, type SchemeDefaults } from '../../src/ui/theme-defaults.js';

/** What styles.ts gives each derived variable when no --genesys-chat-* colour is set. */
function staticDefaults(scheme: SchemeDefaults): Record<DerivedVariable, string> {
  return {
    '--_primary': scheme.primary, '--_on-primary': scheme.onPrimary, '--_surface': scheme.surface,
    '--_text': scheme.text, '--_muted': scheme.muted, '--_border': scheme.border, '--_accent': scheme.accent,
    '--_guest-bg': scheme.primary, '--_guest-text': scheme.onPrimary, '--_agent-bg': scheme.agentBubble,
    '--_agent-text': scheme.text, '--_bot-bg': scheme.botBubble, '--_bot-text': scheme.text, '--_error': scheme.error,
    '--_on-error': scheme.onError, '--_success': scheme.success, '--_focus': scheme.accent,
  };
}

describe('theme: nothing set needs no derivation', () => {
  for (const [name, scheme] of [['light', LIGHT], ['dark', DARK]] as const) {
    it(`the ${name} defaults derived from nothing are the static styles' defaults`, () => {
      const derived = deriveTheme({}, scheme, null);
      const lower = (record: Record<string, string>) =>
        Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value.toLowerCase()]));
      expect(lower(derived)).toEqual(lower(staticDefaults(scheme)));
    });
  }
});
