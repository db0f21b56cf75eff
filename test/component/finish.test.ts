/**
 * Issue 8, items 4 to 6 at component level: keyboard and screen readers, mobile sizes, and the look and feel that
 * a Messenger-grade widget owes its visitors (header slots, launcher slots and side, quiet status, bot vs agent,
 * "Sent" once, end confirmation, said-once notices, RTL, open state across reloads).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { agent, bot, guest, type TestChat } from './fake-chat.js';
import './fake-chat.js';
import { styles } from '../../src/styles.js';

async function inline(): Promise<TestChat> {
  return fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
}

const px = (el: Element | null | undefined, property: string): number =>
  el ? parseFloat(getComputedStyle(el).getPropertyValue(property)) : NaN;

describe('<genesys-chat> keyboard and screen readers', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('gives the transcript role="log" and no second banner landmark', async () => {
    const el = await inline();
    expect(el.byPart('messages')?.getAttribute('role')).to.equal('log');
    expect(el.root.querySelector('header, [role="banner"]')).to.equal(null);
    expect(el.byPart('header')?.tagName).to.equal('DIV');
  });

  it('reads new messages as plain text, not raw Markdown', async () => {
    const el = await inline();
    el.fake.set({ features: { ...el.fake.features, markdown: true } });
    await el.updateComplete;
    el.fake.set({ messages: [agent('**Alex** here, see [the guide](https://example.com/guide) and `code`', { sender: { name: 'Alex' } })] });
    await el.updateComplete;
    const live = el.root.querySelector('[aria-live="polite"]')?.textContent ?? '';
    expect(live).to.contain('Alex: Alex here, see the guide and code');
    expect(live).to.not.contain('**');
    expect(live).to.not.contain('](');
  });

  it('names a card-only message by its card when reading it out', async () => {
    const el = await inline();
    el.fake.set({ messages: [bot('', { content: [{ contentType: 'Card', card: { title: 'Express delivery' } }] })] });
    await el.updateComplete;
    expect(el.root.querySelector('[aria-live="polite"]')?.textContent).to.contain('Helper Bot: Express delivery');
  });

  it('closes with Escape from the launcher itself, keeping focus there', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat lang="en"></test-genesys-chat>`);
    el.open();
    await el.updateComplete;
    el.byPart('launcher')?.focus();
    const closed = oneEvent(el, 'genesys-chat:close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await el.updateComplete;
    expect(el.isOpen).to.equal(false);
    expect(el.root.activeElement).to.equal(el.byPart('launcher'));
  });

  it('traps Tab inside the full-screen panel on a narrow screen and locks the page scroll', async () => {
    await setViewport({ width: 360, height: 700 });
    const el = await fixture<TestChat>(html`<test-genesys-chat lang="en"></test-genesys-chat>`);
    el.fake.set({ messages: [agent('hello')] });
    el.open();
    await el.updateComplete;
    expect(el.byPart('panel')?.getAttribute('aria-modal')).to.equal('true');
    expect(document.documentElement.style.overflow).to.equal('hidden');
    el.byPart('send-button')?.removeAttribute('disabled');
    el.byPart('send-button')?.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.root.activeElement === el.byPart('download-button'), 'wrapped to the first control (download)').to.equal(true);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.root.activeElement).to.equal(el.byPart('send-button'));
    el.close();
    await el.updateComplete;
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('is not modal beside the page on a wide screen', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat lang="en"></test-genesys-chat>`);
    el.open();
    await el.updateComplete;
    expect(el.byPart('panel')?.hasAttribute('aria-modal')).to.equal(false);
    expect(document.documentElement.style.overflow).to.equal('');
  });
});

describe('<genesys-chat> on phones', () => {
  it('uses a 16 px text field, 44 px touch targets and 12 px+ small text', async () => {
    const el = await inline();
    el.fake.set({
      messages: [
        guest('hi'),
        bot('Pick one', { content: [{ contentType: 'QuickReply', quickReply: { text: 'Billing', payload: 'b' } }] }),
        agent('', { content: [{ contentType: 'Card', card: { title: 'Card', actions: [{ type: 'Postback', text: 'Go', payload: 'go' }] } }] }),
      ],
    });
    await el.updateComplete;
    expect(px(el.byPart('input'), 'font-size')).to.be.at.least(16);
    for (const selector of ['[part~="quick-reply"]', '.card__action', '[part~="send-button"]', '[part~="input"]']) {
      const rect = el.root.querySelector(selector)?.getBoundingClientRect();
      expect(rect?.height, selector).to.be.at.least(44);
    }
    expect(el.byPart('send-button')?.getBoundingClientRect().width).to.be.at.least(44);
    for (const selector of ['.meta', '.meta__time', '.day-separator']) {
      expect(px(el.root.querySelector(selector), 'font-size'), selector).to.be.at.least(12);
    }
  });

  it('keeps clear of notches and home indicators (safe-area insets)', () => {
    const css = styles.cssText;
    for (const inset of ['safe-area-inset-bottom', 'safe-area-inset-top', 'safe-area-inset-left', 'safe-area-inset-right']) {
      expect(css, inset).to.contain(`env(${inset}`);
    }
  });
});

describe('<genesys-chat> look and feel', () => {
  it('fills the header from slots: title, subtitle, logo and avatars', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en">
      <span slot="title">Northwind support</span>
      <span slot="subtitle">We reply in a few minutes</span>
      <img slot="logo" alt="Northwind" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <span slot="avatars">AB</span>
    </test-genesys-chat>`);
    await el.updateComplete;
    const title = el.root.querySelector<HTMLSlotElement>('slot[name="title"]');
    expect(title?.assignedNodes().map((n) => n.textContent)).to.deep.equal(['Northwind support']);
    expect(el.byPart('subtitle')?.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(el.byPart('avatars')?.getBoundingClientRect().width).to.be.greaterThan(0);
    const bare = await inline();
    expect(bare.byPart('title')?.textContent?.trim()).to.equal('Chat with us');
    expect(bare.byPart('subtitle')?.getBoundingClientRect().height).to.equal(0);
  });

  it('takes a launcher icon and label from slots and sits on the left with position="left"', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat lang="en" position="left">
      <span slot="launcher-label">Questions?</span>
    </test-genesys-chat>`);
    await el.updateComplete;
    const launcher = el.byPart('launcher');
    expect(launcher?.hasAttribute('aria-label')).to.equal(false); // named by its visible label
    const rect = launcher?.getBoundingClientRect();
    expect(rect?.left).to.be.lessThan(window.innerWidth / 2);
    expect(rect?.width).to.be.greaterThan(rect?.height ?? 0); // a pill with the label
    const right = await fixture<TestChat>(html`<test-genesys-chat lang="en"></test-genesys-chat>`);
    expect(right.byPart('launcher')?.getBoundingClientRect().left).to.be.greaterThan(window.innerWidth / 2);
  });

  it('shows "Sent" under the guest\'s last message only', async () => {
    const el = await inline();
    el.fake.set({ messages: [guest('one'), agent('reply'), guest('two'), guest('three')] });
    await el.updateComplete;
    const delivered = el.allByPart('message').filter((row) => row.textContent?.includes('Sent'));
    expect(delivered.map((row) => row.dataset.id)).to.deep.equal([el.fake.messages[3]?.id]);
  });

  /** An open panel with a conversation, and the End button pressed once. */
  async function askedToEnd(): Promise<TestChat> {
    const el = await fixture<TestChat>(html`<test-genesys-chat lang="en"></test-genesys-chat>`);
    el.fake.set({ messages: [agent('hello')] });
    el.open();
    await el.updateComplete;
    el.byPart('end-button')?.click();
    await el.updateComplete;
    return el;
  }

  it('asks before ending the conversation; Escape or Cancel keeps it going', async () => {
    const el = await askedToEnd();
    expect(el.fake.calls).to.not.include('endConversation');
    expect(el.byPart('end-confirm')?.textContent).to.contain('End this conversation?');
    await el.updateComplete;
    expect(el.root.activeElement).to.equal(el.byPart('end-cancel-button'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.byPart('end-confirm')).to.equal(null);
    expect(el.isOpen).to.equal(true); // Escape closed the question, not the panel
    expect(el.root.activeElement).to.equal(el.byPart('end-button')); // focus back where the question came from
    el.byPart('end-button')?.click();
    await el.updateComplete;
    el.byPart('end-confirm-button')?.click();
    expect(el.fake.calls).to.include('endConversation');
  });

  it('takes the question back when the conversation ended meanwhile (nothing left to end)', async () => {
    const el = await askedToEnd();
    expect(el.byPart('end-confirm')).to.not.equal(null);
    el.fake.set({ readOnly: true }); // the agent ended it
    await el.updateComplete;
    expect(el.byPart('end-confirm')).to.equal(null);
    expect(el.byPart('end-button')).to.equal(null);
  });

  it('says "offline" once', async () => {
    const el = await inline();
    el.fake.set({ status: 'offline', lastError: { code: 'offline', message: 'x', fatal: false } });
    await el.updateComplete;
    const text = el.byPart('panel')?.textContent ?? '';
    expect(text.match(/offline/gi)?.length).to.equal(1);
  });

  it('keeps the panel open across a reload of the page (same tab)', async () => {
    sessionStorage.clear();
    const first = await fixture<TestChat>(html`<test-genesys-chat lang="en" deployment-id="reload-test"></test-genesys-chat>`);
    first.open();
    await first.updateComplete;
    first.remove();
    const second = await fixture<TestChat>(html`<test-genesys-chat lang="en" deployment-id="reload-test"></test-genesys-chat>`);
    await second.updateComplete;
    expect(second.isOpen).to.equal(true);
    second.close();
    await second.updateComplete;
    second.remove();
    const third = await fixture<TestChat>(html`<test-genesys-chat lang="en" deployment-id="reload-test"></test-genesys-chat>`);
    expect(third.isOpen).to.equal(false);
  });

  it('counts messages that came while the visitor was away as unread', async () => {
    localStorage.removeItem('genesys-chat:away-test:read');
    const first = await fixture<TestChat>(html`<test-genesys-chat lang="en" deployment-id="away-test"></test-genesys-chat>`);
    first.open();
    await first.updateComplete;
    first.close();
    await first.updateComplete;
    first.remove();
    // A reply came after the visitor left and before the next page view: older than that page, newer than the mark.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reply = agent('while you were away', { time: new Date(Date.now() - 5).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await fixture<TestChat>(html`<test-genesys-chat lang="en" deployment-id="away-test"></test-genesys-chat>`);
    second.fake.set({ messages: [reply] });
    await second.updateComplete;
    expect(second.byPart('badge')?.textContent).to.equal('1');
  });
});
