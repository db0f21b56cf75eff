/**
 * What a visitor expects beyond chatting (issue 8, item 7), for real in Chromium against the emulator: files dropped
 * on the panel, the transcript saved as a file, the pre-chat form's answers reaching the conversation, and the widget
 * in French loaded as its own chunk under the page's strict CSP, and Markdown rendered once its chunk came.
 */
import { readFile } from 'node:fs/promises';
import type { AttachmentContent } from '../../src/protocol/web-messaging.js';
import { expect, test } from './fixtures.js';

const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a file dropped on the panel is uploaded and reaches the desk', async ({ chat, control, page }) => {
  await chat.open();
  const conversation = await chat.conversationWithAgent();
  await chat.part('attach-button').waitFor(); // the deployment allows attachments
  await page.locator('genesys-chat [part~="panel"]').evaluate((panel, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      panel.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    }
  }, [...PIXEL_PNG]);
  await expect(page.locator('genesys-chat .upload[data-done="true"]')).toHaveCount(1);
  // The overlay while dragging, for the eye (test-results/features/).
  await page.locator('genesys-chat [part~="panel"]').evaluate((panel) => {
    const data = new DataTransfer();
    data.items.add(new File(['x'], 'x.txt', { type: 'text/plain' }));
    panel.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
  });
  await expect(chat.part('drop-zone')).toBeVisible();
  await page.locator('genesys-chat').screenshot({ path: 'test-results/features/drop-zone-light.png' });
  await page.locator('genesys-chat [part~="panel"]').evaluate((panel) => {
    panel.dispatchEvent(new DragEvent('dragleave', { dataTransfer: new DataTransfer(), bubbles: true, composed: true }));
  });
  await chat.send('see the dropped file');
  await expect.poll(async () => {
    const sent = (await control.conversation(conversation.id)).messages
      .find((m) => m.direction === 'Inbound' && m.text === 'see the dropped file');
    return sent?.content?.find((c): c is AttachmentContent => c.contentType === 'Attachment')?.attachment.filename ?? null;
  }, { message: 'the desk should receive the dropped file' }).toBe('dropped.png');
});

test('the transcript downloads as a text file with both sides of the conversation', async ({ chat, control, page }) => {
  await chat.open();
  const conversation = await chat.conversationWithAgent();
  await chat.send('Is my parcel on its way?');
  await control.agentSend(conversation.id, { text: 'Yes, it **left** the warehouse.', agentName: 'Alex' });
  await expect(chat.messages('agent').filter({ hasText: 'left the warehouse' })).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), chat.part('download-button').click()]);
  expect(download.suggestedFilename()).toMatch(/^chat-transcript-\d{4}-\d{2}-\d{2}\.txt$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('You: Is my parcel on its way?');
  expect(text).toMatch(/Alex: Yes, it (\*\*)?left(\*\*)? the warehouse\./);
});

test('the pre-chat form comes first, and its answers travel as custom attributes', async ({ chat, control, page }) => {
  const fields = JSON.stringify([
    { name: 'firstName', label: 'First name', required: true, displayName: true },
    { name: 'email', label: 'Email', type: 'email', required: true },
  ]);
  await chat.open({ attributes: { 'prechat-fields': fields }, waitOnline: false });
  await expect(chat.part('prechat')).toBeVisible();
  const before = (await control.conversations()).length;
  await page.locator('genesys-chat #prechat-firstName').fill('Ana');
  await page.locator('genesys-chat #prechat-email').fill('ana@example');
  await chat.part('prechat-submit').click();
  await expect(page.locator('genesys-chat #prechat-email-error')).toHaveText('Enter a valid email address.');
  await expect(page.locator('genesys-chat #prechat-email')).toBeFocused();
  expect((await control.conversations()).length, 'no conversation before the form is sent').toBe(before);
  for (const [scheme, width] of [['light', 1280], ['dark', 360]] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `test-results/features/prechat-${scheme}-${width}.png` });
  }

  await page.locator('genesys-chat #prechat-email').fill('ana@example.com');
  await page.locator('genesys-chat #prechat-email').press('Enter');
  await chat.waitForStatus('online');
  await expect(chat.part('input')).toBeFocused();
  await chat.send('hello after the form');
  const conversation = await chat.conversation();
  await expect.poll(async () => (await control.conversation(conversation.id)).customAttributes)
    .toMatchObject({ firstName: 'Ana', email: 'ana@example.com' });
});

test('speaks French from the lang attribute, its strings loaded as a chunk under the strict CSP', async ({ chat }) => {
  await chat.open({ attributes: { lang: 'fr' } });
  await expect(chat.part('send-button')).toHaveAttribute('aria-label', 'Envoyer');
  await expect(chat.part('input')).toHaveAttribute('placeholder', 'Écrivez un message…');
  expect(await chat.cspViolations()).toEqual([]);
});

test('Markdown that comes before its renderer shows as plain words, then formatted; the rest of the transcript stays', async ({ chat, control, page }) => {
  // The Markdown chunk is held back until the agent's formatted answer is on screen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/markdown-core-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await chat.open();
  const conversation = await chat.conversationWithAgent();
  await control.agentSend(conversation.id, { text: 'Your order ships today.' });
  await control.agentSend(conversation.id, { text: 'It comes with **free returns** for 30 days.' });
  const plain = chat.messages('agent').filter({ hasText: 'Your order ships today.' });
  const formatted = chat.messages('agent').filter({ hasText: 'for 30 days' });
  await expect(formatted).toContainText('It comes with free returns for 30 days.'); // no asterisks while it waits
  await expect(formatted.locator('strong')).toHaveCount(0);
  await plain.evaluate((el) => { (el as HTMLElement & { marked?: boolean }).marked = true; });

  release();
  await expect(formatted.locator('strong')).toHaveText('free returns');
  await expect(formatted).not.toContainText('**');
  // The plain answer's row is the same element, with the same words.
  expect(await plain.evaluate((el) => (el as HTMLElement & { marked?: boolean }).marked)).toBe(true);
  await expect(plain).toContainText('Your order ships today.');
});
