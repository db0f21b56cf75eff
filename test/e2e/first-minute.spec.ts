/**
 * A visitor's first minute (issue 8): a page view starts no conversation until the chat is opened (an inline one opens
 * its socket as it is attached, and its session has every property the page set by its first update); a returning
 * visitor's session resumes quietly (unread badge) and the open state survives a reload; the newest message is
 * always fully in view, through long text, cards and images that load late; the full-screen panel keeps focus and
 * the page behind still; axe finds nothing serious in light or dark.
 */
import type { Page } from '@playwright/test';
import { test, expect, DEPLOYMENT_ID, type ChatPage } from './fixtures.js';
import { seriousViolations } from './axe.js';
import { makePng } from './png.js';

const LAUNCHER = { mode: 'launcher' };

/** Sockets the page opened, by URL. */
function watchSockets(page: Page): string[] {
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  return sockets;
}

async function webConversations(chat: ChatPage): Promise<number> {
  return (await chat.control.conversations()).filter((c) => c.channel === 'webmessaging').length;
}

/**
 * Whether the last element matching `selector` lies entirely inside the list's visible box (1 px of rounding
 * allowed); `endOnly`: its bottom edge is in view (for a message taller than the list).
 */
async function fullyInList(chat: ChatPage, selector: string, endOnly = false): Promise<boolean> {
  return chat.page.locator('genesys-chat').evaluate((host, [sel, end]) => {
    const root = host.shadowRoot;
    const list = root?.querySelector('[part~="messages"]');
    const items = root?.querySelectorAll(sel);
    const inner = items?.[items.length - 1];
    if (!list || !inner) return false;
    const box = list.getBoundingClientRect();
    const rect = inner.getBoundingClientRect();
    const bottomIn = rect.bottom <= box.bottom + 1 && rect.bottom >= box.top;
    return rect.height > 0 && bottomIn && (end || rect.top >= box.top - 1);
  }, [selector, endOnly] as const);
}

test.describe('a conversation per page view', () => {
  test('a page view that never opens the chat starts nothing; opening it starts one conversation', async ({ chat, page }) => {
    const sockets = watchSockets(page);
    await chat.open({ attributes: LAUNCHER, waitOnline: false });
    await expect(chat.part('launcher')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await chat.status()).toBe('idle');
    expect(sockets).toEqual([]);
    expect(await webConversations(chat)).toBe(0);
    expect(await chat.storedSession()).toBe(null);

    await chat.part('launcher').click();
    await chat.waitForStatus('online');
    await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
    expect(await webConversations(chat)).toBe(1);
  });

  test('open() from the page starts it too', async ({ chat, page }) => {
    await chat.open({ attributes: LAUNCHER, waitOnline: false });
    await page.waitForLoadState('networkidle');
    expect(await webConversations(chat)).toBe(0);
    await page.locator('genesys-chat').evaluate((el) => (el as HTMLElement & { open(): void }).open());
    await chat.waitForStatus('online');
    await expect(chat.messages('bot').first()).toBeVisible();
    expect(await webConversations(chat)).toBe(1);
  });

  test('a returning visitor resumes quietly: no new conversation, the unread badge counts, the open state is kept',
    async ({ chat, page, control }) => {
      await chat.open({ attributes: LAUNCHER, waitOnline: false });
      await chat.part('launcher').click();
      await chat.waitForStatus('online');
      const conversation = await chat.conversationWithAgent();

      // Open when the page reloads: open again, same conversation.
      await page.reload();
      await expect(chat.part('panel')).toBeVisible();
      await chat.waitForStatus('online');
      await chat.part('close-button').click();
      await expect(chat.part('panel')).toBeHidden();

      // Closed when the page reloads: closed again, but the stored session resumes in the background.
      await page.reload();
      await chat.waitForStatus('online');
      await expect(chat.part('panel')).toBeHidden();
      await control.agentSend(conversation.id, { text: 'Are you still there?' });
      await expect(chat.part('badge')).toHaveText('1');
      await expect(chat.part('launcher')).toHaveAttribute('aria-label', 'Open chat (1 unread)');
      expect(await webConversations(chat)).toBe(1);
    });
});

