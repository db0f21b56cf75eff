/**
 * `npm run screenshots`: the widget's main states, photographed in real Chromium against the real emulator, at
 * 360 and 1280 px wide, light and dark: launcher, bot greeting, rich content, offline, the end question and ended, and
 * the header and launcher slots filled by the page (logo, subtitle, team avatars, a launcher label, on the left).
 * Writes PNGs to `screenshots/` (git-ignored) so whoever changes the UI looks at what they built.
 *
 * Env: SCREENSHOTS_DIR (default ./screenshots), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator } from '../emulator/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { EmulatorControl } from '../test/e2e/emulator-control.js';
import { makePng } from '../test/e2e/png.js';
import { startTestSite } from '../test/e2e/site.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.env.SCREENSHOTS_DIR ?? join(ROOT, 'screenshots'));
const VIEWPORTS = [{ width: 360, height: 740 }, { width: 1280, height: 800 }] as const;
const SCHEMES = ['light', 'dark'] as const;
const DEPLOYMENT_ID = 'demo-deployment';

function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist/genesys-chat.js'))) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Something to sit on: a plain shop page behind the widget. */
async function decoratePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.body.style.margin = '0';
    document.body.style.font = '16px system-ui, sans-serif';
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    document.body.style.background = dark ? '#111317' : '#fafafa';
    document.body.style.color = dark ? '#e6e6e6' : '#222';
    const h1 = document.querySelector('h1');
    if (h1) h1.style.padding = '16px 24px';
    for (let i = 0; i < 6; i += 1) {
      const p = document.createElement('p');
      p.textContent = 'Northwind Outfitters: waterproof jackets, boots and tents. Free returns within 30 days.';
      p.style.padding = '0 24px';
      document.body.append(p);
    }
  });
}

