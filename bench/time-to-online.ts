/**
 * Time from the moment `<genesys-chat>` is attached to the page until its status is `online`, against the real
 * emulator, in headless Chromium. First visit: a fresh browser context (no session token: new session, autostart).
 * Returning visit: a second page in the same context (stored token: resumed session plus the history fetch).
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { startEmulator } from '../emulator/index.js';
import { startTestSite } from '../test/e2e/site.js';

export interface TimeToOnline { firstVisit: number[]; returningVisit: number[] }

/** Attaches a configured element in the page and resolves with ms until `genesys-chat:status` says `online`. */
async function attachAndTime(context: BrowserContext, pageUrl: string, emulatorUrl: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(pageUrl);
  const elapsed = await page.evaluate(async (region) => {
    await customElements.whenDefined('genesys-chat');
    const element = document.createElement('genesys-chat');
    element.setAttribute('region', region);
    element.setAttribute('deployment-id', 'demo-deployment');
    element.setAttribute('mode', 'inline');
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not online within 20 s')), 20_000);
      let start = 0;
      element.addEventListener('genesys-chat:status', (event) => {
        if ((event as CustomEvent<{ status: string }>).detail.status !== 'online') return;
        clearTimeout(timer);
        resolve(performance.now() - start);
      });
      start = performance.now();
      document.body.append(element);
    });
  }, emulatorUrl);
  await page.close();
  return elapsed;
}

/** Runs `runs` first visits and as many returning visits (one warm-up of each is discarded). */
export async function measureTimeToOnline(runs: number, distDir: string): Promise<TimeToOnline> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0 });
  // The bench page has no element of its own (`?bare`): the measurement attaches it.
  const site = await startTestSite({ strictCsp: true, distDir });
  let browser: Browser | undefined;
  const result: TimeToOnline = { firstVisit: [], returningVisit: [] };
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const pageUrl = `${site.url}/?bare`;
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext();
      const first = await attachAndTime(context, pageUrl, emulator.url);
      const returning = await attachAndTime(context, pageUrl, emulator.url);
      await context.close();
      if (i === 0) continue; // warm-up: browser caches, JIT, emulator code paths
      result.firstVisit.push(first);
      result.returningVisit.push(returning);
    }
  } finally {
    await browser?.close();
    await site.close();
    await emulator.close();
  }
  return result;
}
