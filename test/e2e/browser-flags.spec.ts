/**
 * The test browser's `--disable-features` (test/chromium.mjs) must carry Playwright's own list: Chromium keeps only
 * the last such switch and Playwright does not merge ours into its own, so ours repeats it by hand. A Playwright
 * upgrade that changes its list fails here, naming the features to add, instead of quietly turning them back on.
 */
import { chromium } from 'playwright-core';
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';

/** The features a `--disable-features=` switch among `args` turns off (the last one: Chromium's rule). */
function disabledFeatures(args: readonly string[]): string[] {
  const last = args.filter((arg) => arg.startsWith('--disable-features=')).at(-1);
  return last ? last.slice('--disable-features='.length).split(',').filter(Boolean) : [];
}

test("the test browser turns off every feature Playwright's own launch does", async () => {
  // A probe launched without our switch: the command line shows Playwright's list (readable with --enable-automation).
  const probe = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--disable-features=')), '--enable-automation'],
  });
  try {
    const cdp = await probe.newBrowserCDPSession();
    const { arguments: commandLine } = await cdp.send('Browser.getBrowserCommandLine');
    const playwrights = disabledFeatures(commandLine);
    expect(playwrights.length, 'Playwright passes a --disable-features list of its own').toBeGreaterThan(0);
    const ours = new Set(disabledFeatures(CHROMIUM_ARGS));
    expect(playwrights.filter((feature) => !ours.has(feature)), 'add these to test/chromium.mjs').toEqual([]);
  } finally {
    await probe.close();
  }
});
