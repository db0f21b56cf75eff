/**
 * In real Chromium: no remote URL reaches an href or src without passing safeUrl (issue 14, item 1). Every anchor
 * and image in the rendered transcript is checked, not just the one the test expects.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { agent, bot, type TestChat } from './fake-chat.js';
import './fake-chat.js';
import type { ChatMessage } from '../../src/model.js';

const UNSAFE = ['javascript:window.__pwned=1', ' JaVaScRiPt:window.__pwned=1', 'data:text/html,<script>1</script>', 'vbscript:x', '/relative'];

async function inline(): Promise<TestChat> {
  return fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
}

/** Every URL the shadow DOM would follow or load. */
function urls(el: TestChat): string[] {
  const hrefs = Array.from(el.root.querySelectorAll('[href]')).map((a) => a.getAttribute('href') ?? '');
  const srcs = Array.from(el.root.querySelectorAll('[src]')).map((i) => i.getAttribute('src') ?? '');
  return [...hrefs, ...srcs];
}

describe('<genesys-chat>: unsafe URLs never reach href or src', () => {
  it("a card's defaultAction with an unsafe URL leaves the title as plain text", async () => {
    const el = await inline();
    el.fake.set({
      messages: UNSAFE.map((url, i) => bot('', { content: [{ contentType: 'Card', card: { title: `Card ${i}`, defaultAction: { type: 'Link', url } } }] } as Partial<ChatMessage>)),
    });
    await el.updateComplete;
    expect(el.allByPart('card').length).to.equal(UNSAFE.length);
    expect(urls(el)).to.deep.equal([]);
    expect(el.allByPart('card').map((c) => c.querySelector('.card__title')?.textContent)).to.deep.equal(UNSAFE.map((_, i) => `Card ${i}`));
  });

  it("a card's defaultAction with an https URL makes the title a safe link", async () => {
    const el = await inline();
    el.fake.set({ messages: [bot('', { content: [{ contentType: 'Card', card: { title: 'Tent', defaultAction: { type: 'Link', url: 'https://shop.example/tent' } } }] } as Partial<ChatMessage>)] });
    await el.updateComplete;
    const link = el.byPart('card')?.querySelector<HTMLAnchorElement>('.card__title a');
    expect(link?.getAttribute('href')).to.equal('https://shop.example/tent');
    expect(link?.rel).to.equal('noopener noreferrer');
  });

  it('an agent avatar with an unsafe URL shows initials instead', async () => {
    const el = await inline();
    el.fake.set({ messages: UNSAFE.map((avatarUrl) => agent('hello', { sender: { name: 'Eve Evil', avatarUrl } })) });
    await el.updateComplete;
    expect(urls(el)).to.deep.equal([]);
    const initials = el.allByPart('message').map((m) => m.querySelector('.avatar__initials')?.textContent);
    expect(initials.filter((t) => t === 'EE').length).to.be.greaterThan(0);
    expect((window as { __pwned?: number }).__pwned === undefined, 'nothing ran').to.equal(true);
  });
});
