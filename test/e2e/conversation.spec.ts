/**
 * A guest's conversation end to end: the bot greets and offers a menu, a person at the desk answers, a reload keeps
 * everything, files travel both ways, and an ended conversation gives way to a new one.
 */
import { DEPLOYMENT_ID, test, expect } from './fixtures.js';
import type { AttachmentContent } from '../../src/protocol/web-messaging.js';

/** A 1×1 PNG, so the upload is a real image. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('the bot greets on its own and a quick reply is answered with a click', async ({ chat }) => {
  await chat.open();
  // Autostart: the bot speaks first, with its menu as quick replies.
  await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
  const replies = chat.part('quick-reply');
  await expect(replies).toHaveCount(3);
  await replies.filter({ hasText: 'Billing question' }).click();

  // The answer shows as the guest's own message, and the bot follows the branch it chose.
  await expect(chat.messages('guest').filter({ hasText: 'Billing question' })).toHaveCount(1);
  await expect(chat.messages('bot').filter({ hasText: 'billing team' })).toHaveCount(1);
  const conversation = await chat.conversation();
  const inbound = conversation.messages.filter((m) => m.direction === 'Inbound');
  expect(inbound.some((m) => m.content?.some((c) => c.contentType === 'ButtonResponse'))).toBe(true);
  // Answered menus are not offered again.
  await expect(replies).toHaveCount(0);
  expect(await chat.cspViolations()).toEqual([]);
});

test('a person at the desk and the guest talk, with the typing indicator', async ({ chat, control }) => {
  await chat.open();
  await chat.send('Hello, is anyone there?');
  await expect(chat.messages('guest').filter({ hasText: 'Hello, is anyone there?' }))
    .toHaveAttribute('data-state', 'sent');

  const conversation = await chat.conversationWithAgent();
  expect(conversation.messages.some((m) => m.direction === 'Inbound' && m.text === 'Hello, is anyone there?'))
    .toBe(true);
  await control.agentTyping(conversation.id);
  await expect(chat.part('typing')).toBeVisible();
  await control.agentSend(conversation.id, { text: 'Hi, Alex here. How can I help?' });
  await expect(chat.messages('agent').filter({ hasText: 'Alex here' })).toHaveCount(1);
  // The agent's message ends the typing indicator.
  await expect(chat.part('typing')).toBeHidden();

  await chat.send('My order has not arrived.');
  await expect.poll(async () => (await control.conversation(conversation.id)).messages
    .filter((m) => m.direction === 'Inbound' && m.text === 'My order has not arrived.').length).toBe(1);
  await chat.expectEachOnceInOrder(['Hello, is anyone there?', 'Alex here', 'My order has not arrived.']);
});

test('a reload keeps the session and shows the whole history once', async ({ chat, control, page }) => {
  await chat.open();
  await chat.send('first from guest');
  const conversation = await chat.conversationWithAgent();
  await control.agentSend(conversation.id, { text: 'first from agent' });
  await chat.send('second from guest');
  await chat.expectEachOnceInOrder(['first from guest', 'first from agent', 'second from guest']);
  await expect(chat.messages('guest').filter({ hasText: 'second from guest' })).toHaveAttribute('data-state', 'sent');
  const storedBefore = await chat.storedSession();

  await page.reload();
  await chat.waitForStatus('online');
  expect(await chat.storedSession()).toBe(storedBefore);
  await chat.expectEachOnceInOrder(['What can I help you with?', 'first from guest', 'first from agent',
    'second from guest']);
  // A screen reader is not read the history again; the next new message it is.
  const live = page.locator('genesys-chat [aria-live="polite"][aria-relevant="additions"]');
  await expect(live).toHaveText('');
  // Still the same conversation at the desk: the agent's next line arrives on the reloaded page.
  expect((await chat.conversation()).id).toBe(conversation.id);
  await control.agentSend(conversation.id, { text: 'after the reload' });
  await chat.expectEachOnceInOrder(['second from guest', 'after the reload']);
  await expect(live).toContainText('after the reload');
  await expect(live).not.toContainText('first from agent');
});

test('a reload asks for the history with the JWT the last page kept; one the server refuses is replaced', async ({ chat, page }) => {
  await chat.open();
  await chat.send('before the reload');
  await expect(chat.messages('guest').filter({ hasText: 'before the reload' })).toHaveAttribute('data-state', 'sent');
  // A new session asks for a JWT on its own and keeps it for the next page load.
  const key = `genesys-chat:${DEPLOYMENT_ID}:token:jwt`;
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), key)).not.toBeNull();
  const actions: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => {
    try {
      actions.push(String((JSON.parse(String(payload)) as { action?: unknown }).action));
    } catch {
      // not JSON: not a request
    }
  }));

  // What the reloaded page asks for first: the history (with the kept JWT) or the session (on the socket).
  await page.addInitScript(() => {
    const order: string[] = [];
    Object.assign(window, { requestOrder: order });
    const pageFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/api/v2/webmessaging/messages')) order.push('history');
      return pageFetch(input, init);
    };
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data) {
      if (typeof data === 'string' && data.includes('"configureSession"')) order.push('configureSession');
      send.call(this, data);
    };
  });

  await page.reload();
  await chat.waitForStatus('online');
  await chat.expectEachOnceInOrder(['What can I help you with?', 'before the reload']);
  expect(actions).toContain('configureSession');
  expect(actions).not.toContain('getJwt');
  // The history went out while the socket opened, before the session was configured again.
  const order = await page.evaluate(() => (window as unknown as { requestOrder: string[] }).requestOrder);
  expect(order.slice(0, 2)).toEqual(['history', 'configureSession']);

  // A kept JWT the server no longer takes (its signature spoiled, its tag and expiry intact): a fresh one replaces it.
  await page.evaluate((k) => {
    const kept = JSON.parse(localStorage.getItem(k) ?? '{}') as { jwt: string };
    localStorage.setItem(k, JSON.stringify({ ...kept, jwt: `${kept.jwt.slice(0, -6)}AAAAAA` }));
  }, key);
  actions.length = 0;
  await page.reload();
  await chat.waitForStatus('online');
  await chat.expectEachOnceInOrder(['What can I help you with?', 'before the reload']);
  expect(actions).toContain('getJwt');
  const replaced = await page.evaluate((k) => localStorage.getItem(k), key);
  expect(replaced).not.toContain('AAAAAA');
});

test('an image goes from the file picker to the desk, and an agent file reaches the guest', async ({ chat, control }) => {
  await chat.open();
  const conversation = await chat.conversationWithAgent();
  await chat.part('attach-button').waitFor();
  // The picker is an <input type=file> in the shadow root; the attach button opens it.
  await chat.page.locator('genesys-chat input[type="file"]').setInputFiles({
    name: 'receipt.png', mimeType: 'image/png', buffer: PIXEL_PNG,
  });
  await chat.send('here is my receipt');

  await expect.poll(async () => {
    const messages = (await control.conversation(conversation.id)).messages;
    const sent = messages.find((m) => m.direction === 'Inbound' && m.text === 'here is my receipt');
    const attachment = sent?.content?.find((c): c is AttachmentContent => c.contentType === 'Attachment');
    return attachment?.attachment.filename ?? null;
  }, { message: 'the desk should receive the attachment' }).toBe('receipt.png');
  const guestBubble = chat.messages('guest').filter({ hasText: 'here is my receipt' });
  await expect(guestBubble.locator('[part~="attachment"]')).toHaveCount(1);

  const uploaded = await control.upload(PIXEL_PNG, 'label.png', 'image/png');
  await control.agentSend(conversation.id, {
    text: 'your return label',
    content: [{ contentType: 'Attachment', attachment: {
      id: uploaded.id, url: uploaded.url, mime: uploaded.mime, filename: uploaded.filename, mediaType: 'Image' } }],
  });
  const agentBubble = chat.messages('agent').filter({ hasText: 'your return label' });
  // An image is previewed, and it really loads from the emulator.
  const preview = agentBubble.locator('[part~="attachment"] img, img[part~="attachment"]').first();
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
});

test('after the agent ends the chat it is read-only until a new conversation starts', async ({ chat, control }) => {
  await chat.open();
  await chat.send('thanks, that is all');
  const first = await chat.conversationWithAgent();
  await control.agentSend(first.id, { text: 'glad to help, bye' });
  await control.disconnect(first.id);

  await chat.waitForStatus('ended');
  // Read-only: however the UI shows it (disabled, read-only or no composer), the guest cannot write.
  await expect.poll(() => chat.canWrite(), { message: 'the composer should be closed' }).toBe(false);
  await expect(chat.messages('guest').filter({ hasText: 'thanks, that is all' })).toHaveCount(1);
  await chat.part('new-conversation-button').click();

  await chat.waitForStatus('online');
  await expect.poll(() => chat.canWrite()).toBe(true);
  await chat.send('one more question');
  await expect.poll(async () => {
    const mine = (await control.conversations()).filter((c) =>
      c.messages.some((m) => m.direction === 'Inbound' && m.text === 'one more question'));
    return mine.map((c) => c.id !== first.id);
  }, { message: 'the new message should open a new conversation' }).toEqual([true]);
  // The old conversation stays closed.
  expect((await control.conversation(first.id)).state).toBe('ended');
});

test('the one-script bundle works from a plain script tag (it loads dist/cdn/ next to itself)', async ({ chat }) => {
  const fetched: string[] = [];
  chat.page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await chat.open({ bundle: 'iife' });
  await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
  expect(fetched).toContain('/dist/cdn/genesys-chat.js');
  // The entry's own imports (Lit, the shared core) are preloaded beside it, and every file is fetched once (a
  // preload the import could not reuse would be fetched twice).
  const preloaded = await chat.page.evaluate(() => Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]'),
    (link) => new URL(link.href).pathname));
  expect(preloaded).toEqual(expect.arrayContaining([expect.stringMatching(/^\/dist\/cdn\/lit-[\w-]+\.js$/),
    expect.stringMatching(/^\/dist\/core-[\w-]+\.js$/)]));
  const scripts = fetched.filter((path) => path.endsWith('.js'));
  expect(scripts).toEqual([...new Set(scripts)]);
  // The global `GenesysChat` (as the old single-file bundle had) is there once loaded: the module's exports.
  expect(await chat.page.evaluate(() => typeof (window as unknown as { GenesysChat?: { GenesysChat?: unknown } })
    .GenesysChat?.GenesysChat)).toBe('function');
});

test('the one-script bundle says which file it could not load', async ({ chat }) => {
  const errors: string[] = [];
  chat.page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await chat.page.route('**/dist/cdn/genesys-chat.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await chat.open({ bundle: 'iife', waitOnline: false });
  await expect.poll(() => errors.join('\n')).toMatch(/\[genesys-chat\] could not load http:\/\/127\.0\.0\.1:\d+\/dist\/cdn\/genesys-chat\.js/);
  expect(await chat.page.evaluate(() => customElements.get('genesys-chat'))).toBeUndefined();
});