test.describe('the socket opens as the chat is attached', () => {
  type Attached = { sockets: number; updated: boolean };
  const OPEN = 1; // WebSocket.OPEN, WebSocket.CLOSED (Node 20 has no WebSocket)
  const CLOSED = 3;
  /**
   * On a page without a chat (`?bare`), attaches an inline one built in the page; `then` runs right after append()
   * (before the element's first update, a microtask later). Every socket the page makes is kept in `window.__made`.
   */
  async function attach(chat: ChatPage, deploymentId: string, then: 'nothing' | 'set-deployment' | 'remove',
    mode: 'inline' | 'launcher' = 'inline'): Promise<Attached> {
    await chat.page.goto(`${chat.siteUrl}/?bare`);
    return chat.page.evaluate(async ([region, deployment, next, wanted, how]) => {
      await customElements.whenDefined('genesys-chat');
      const made: WebSocket[] = [];
      (window as unknown as { __made: WebSocket[] }).__made = made;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          made.push(this);
        }
      };
      const el = document.createElement('genesys-chat') as HTMLElement & { deploymentId?: string; hasUpdated: boolean };
      el.setAttribute('mode', how);
      el.setAttribute('region', region);
      el.setAttribute('deployment-id', deployment);
      document.body.append(el);
      if (next === 'set-deployment') el.deploymentId = wanted; // a property the page sets: it wins over the attribute
      if (next === 'remove') el.remove();
      return { sockets: made.length, updated: el.hasUpdated };
    }, [chat.control.url, deploymentId, then, DEPLOYMENT_ID, mode] as const);
  }

  const made = (page: Page) => page.evaluate(() => (window as unknown as { __made: WebSocket[] }).__made
    .map((socket) => ({ url: socket.url, state: socket.readyState })));

  test('an inline chat opens its socket when attached, before its first update, and its session uses that socket', async ({ chat, page }) => {
    expect(await attach(chat, DEPLOYMENT_ID, 'nothing')).toEqual({ sockets: 1, updated: false });
    await chat.waitForStatus('online');
    await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
    expect(await made(page)).toEqual([expect.objectContaining({ state: OPEN })]);
    expect(await webConversations(chat)).toBe(1);
  });

  test('a property the page set before the first update wins: the socket opened for the attribute is closed unused', async ({ chat, page }) => {
    expect(await attach(chat, 'a-deployment-set-over', 'set-deployment')).toEqual({ sockets: 1, updated: false });
    await chat.waitForStatus('online');
    await expect.poll(async () => (await made(page)).map((socket) => socket.state)).toEqual([CLOSED, OPEN]);
    const [unused, used] = await made(page);
    expect(unused?.url).toContain('deploymentId=a-deployment-set-over');
    expect(used?.url).toContain(`deploymentId=${DEPLOYMENT_ID}`);
    expect(await webConversations(chat)).toBe(1);
  });

  test('a one-script page\'s properties, set before the element was defined, are in its one session', async ({ chat, control, page }) => {
    // The bundle comes late, so the page's own code runs first (the element is not defined yet when it sets them).
    await page.route('**/dist/cdn/genesys-chat.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    const sockets = watchSockets(page);
    await page.goto(`${chat.siteUrl}/iife.html?bare`);
    const definedAlready = await page.evaluate(([region, deployment]) => {
      const el = document.createElement('genesys-chat');
      el.setAttribute('mode', 'inline');
      el.setAttribute('region', region);
      el.setAttribute('deployment-id', deployment);
      (el as HTMLElement & { customAttributes: Record<string, string> }).customAttributes = { page: '/pricing' };
      document.body.append(el);
      return customElements.get('genesys-chat') !== undefined;
    }, [chat.control.url, DEPLOYMENT_ID] as const);
    expect(definedAlready).toBe(false);
    await chat.waitForStatus('online');
    await chat.send('Which plan fits a team of five?');
    const conversation = await chat.conversation();
    await expect.poll(async () => (await control.conversation(conversation.id)).customAttributes).toMatchObject({ page: '/pricing' });
    expect(sockets).toHaveLength(1);
  });

  test('a message sent before the first update goes out in a session with the properties set beside it', async ({ chat, control, page }) => {
    await page.goto(`${chat.siteUrl}/?bare`);
    await page.evaluate(async ([region, deployment]) => {
      await customElements.whenDefined('genesys-chat');
      const el = document.createElement('genesys-chat') as HTMLElement & { customAttributes: Record<string, string>; send(text: string): unknown };
      el.setAttribute('mode', 'inline');
      el.setAttribute('region', region);
      el.setAttribute('deployment-id', deployment);
      document.body.append(el);
      el.send('Sent before the chat had rendered');
      el.customAttributes = { page: '/checkout' };
    }, [chat.control.url, DEPLOYMENT_ID] as const);
    await chat.waitForStatus('online');
    const conversation = await chat.conversation();
    await expect.poll(async () => (await control.conversation(conversation.id)).customAttributes).toMatchObject({ page: '/checkout' });
    // Genesys has it once, and the visitor sees it once, delivered.
    await expect.poll(async () => (await control.conversation(conversation.id)).messages
      .filter((m) => m.direction === 'Inbound').map((m) => m.text)).toEqual(['Sent before the chat had rendered']);
    await expect(chat.messages('guest')).toHaveCount(1);
    await expect(chat.messages('guest')).toContainText('Sent before the chat had rendered');
    expect(await webConversations(chat)).toBe(1);
  });

  test('a closed launcher opens its socket when attached only for a visitor who holds a session, and resumes with it', async ({ chat, page }) => {
    // A new visitor: the launcher connects when opened, not before.
    expect(await attach(chat, DEPLOYMENT_ID, 'nothing', 'launcher')).toEqual({ sockets: 0, updated: false });
    await page.waitForTimeout(300);
    expect(await made(page)).toHaveLength(0);
    // The visitor chats, then comes back on the next page: the socket opens as the launcher is attached.
    await chat.open();
    await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
    expect(await attach(chat, DEPLOYMENT_ID, 'nothing', 'launcher')).toEqual({ sockets: 1, updated: false });
    await chat.waitForStatus('online');
    await page.locator('genesys-chat').evaluate((el) => (el as HTMLElement & { open(): void }).open());
    await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
    expect(await made(page)).toEqual([expect.objectContaining({ state: OPEN })]);
    expect(await webConversations(chat)).toBe(1);
  });

  test('a chat removed before its first update closes the socket it opened and starts nothing', async ({ chat, page }) => {
    expect(await attach(chat, DEPLOYMENT_ID, 'remove')).toEqual({ sockets: 1, updated: false });
    await expect.poll(async () => (await made(page))[0]?.state).toBe(CLOSED);
    await page.waitForTimeout(300); // time enough for a configure request, had one gone out
    expect(await made(page)).toHaveLength(1);
    expect(await webConversations(chat)).toBe(0);
  });
});

