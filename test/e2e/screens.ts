/** Screenshots of a page at 360 and 1280 px, light and dark, into test-results/screens/ (looked at by a person). */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

const SCREENS = 'test-results/screens';

export async function shootSchemes(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${SCREENS}/${name}-${width}-${scheme}.png`, fullPage: options.fullPage ?? false });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
