/**
 * Issue 12, widget side: a deployment configured in the emulator as an admin configures Messenger drives what the
 * visitor sees, with no extra attribute on the page. One test per setting, real emulator, real Chromium.
 */
import { test, expect, type ChatPage } from './fixtures.js';
import { seriousViolations } from './axe.js';
import type { ControlConversation } from './emulator-control.js';

type Chat = HTMLElement & { open(): void; show(): void; hide(): void };

async function openWith(chat: ChatPage, deploymentId: string, attributes: Record<string, string> = {}, waitOnline = false): Promise<void> {
  await chat.open({ attributes: { 'deployment-id': deploymentId, ...attributes }, waitOnline });
}

/** The newest web messaging conversation of a deployment (the fixture's helper knows only the demo deployment). */
async function conversationOf(chat: ChatPage, deploymentId: string): Promise<ControlConversation> {
  let found: ControlConversation | undefined;
  await expect.poll(async () => {
    found = (await chat.control.conversations()).filter((c) => c.deploymentId === deploymentId)
      .sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? ''))).at(-1);
    return found !== undefined;
  }, { message: `a conversation of ${deploymentId}`, timeout: 15_000 }).toBe(true);
  return found as ControlConversation;
}

async function patchDeployment(url: string, id: string, patch: unknown): Promise<void> {
  const response = await fetch(`${url}/emulator/deployments/${id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch),
  });
  expect(response.ok, await response.text()).toBe(true);
}

test('position: the deployment puts the launcher in the left corner at its side and bottom space', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWith(chat, 'styled-deployment', { mode: 'launcher' });
  const launcher = chat.part('launcher');
  await expect(launcher).toBeVisible();
  await expect.poll(async () => (await launcher.boundingBox())?.x).toBe(24);
  const box = await launcher.boundingBox();
  expect(800 - ((box?.y ?? 0) + (box?.height ?? 0))).toBe(32);
});

test('position: the page attribute wins over the deployment', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWith(chat, 'styled-deployment', { mode: 'launcher', position: 'right' });
  const launcher = chat.part('launcher');
  await expect(launcher).toBeVisible();
  await expect.poll(async () => page.locator('genesys-chat').evaluate((el) => el.style.getPropertyValue('--_deployment-side-space'))).toBe('24px');
  const box = await launcher.boundingBox();
  expect(1280 - ((box?.x ?? 0) + (box?.width ?? 0))).toBe(24);
});

test('launcher Off: no launcher button; the page opens the chat with open()', async ({ chat }) => {
  await openWith(chat, 'launcher-off-deployment', { mode: 'launcher' });
  await expect.poll(() => chat.page.locator('genesys-chat').evaluate((el) => el.style.getPropertyValue('--_deployment-side-space'))).toBe('0px');
  await expect(chat.part('launcher')).toHaveCount(0);
  await chat.page.locator('genesys-chat').evaluate((el) => (el as Chat).show());
  await expect(chat.part('launcher')).toHaveCount(0);
  await chat.page.locator('genesys-chat').evaluate((el) => (el as Chat).open());
  await expect(chat.part('panel')).toBeVisible();
  await chat.waitForStatus('online');
});

/**
 * Records, from the moment the element's shadow root exists, where the launcher is after each change to it (a
 * MutationObserver runs before the browser paints: what a record says is what the visitor saw).
 */
async function recordLauncher(chat: ChatPage): Promise<void> {
  await chat.page.addInitScript(() => {
    const seen: { launcher: boolean; left: number | null }[] = [];
    (window as unknown as { __launcherSeen: typeof seen }).__launcherSeen = seen;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      if (this.localName === 'genesys-chat') {
        new MutationObserver(() => {
          const launcher = root.querySelector('[part~="launcher"]');
          seen.push({ launcher: launcher !== null, left: launcher ? Math.round(launcher.getBoundingClientRect().left) : null });
        }).observe(root, { childList: true, subtree: true, attributes: true });
      }
      return root;
    };
  });
}

/** config.json answers 3 s late (longer than a closed launcher's first render waits for it: 1 s). */
async function slowConfigJson(chat: ChatPage): Promise<void> {
  await chat.page.route('**/config.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.continue().catch(() => undefined); // the page may have moved on
  });
}

async function launcherSeen(chat: ChatPage): Promise<{ launcher: boolean; left: number | null }[]> {
  return chat.page.evaluate(() => (window as unknown as { __launcherSeen: { launcher: boolean; left: number | null }[] }).__launcherSeen);
}

test('first render: a closed launcher never shows the defaults first (a launcher the deployment turns off, or in the wrong corner), on the first page view and the next', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await recordLauncher(chat);
  await openWith(chat, 'launcher-off-deployment', { mode: 'launcher' });
  await expect.poll(() => page.evaluate(() => localStorage.getItem('genesys-chat:launcher-off-deployment:config') !== null)).toBe(true);
  await page.waitForTimeout(300);
  expect((await launcherSeen(chat)).filter((r) => r.launcher)).toEqual([]);
  // The next page view starts with the settings the first one kept: here config.json answers later than the first
  // render waits for it.
  await slowConfigJson(chat);
  await page.reload();
  await expect.poll(async () => (await launcherSeen(chat)).length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  expect((await launcherSeen(chat)).filter((r) => r.launcher)).toEqual([]);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await openWith(chat, 'styled-deployment', { mode: 'launcher' });
  await expect(chat.part('launcher')).toBeVisible();
  expect((await launcherSeen(chat)).find((r) => r.launcher)?.left).toBe(24); // left from its first render
  await slowConfigJson(chat);
  await page.reload();
  await expect(chat.part('launcher')).toBeVisible();
  expect((await launcherSeen(chat)).find((r) => r.launcher)?.left).toBe(24);
});

test('first render: the kept settings give way to a changed deployment within the same page view', async ({ chat, control, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await recordLauncher(chat);
  await openWith(chat, 'styled-deployment', { mode: 'launcher' });
  await expect(chat.part('launcher')).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('genesys-chat:styled-deployment:config') !== null)).toBe(true);
  await patchDeployment(control.url, 'styled-deployment', { position: { alignment: 'Right', sideSpace: 24, bottomSpace: 32 } });
  await page.reload();
  const launcher = chat.part('launcher');
  await expect.poll(async () => (await launcher.boundingBox())?.x).toBe(1280 - 24 - ((await launcher.boundingBox())?.width ?? 0));
  // What the next page view will start with is the changed deployment.
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('genesys-chat:styled-deployment:config') ?? '{}').config?.position?.alignment)).toBe('Right');
});

test('launcher OnDemand: hidden until show(), hide() hides it again', async ({ chat }) => {
  await openWith(chat, 'launcher-ondemand-deployment', { mode: 'launcher' });
  // the settings arrive: the launcher that showed by default goes away
  await expect(chat.part('launcher')).toHaveCount(0);
  await chat.page.locator('genesys-chat').evaluate((el) => (el as Chat).show());
  await expect(chat.part('launcher')).toBeVisible();
  await chat.page.locator('genesys-chat').evaluate((el) => (el as Chat).hide());
  await expect(chat.part('launcher')).toHaveCount(0);
});

test('customI18nLabels: the deployment wording shows per language, and a run-time change shows after a reload', async ({ chat, control }) => {
  await openWith(chat, 'german-deployment', { lang: 'de' });
  await expect(chat.part('home-title')).toHaveText('Hallo!');
  await expect(chat.part('home-subtitle')).toHaveText('Durchsuchen Sie unsere Hilfe oder schreiben Sie uns');
  await patchDeployment(control.url, 'german-deployment', {
    customI18nLabels: [{ language: 'de', localizedLabels: [{ key: 'MessengerHomeHeaderTitle', value: 'Servus!' }] }],
  });
  await chat.page.reload();
  await expect(chat.part('home-title')).toHaveText('Servus!');
});

test('humanize: bot messages carry the deployment bot name and avatar', async ({ chat }) => {
  await openWith(chat, 'styled-deployment', {}, true);
  const bot = chat.messages('bot').first();
  await expect(bot).toBeVisible({ timeout: 15_000 });
  await expect(bot.locator('.meta__name')).toHaveText('Bolt');
  await expect(bot.locator('[part~="avatar-bot"] img')).toHaveAttribute('src', /\/emulator\/assets\/bot-avatar\.svg$/);
});

test('home screen: logo and greeting before the conversation; the button leads to the composer', async ({ chat }) => {
  await openWith(chat, 'knowledge-deployment');
  await expect(chat.part('home')).toBeVisible();
  await expect(chat.part('home-logo')).toHaveAttribute('src', /\/emulator\/assets\/logo\.svg$/);
  await expect(chat.part('home-title')).toHaveText('Hi there');
  await expect(chat.part('input')).toBeHidden();
  await chat.part('home-start-button').click();
  await expect(chat.part('home')).toHaveCount(0);
  await expect(chat.part('input')).toBeFocused();
});

test('conversationClear: confirm, every tab empties its transcript and starts a fresh session', async ({ chat, context, site }) => {
  await chat.open();
  await chat.send('clear-me-please');
  await chat.expectEachOnceInOrder(['clear-me-please'], 'guest');
  const before = await chat.storedSession();
  const second = await context.newPage();
  const query = new URLSearchParams({ 'a-region': chat.control.url, 'a-deployment-id': 'demo-deployment', 'a-mode': 'inline' });
  await second.goto(`${site.url}/?${query}`);
  await expect(second.locator('genesys-chat [part~="message"][data-role="guest"]')).toContainText(['clear-me-please']);

  await chat.part('clear-button').click();
  await expect(chat.part('clear-cancel-button')).toBeFocused();
  await chat.part('clear-confirm-button').click();
  await expect(chat.messages('guest')).toHaveCount(0);
  await expect(second.locator('genesys-chat [part~="message"][data-role="guest"]')).toHaveCount(0);
  await chat.waitForStatus('online');
  await expect.poll(() => chat.storedSession()).not.toBe(before);
  await chat.send('after-clear');
  await chat.expectEachOnceInOrder(['after-clear'], 'guest');
});

test('conversationDisconnect Send: a status line, and writing on starts a new conversation', async ({ chat }) => {
  await openWith(chat, 'knowledge-deployment', {}, true);
  await chat.part('home-start-button').click();
  await chat.send('hello-before-disconnect');
  const conversation = await conversationOf(chat, 'knowledge-deployment');
  await chat.control.take(conversation.id);
  await chat.control.disconnect(conversation.id);
  await expect(chat.part('disconnected')).toBeVisible();
  expect(await chat.canWrite()).toBe(true);
  await chat.send('hello-after-disconnect');
  await chat.expectEachOnceInOrder(['hello-after-disconnect'], 'guest');
  await expect(chat.part('disconnected')).toHaveCount(0);
});

test('knowledge: suggestions, results, article, feedback, then a chat that carries the articles read', async ({ chat, control, page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openWith(chat, 'knowledge-deployment', {}, true);
  const input = chat.part('knowledge-input');
  await input.pressSequentially('track');
  await expect(chat.page.locator('genesys-chat [role="option"]').first()).toBeVisible();
  await input.press('Enter');
  const result = chat.part('knowledge-result').filter({ hasText: 'How do I track my order?' });
  await expect(result).toBeVisible();
  await result.click();
  await expect(chat.page.locator('genesys-chat #kb-article-title')).toHaveText('How do I track my order?');
  await expect(chat.page.locator('genesys-chat #kb-article-title')).toBeFocused();
  await expect(chat.part('knowledge-article').locator('ol li')).toHaveCount(3);
  expect(await seriousViolations(page)).toEqual([]);
  await chat.part('knowledge-rate-yes').click();
  await expect(chat.part('knowledge-feedback')).toContainText('Thanks');
  await expect.poll(async () => {
    const activity = await (await fetch(`${control.url}/emulator/knowledge/activity?deploymentId=knowledge-deployment`)).json() as { type: string; documentId?: string }[];
    return ['view', 'feedback'].every((type) => activity.some((a) => a.type === type && a.documentId === 'doc-en-track'));
  }).toBe(true);
  await chat.part('knowledge-back').click();
  await expect(result).toBeFocused();

  await chat.part('home-start-button').click();
  await chat.send('I read the article');
  const conversation = await conversationOf(chat, 'knowledge-deployment');
  await expect.poll(async () => (await control.conversation(conversation.id)).customAttributes).toMatchObject({
    knowledgeArticlesViewed: 'How do I track my order?', knowledgeArticleIds: 'doc-en-track',
  });
});

test('knowledge during a conversation: the header search opens over the transcript and returns to it', async ({ chat }) => {
  await openWith(chat, 'knowledge-deployment', {}, true);
  await chat.part('home-start-button').click();
  await chat.send('first message');
  await chat.part('knowledge-button').click();
  await expect(chat.part('knowledge-input')).toBeFocused();
  await chat.part('knowledge-input').fill('password');
  await chat.part('knowledge-input').press('Enter');
  await expect(chat.part('knowledge-result').first()).toBeVisible();
  await chat.part('knowledge-chat-button').click();
  await expect(chat.part('input')).toBeFocused();
  await chat.expectEachOnceInOrder(['first message'], 'guest');
});

test('no knowledge: the deployment without it never loads the knowledge chunk', async ({ chat, page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(request.url()); });
  await chat.open();
  await chat.send('no knowledge here');
  await chat.expectEachOnceInOrder(['no knowledge here'], 'guest');
  expect(scripts.filter((url) => /\/panel-[\w-]+\.js$/.test(url))).toEqual([]);
  await expect(chat.part('knowledge-button')).toHaveCount(0);
});

test('languages: the page language goes through the deployment languages; one it does not offer shows the default', async ({ chat, site }) => {
  const mount = async (documentLang: string): Promise<void> => {
    await chat.page.goto(`${site.url}/?bare`);
    await chat.page.evaluate(({ lang, region }) => {
      document.documentElement.lang = lang;
      const el = document.createElement('genesys-chat');
      el.setAttribute('region', region);
      el.setAttribute('deployment-id', 'german-deployment');
      el.setAttribute('mode', 'inline');
      document.body.append(el);
    }, { lang: documentLang, region: chat.control.url });
  };
  await mount('fr'); // not offered: the default, German
  await expect(chat.part('home-title')).toHaveText('Hallo!');
  await expect(chat.part('home-start-button')).toHaveText('Schreiben Sie uns');
  await mount('en-GB'); // offered as en-us
  await expect(chat.part('home-title')).toHaveText('Hello from Germany');
  await expect(chat.part('home-start-button')).toHaveText('Send us a message');
});

for (const [width, scheme] of [[360, 'dark'], [1280, 'light'], [1280, 'dark']] as const) {
  test(`knowledge in launcher mode, ${width} px ${scheme}: focus lands in the search; home and article pass axe`, async ({ chat, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 760 });
    await openWith(chat, 'knowledge-deployment', { mode: 'launcher' });
    await chat.part('launcher').click();
    await expect(chat.part('knowledge-input')).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await chat.part('knowledge-input').fill('invoice');
    await chat.part('knowledge-input').press('Enter');
    await chat.part('knowledge-result').first().click();
    await expect(chat.part('knowledge-feedback')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape'); // closes the article, not the panel
    await expect(chat.part('knowledge-result').first()).toBeFocused();
    await expect(chat.part('panel')).toBeVisible();
  });
}

test('knowledge: a slow chunk still ends with focus in the search, not on the home button', async ({ chat, page }) => {
  // The panel opens before the knowledge chunk arrives (a slow network): focus first lands on "Send us a message".
  await page.route(/\/panel-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await openWith(chat, 'knowledge-deployment', { mode: 'launcher' });
  await chat.part('launcher').click();
  await expect(chat.part('knowledge-input')).toBeFocused({ timeout: 10_000 });
});

test('knowledge: settings that come after the panel opened still end with focus in the search', async ({ chat, page }) => {
  // A slow config.json: the panel opens on the composer, then the home screen with the search takes its place (the
  // focused composer goes away); focus must follow, not fall back to the page.
  await page.route(/\/config\.json$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await openWith(chat, 'knowledge-deployment', { mode: 'launcher' });
  await chat.part('launcher').click();
  await expect(chat.part('knowledge-input')).toBeFocused({ timeout: 10_000 });
});

test('primaryColor: a closed launcher wears the deployment colour before any connection', async ({ chat }) => {
  await openWith(chat, 'styled-deployment', { mode: 'launcher' });
  const launcher = chat.part('launcher');
  await expect.poll(() => launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 110, 79)');
  expect(await chat.status()).toBe('idle');
});

test('reloadDeploymentSettings(): a deployment changed at run time applies without a page reload', async ({ chat, control }) => {
  await openWith(chat, 'launcher-ondemand-deployment', { mode: 'launcher' });
  await expect(chat.part('launcher')).toHaveCount(0);
  await patchDeployment(control.url, 'launcher-ondemand-deployment', { messenger: { launcherButton: { visibility: 'On' } } });
  await chat.page.locator('genesys-chat').evaluate((el) => (el as HTMLElement & { reloadDeploymentSettings(): Promise<void> }).reloadDeploymentSettings());
  await expect(chat.part('launcher')).toBeVisible();
});

test('the one-script loader (script tag) loads the knowledge UI too', async ({ chat }) => {
  await chat.open({ attributes: { 'deployment-id': 'knowledge-deployment' }, bundle: 'iife', waitOnline: false });
  await chat.part('knowledge-input').fill('password');
  await chat.part('knowledge-input').press('Enter');
  await expect(chat.part('knowledge-result').first()).toBeVisible();
});