test.describe('the newest message stays in view', () => {
  test('after a long message, a card and an image that loads late, the newest message is fully visible', async ({ chat, control, page }) => {
    await page.setViewportSize({ width: 800, height: 700 });
    await chat.open();
    await page.locator('genesys-chat').evaluate((el) => (el as HTMLElement).style.setProperty('--genesys-chat-height', '520px'));
    const conversation = await chat.conversationWithAgent();
    const long = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long answer about your order.`).join('\n');
    await control.agentSend(conversation.id, { text: long });
    await expect.poll(() => fullyInList(chat, '[part~="message"]', true), { message: 'long message end in view' }).toBe(true);

    const picture = await control.upload(makePng(640, 480), 'photo.png', 'image/png');
    await control.agentSend(conversation.id, {
      content: [{ contentType: 'Card', card: {
        title: 'Return label', description: 'Print it and stick it on the parcel.', image: picture.url,
        actions: [{ type: 'Link', text: 'Open the returns page', url: 'https://example.com/returns' }],
      } }],
    });
    await expect.poll(() => fullyInList(chat, '[part~="card"]'), { message: 'card in view' }).toBe(true);

    const photo = await control.upload(makePng(600, 900, [[200, 60, 60], [60, 160, 90], [40, 40, 160]]), 'parcel.png', 'image/png');
    await control.agentSend(conversation.id, {
      text: 'Here is a photo of your parcel',
      content: [{ contentType: 'Attachment', attachment: {
        id: photo.id, url: photo.url, mime: photo.mime, filename: photo.filename, mediaType: 'Image' } }],
    });
    const image = chat.messages('agent').last().locator('img[alt*="parcel.png"]');
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalHeight), { message: 'image loaded' }).toBe(900);
    await expect.poll(() => fullyInList(chat, '[part~="message"]'), { message: 'the image message is fully in view' }).toBe(true);
    expect(await chat.part('new-messages').count()).toBe(0);
  });

  test('a reader who scrolled up is not moved; a button brings them to the new message', async ({ chat, control, page }) => {
    await chat.open();
    await page.locator('genesys-chat').evaluate((el) => (el as HTMLElement).style.setProperty('--genesys-chat-height', '360px'));
    const conversation = await chat.conversationWithAgent();
    for (let i = 0; i < 12; i += 1) await control.agentSend(conversation.id, { text: `Earlier message ${i}` });
    await expect(chat.messages('agent')).toHaveCount(12);
    const list = chat.part('messages');
    await list.hover();
    await page.mouse.wheel(0, -2000);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
    await control.agentSend(conversation.id, { text: 'Something new below' });
    await expect(chat.part('new-messages')).toContainText('1 new message');
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    await chat.part('new-messages').click();
    await expect.poll(() => fullyInList(chat, '[part~="message"]')).toBe(true);
    await expect(chat.part('new-messages')).toHaveCount(0);
  });
});

test.describe('keyboard and screen readers', () => {
  test('the full-screen panel keeps focus and the page behind still; Escape closes and returns to the launcher', async ({ chat, page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await chat.open({ attributes: LAUNCHER, waitOnline: false });
    // A long page with links behind the widget.
    await page.evaluate(() => {
      for (let i = 0; i < 30; i += 1) {
        const p = document.createElement('p');
        const a = document.createElement('a');
        a.href = `#section-${i}`;
        a.textContent = `Page link ${i}`;
        p.append(a, document.createTextNode(' Lorem ipsum dolor sit amet.'));
        p.style.height = '80px';
        document.body.append(p);
      }
    });
    await chat.part('launcher').focus();
    await page.keyboard.press('Enter');
    await chat.waitForStatus('online');
    await expect(chat.part('input')).toBeFocused();
    await expect(chat.part('panel')).toHaveAttribute('aria-modal', 'true');

    for (let i = 0; i < 14; i += 1) {
      await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
      const inside = await page.evaluate(() => document.activeElement?.tagName === 'GENESYS-CHAT');
      expect(inside, `focus after Tab #${i + 1}`).toBe(true);
    }
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    await page.mouse.wheel(0, 1500);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    await page.keyboard.press('Escape');
    await expect(chat.part('panel')).toBeHidden();
    await expect(chat.part('launcher')).toBeFocused();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).not.toBe('hidden');
  });
});

for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 360], ['dark', 360]] as const) {
  test(`axe: no serious or critical violation in the open widget (${scheme}, ${width} px, default theme)`, async ({ chat, control, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 740 });
    await chat.open({ attributes: LAUNCHER, waitOnline: false });
    await chat.part('launcher').click();
    await chat.waitForStatus('online');
    await expect(chat.part('quick-reply').first()).toBeVisible();
    const conversation = await chat.conversation();
    await control.agentSend(conversation.id, {
      text: 'Here are **two** options:',
      content: [{ contentType: 'Card', card: { title: 'Express', description: 'Tomorrow', actions: [
        { type: 'Postback', text: 'Choose express', payload: 'express' }] } }],
    });
    await expect(chat.part('card')).toBeVisible();
    await chat.part('input').fill('x'.repeat(10));
    expect(await seriousViolations(page)).toEqual([]);
  });
}
