/**
 * Hostile or oversized content: an agent message made of HTML and script shows as text and runs nothing; a message
 * over the limit stays with the guest, explained, and never leaves the browser.
 */
import { test, expect } from './fixtures.js';

const HOSTILE = '<img src=x onerror="window.__pwned=\'img\'"><script>window.__pwned=\'script\'</script>'
  + '<b>bold?</b> [link](javascript:window.__pwned=\'link\')';

test.describe('hostile agent content', () => {
  // Without CSP on the page, so that only the widget's own rendering stands between the payload and the page.
  test.use({ strictCsp: false });

  test('an agent message of HTML and script shows as text and runs nothing', async ({ chat, control }) => {
    await chat.open();
    await chat.send('hi');
    const conversation = await chat.conversationWithAgent();
    await control.agentSend(conversation.id, { text: HOSTILE });

    const bubble = chat.messages('agent').last();
    await expect(bubble).toContainText('<script>');
    await expect(bubble).toContainText('<img src=x onerror=');
    // Whatever became of the markdown link, it cannot run script.
    for (const href of await bubble.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      expect(href ?? '').not.toMatch(/^\s*javascript:/i);
    }
    const found = await chat.page.locator('genesys-chat').evaluate((host) => {
      const elements: Element[] = [];
      const walk = (root: ParentNode) => {
        for (const el of root.querySelectorAll('*')) {
          elements.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      if (host.shadowRoot) walk(host.shadowRoot);
      return {
        scripts: elements.filter((el) => el.tagName === 'SCRIPT').length,
        handlers: elements.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        brokenImages: elements.filter((el) => el.tagName === 'IMG' && el.getAttribute('src') === 'x').length,
        bold: elements.filter((el) => el.tagName === 'B').length,
      };
    });
    expect(found).toEqual({ scripts: 0, handlers: 0, brokenImages: 0, bold: 0 });
    expect(await chat.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  });
});

test('an oversized message stays in the composer with an error and is not sent', async ({ chat, control }) => {
  await chat.open();
  await chat.send('short one first');
  const conversation = await chat.conversation();
  // The emulator's and the widget's default limit is 4,000 characters.
  const long = `too long ${'x'.repeat(4_100)}`;
  await chat.part('input').fill(long);
  await chat.part('input').press('Enter');

  await expect(chat.part('composer-error')).toBeVisible();
  await expect(chat.part('input')).toHaveValue(long);
  await expect(chat.messages('guest').filter({ hasText: 'too long' })).toHaveCount(0);
  // Shortening it makes it sendable: the text was never lost.
  await chat.part('input').fill('too long no more');
  await chat.part('input').press('Enter');
  await expect(chat.messages('guest').filter({ hasText: 'too long no more' })).toHaveAttribute('data-state', 'sent');
  const inbound = (await control.conversation(conversation.id)).messages.filter((m) => m.direction === 'Inbound');
  expect(inbound.some((m) => (m.text ?? '').length > 4_000)).toBe(false);
});