async function host<T>(page: Page, fn: (el: HTMLElement & { status: string; open(): void }) => T): Promise<T> {
  return page.locator('genesys-chat').evaluate(fn as never) as Promise<T>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`screenshots: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function imagesLoaded(page: Page): Promise<boolean> {
  return host(page, (el) => Array.from(el.shadowRoot?.querySelectorAll('img') ?? [])
    .every((img) => img.complete && img.naturalWidth > 0));
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1); // no hover effects in the picture
  await page.waitForTimeout(250); // let transitions and the typing dots settle: a picture, not an assertion
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  process.stdout.write(`  ${file}\n`);
}

async function states(browser: Browser, siteUrl: string, control: EmulatorControl, width: number, height: number,
  scheme: 'light' | 'dark'): Promise<void> {
  const context: BrowserContext = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  const suffix = `${width}-${scheme}`;
  const query = new URLSearchParams({ 'a-region': control.url, 'a-deployment-id': DEPLOYMENT_ID, 'a-lang': 'en' });
  await page.goto(`${siteUrl}/?${query}`);
  await decoratePage(page);
  await page.locator('genesys-chat [part~="launcher"]').waitFor();
  await shoot(page, `launcher-${suffix}`);

  await page.locator('genesys-chat [part~="launcher"]').click();
  await waitFor(async () => (await page.locator('genesys-chat [part~="quick-reply"]').count()) > 0, 'the greeting');
  await shoot(page, `greeting-${suffix}`);

  const token = await page.evaluate((key) => localStorage.getItem(key), `genesys-chat:${DEPLOYMENT_ID}:token`);
  const conversation = (await control.conversations()).find((c) => token && c.sessionToken && token.includes(c.sessionToken));
  if (!conversation) throw new Error('screenshots: no conversation for the page');
  await page.locator('genesys-chat [part~="quick-reply"]').first().click();
  await control.take(conversation.id);
  const photo = await control.upload(makePng(640, 400, [[52, 120, 200], [230, 180, 60], [60, 140, 90]]), 'parcel.png', 'image/png');
  await control.agentSend(conversation.id, { text: 'Hi, I am **Alex** from Northwind. Your order shipped today:\n- 1 × Rain jacket\n- 1 × Trail boots', agentName: 'Alex Morgan' });
  await control.agentSend(conversation.id, {
    agentName: 'Alex Morgan',
    content: [{ contentType: 'Card', card: {
      title: 'Track your parcel', description: 'Arrives Thursday between 9:00 and 12:00.', image: photo.url,
      actions: [{ type: 'Link', text: 'Open tracking', url: 'https://example.com/track' },
        { type: 'Postback', text: 'Change delivery day', payload: 'change-day' }],
    } }],
  });
  await control.agentSend(conversation.id, {
    agentName: 'Alex Morgan', text: 'A photo of the parcel:',
    content: [{ contentType: 'Attachment', attachment: { id: photo.id, url: photo.url, mime: photo.mime, filename: 'parcel.png', mediaType: 'Image' } }],
  });
  await waitFor(async () => (await page.locator('genesys-chat [part~="attachment"] img').count()) > 0, 'the image');
  await waitFor(() => imagesLoaded(page), 'images to load');
  await shoot(page, `rich-${suffix}`);

  await context.setOffline(true);
  await waitFor(async () => (await host(page, (el) => el.status)) === 'offline', 'offline');
  await page.locator('genesys-chat [part~="input"]').fill('Can I change the address?');
  await page.locator('genesys-chat [part~="input"]').press('Enter');
  await shoot(page, `offline-${suffix}`);
  await context.setOffline(false);
  await waitFor(async () => (await host(page, (el) => el.status)) === 'online', 'back online');

  // The question asked before the guest ends the conversation; Cancel keeps it going for the next state.
  await page.locator('genesys-chat [part~="end-button"]').click();
  await page.locator('genesys-chat [part~="end-confirm"]').waitFor();
  await shoot(page, `end-confirm-${suffix}`);
  await page.locator('genesys-chat [part~="end-cancel-button"]').click();

  await control.disconnect(conversation.id);
  await waitFor(async () => (await host(page, (el) => el.status)) === 'ended', 'the ended conversation');
  await shoot(page, `ended-${suffix}`);
  await context.close();
}

/** The page's own touches: a logo, a subtitle, team avatars, a launcher label, on the left. */
async function slots(browser: Browser, siteUrl: string, control: EmulatorControl, width: number, height: number,
  scheme: 'light' | 'dark'): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  const page = await context.newPage();
  const query = new URLSearchParams({ 'a-region': control.url, 'a-deployment-id': DEPLOYMENT_ID, 'a-lang': 'en', 'a-position': 'left' });
  await page.goto(`${siteUrl}/?${query}`);
  await decoratePage(page);
  // No named helpers inside evaluate(): tsx's esbuild would wrap them in a __name() the page does not have.
  await page.locator('genesys-chat').evaluate((el) => {
    const items: [string, string, Record<string, string>][] = [
      ['logo', 'NW', { display: 'grid', placeItems: 'center', width: '32px', height: '32px', borderRadius: '8px',
        background: '#ffffff', color: '#1f5fbf', fontWeight: '800' }],
      ['subtitle', 'We usually reply in a few minutes', {}],
      ['avatars', '', { display: 'flex' }],
      ['launcher-label', 'Questions?', {}],
    ];
    for (const [slot, text, style] of items) {
      const span = document.createElement('span');
      span.slot = slot;
      span.textContent = text;
      Object.assign(span.style, style);
      el.append(span);
    }
    const team = el.querySelector('[slot="avatars"]');
    for (const [initials, colour] of [['MJ', '#e0a030'], ['SK', '#2e9e6a']]) {
      const face = document.createElement('span');
      face.textContent = initials ?? '';
      Object.assign(face.style, { display: 'grid', placeItems: 'center', width: '28px', height: '28px', borderRadius: '50%',
        background: colour, color: '#111', fontSize: '11px', fontWeight: '700', marginLeft: '-6px', border: '2px solid #fff' });
      team?.append(face);
    }
  });
  await shoot(page, `slots-launcher-${width}-${scheme}`);
  await page.locator('genesys-chat [part~="launcher"]').click();
  await waitFor(async () => (await page.locator('genesys-chat [part~="quick-reply"]').count()) > 0, 'the greeting');
  await shoot(page, `slots-open-${width}-${scheme}`);
  await context.close();
}

/** The knowledge deployment: its home screen, search results and an opened article (issue 12). */
async function knowledge(browser: Browser, siteUrl: string, control: EmulatorControl, width: number, height: number,
  scheme: 'light' | 'dark'): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  const query = new URLSearchParams({ 'a-region': control.url, 'a-deployment-id': 'knowledge-deployment', 'a-lang': 'en' });
  await page.goto(`${siteUrl}/?${query}`);
  await decoratePage(page);
  await page.locator('genesys-chat [part~="launcher"]').click();
  await page.locator('genesys-chat [part~="knowledge-input"]').waitFor();
  await waitFor(() => imagesLoaded(page), 'the logo');
  await shoot(page, `knowledge-home-${width}-${scheme}`);
  await page.locator('genesys-chat [part~="knowledge-input"]').pressSequentially('order');
  await page.locator('genesys-chat [role="option"]').first().waitFor();
  await shoot(page, `knowledge-suggestions-${width}-${scheme}`);
  await page.locator('genesys-chat [part~="knowledge-input"]').press('Enter');
  await page.locator('genesys-chat [part~="knowledge-result"]').first().waitFor();
  await shoot(page, `knowledge-results-${width}-${scheme}`);
  await page.locator('genesys-chat [part~="knowledge-result"]').first().click();
  await page.locator('genesys-chat [part~="knowledge-feedback"]').waitFor();
  await shoot(page, `knowledge-article-${width}-${scheme}`);
  await context.close();
}

async function main(): Promise<void> {
  ensureBuilt();
  mkdirSync(OUT, { recursive: true });
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
  const site = await startTestSite({ strictCsp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const control = new EmulatorControl(emulator.url);
    for (const { width, height } of VIEWPORTS) {
      for (const scheme of SCHEMES) {
        // SCREENSHOTS_ONLY=knowledge (comma list) takes only some of the sets.
        const only = process.env.SCREENSHOTS_ONLY?.split(',');
        if (!only || only.includes('states')) await states(browser, site.url, control, width, height, scheme);
        if (!only || only.includes('slots')) await slots(browser, site.url, control, width, height, scheme);
        if (!only || only.includes('knowledge')) await knowledge(browser, site.url, control, width, height, scheme);
      }
    }
  } finally {
    await browser.close();
    await site.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
