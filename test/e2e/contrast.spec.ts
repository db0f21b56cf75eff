/**
 * Readable colours for real (issue 8, item 3): the open widget in Chromium, light and dark, with the default theme and
 * two brand colours a site might set (a light yellow and a dark purple), checked by axe-core. No serious or critical
 * violation, colour contrast included. Screenshots of each state land in test-results/contrast/ to be looked at.
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = (require('axe-core') as { source: string }).source;

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }

/** axe-core on the widget (shadow DOM included); only serious and critical findings are returned. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the page's strict CSP (no inline script) does not apply to it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ include: [['genesys-chat']] }, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Sets (or clears) the page's brand colour the way a site's stylesheet would, and lets the widget re-read it. */
async function setBrand(page: Page, color: string | null): Promise<void> {
  await page.evaluate((value) => {
    if (value) document.documentElement.style.setProperty('--genesys-chat-primary-color', value);
    else document.documentElement.style.removeProperty('--genesys-chat-primary-color');
    const element = document.querySelector('genesys-chat') as HTMLElement & { refreshTheme(): void };
    element.refreshTheme();
  }, color);
}

// `deployment`: no page colour, so the demo deployment's own brand colour (#ff4f1f, from config.json) is used.
const BRANDS: [string, string | null][] = [['deployment', null], ['yellow', '#ffd400'], ['purple', '#3b0a5c']];

test('the open widget has no serious accessibility violation, light and dark, default and brand colours', async ({ chat, control, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await chat.open();
  const conversation = await chat.conversationWithAgent();
  await chat.send('Where is my order?');
  // Delivered before the agent answers: a guest message Genesys timed after the quick replies would answer them.
  await expect(chat.messages('guest').filter({ hasText: 'Where is my order?' })).toHaveAttribute('data-state', 'sent');
  await control.agentSend(conversation.id, { text: 'It **shipped** today. [Track it](https://track.example/1)' });
  await control.agentSend(conversation.id, {
    content: [{ contentType: 'Card', card: {
      title: 'Returns', description: 'Free for 30 days',
      actions: [{ type: 'Link', text: 'Start a return', url: 'https://shop.example/returns' }],
    } }],
  });
  await control.agentSend(conversation.id, {
    text: 'Anything else?',
    content: [
      { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes', action: 'Message' } },
      { contentType: 'QuickReply', quickReply: { text: 'No, thanks', payload: 'no', action: 'Message' } },
    ],
  });
  await expect(chat.part('quick-reply').first()).toBeVisible();
  await expect(chat.part('card')).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, color] of BRANDS) {
      await setBrand(page, color);
      const found = await seriousViolations(page);
      expect(found.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), `${scheme} / ${name}`).toEqual([]);
      await page.locator('genesys-chat').screenshot({ path: `test-results/contrast/${scheme}-${name}-1280.png` });
    }
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await setBrand(page, '#ffd400');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/contrast/dark-yellow-360.png' });
  expect(await chat.cspViolations()).toEqual([]);

  // The check can fail: without the derived colours (the brand colour used as is: white text on yellow), axe finds
  // the unreadable text. (Same scheme as above: a scheme change would make the widget derive its colours again.)
  await page.evaluate(() => {
    const root = document.querySelector('genesys-chat')?.shadowRoot;
    if (root) root.adoptedStyleSheets = root.adoptedStyleSheets.slice(0, 1);
  });
  const without = await seriousViolations(page);
  expect(without.map((v) => v.id)).toContain('color-contrast');
});

test('the default theme (a deployment with no brand colour) has no serious violation, light and dark', async ({ chat, control, page }) => {
  // The same deployment, its config.json without `messenger.styles`: the widget's own default colours apply.
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const body = await response.json() as { messenger?: { styles?: unknown } };
    if (body.messenger) delete body.messenger.styles;
    await route.fulfill({ response, json: body });
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await chat.open();
  const conversation = await chat.conversationWithAgent();
  await control.agentSend(conversation.id, {
    text: 'Pick one',
    content: [
      { contentType: 'QuickReply', quickReply: { text: 'Billing', payload: 'b', action: 'Message' } },
      { contentType: 'QuickReply', quickReply: { text: 'Delivery', payload: 'd', action: 'Message' } },
    ],
  });
  await expect(chat.part('quick-reply').first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => chat.part('header').evaluate((el) => getComputedStyle(el).backgroundColor))
      .toBe(scheme === 'light' ? 'rgb(31, 95, 191)' : 'rgb(47, 111, 214)');
    expect(await seriousViolations(page), scheme).toEqual([]);
    await page.locator('genesys-chat').screenshot({ path: `test-results/contrast/${scheme}-default-1280.png` });
  }
});
