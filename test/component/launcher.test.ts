import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agent, bot, guest, system, type TestChat } from './fake-chat.js';
import './fake-chat.js';

async function launcher(): Promise<TestChat> {
  return fixture<TestChat>(html`<test-genesys-chat lang="en"></test-genesys-chat>`);
}

describe('<genesys-chat> launcher mode', () => {
  it('starts closed with a launcher button', async () => {
    const el = await launcher();
    expect(el.mode).to.equal('launcher');
    expect(el.hasAttribute('open')).to.equal(false);
    expect(el.byPart('panel')?.hidden).to.equal(true);
    const button = el.byPart('launcher');
    expect(button?.getAttribute('aria-expanded')).to.equal('false');
    expect(button?.getAttribute('aria-label')).to.equal('Open chat');
  });

  it('opens from the launcher, fires open, focuses the composer; Escape closes and refocuses the launcher', async () => {
    const el = await launcher();
    const opened = oneEvent(el, 'genesys-chat:open');
    el.byPart('launcher')?.click();
    expect((await opened).detail).to.deep.equal({ mode: 'launcher' });
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(el.byPart('panel')?.hidden).to.equal(false);
    expect(el.byPart('launcher')?.getAttribute('aria-expanded')).to.equal('true');
    expect(el.root.activeElement).to.equal(el.byPart('input'));

    const closed = oneEvent(el, 'genesys-chat:close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
    expect(el.byPart('panel')?.hidden).to.equal(true);
    expect(el.root.activeElement).to.equal(el.byPart('launcher'));
  });

  it('open() / close() and the open attribute drive the panel', async () => {
    const el = await launcher();
    el.open();
    await el.updateComplete;
    expect(el.byPart('panel')?.hidden).to.equal(false);
    el.byPart('close-button')?.click();
    await el.updateComplete;
    expect(el.byPart('panel')?.hidden).to.equal(true);
    el.setAttribute('open', '');
    await el.updateComplete;
    expect(el.byPart('panel')?.hidden).to.equal(false);
    el.close();
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('counts unread agent and bot messages on the badge while closed, and clears it on open', async () => {
    const el = await launcher();
    expect(el.byPart('badge') === null, 'no badge part').to.equal(true);
    el.fake.set({ messages: [guest('hi'), agent('one'), system('', { presence: 'join' }), bot('two')] });
    await el.updateComplete;
    expect(el.byPart('badge')?.textContent).to.equal('2');
    expect(el.byPart('launcher')?.getAttribute('aria-label')).to.equal('Open chat (2 unread)');
    el.open();
    await el.updateComplete;
    expect(el.byPart('badge') === null, 'no badge part').to.equal(true);
    el.close();
    await el.updateComplete;
    expect(el.byPart('badge') === null, 'no badge part').to.equal(true); // already read
    el.fake.set({ messages: [...el.fake.messages, agent('three', { time: new Date(Date.now() + 3_600_000).toISOString() })] });
    await el.updateComplete;
    expect(el.byPart('badge')?.textContent).to.equal('1');
  });

  it('inline mode has no launcher and Escape does not hide it', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    expect(el.byPart('launcher') === null, 'no launcher part').to.equal(true);
    expect(el.byPart('close-button') === null, 'no close-button part').to.equal(true);
    el.byPart('input')?.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.byPart('panel')?.hidden).to.equal(false);
  });
});
