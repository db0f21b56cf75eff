// When the element connects: in its first update, with every property the page set, even before the element was
// defined (a one-script page whose code runs before the bundle loaded, a framework setting properties). Connecting
// earlier started the session without them, and the first update then reconnected (it killed a sign-in under way).
import { expect } from '@open-wc/testing';
import { FakeChat, TestChat, agent } from './fake-chat.js';
import type { ChatView } from '../../src/ui/chat-view.js';

class IdleChat extends TestChat {
  protected override createController(): ChatView {
    const fake = super.createController() as FakeChat;
    fake.status = 'idle';
    return fake;
  }
}

/** Online on a resumed session whose history is still loading. */
class ResumingChat extends TestChat {
  protected override createController(): ChatView {
    const fake = super.createController() as FakeChat;
    fake.historyLoading = true;
    return fake;
  }
}
customElements.define('resuming-genesys-chat', ResumingChat);

describe('<genesys-chat> start-up', () => {
  it('a resumed session paints with its newest messages: no empty transcript first, no wait for the older pages', async () => {
    const el = document.createElement('resuming-genesys-chat') as ResumingChat;
    el.setAttribute('mode', 'inline');
    document.body.append(el);
    await new Promise((resolve) => setTimeout(resolve, 50)); // online, well within the first render's wait
    expect(el.hasUpdated, 'nothing rendered before the history brought anything').to.equal(false);
    el.fake.set({ messages: [agent('Welcome back')] }); // the newest page; the older ones are on their way
    await new Promise((resolve) => setTimeout(resolve, 0)); // the update it asked for, long before the render's wait ends
    expect(el.hasUpdated, 'rendered with the newest messages').to.equal(true);
    expect(el.fake.historyLoading).to.equal(true);
    expect(el.byPart('messages')?.textContent ?? '').to.contain('Welcome back');
    el.remove();
  });

  it('a closed launcher does not wait for the history (it shows no transcript)', async () => {
    const el = document.createElement('resuming-genesys-chat') as ResumingChat;
    document.body.append(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.hasUpdated).to.equal(true);
    expect(el.byPart('launcher') !== null, 'the launcher is there').to.equal(true);
    el.remove();
  });

  it('a history slower than the first render\'s wait does not hold the shell back', async () => {
    const el = document.createElement('resuming-genesys-chat') as ResumingChat;
    el.setAttribute('mode', 'inline');
    document.body.append(el);
    await el.updateComplete; // the first render: after FIRST_RENDER_WAIT_MS at the latest
    expect(el.byPart('composer') !== null, 'the shell is there').to.equal(true);
    expect(el.fake.historyLoading).to.equal(true);
    el.remove();
  });

  it('connects once, with the properties the page set before the element was defined', async () => {
    const tag = 'pre-upgrade-genesys-chat';
    const el = document.createElement(tag) as IdleChat;
    el.setAttribute('mode', 'inline');
    el.setAttribute('deployment-id', 'dep-1');
    (el as unknown as { customAttributes: Record<string, string> }).customAttributes = { page: '/pricing' };
    document.body.append(el);
    customElements.define(tag, class extends IdleChat {});
    await el.updateComplete;
    expect(el.fake.calls.filter((c) => c === 'connect' || c === 'reconfigure')).to.deep.equal(['connect']);
    expect(el.customAttributes).to.deep.equal({ page: '/pricing' });
    el.customAttributes = { page: '/checkout' };
    await el.updateComplete;
    // A later change does reconfigure (the session must carry it).
    expect(el.fake.calls.filter((c) => c === 'connect' || c === 'reconfigure')).to.deep.equal(['connect', 'reconfigure']);
    el.remove();
  });

  it('renders once connected, in the page language', async () => {
    const el = document.createElement('idle-genesys-chat-de') as IdleChat;
    el.setAttribute('mode', 'inline');
    el.setAttribute('lang', 'de');
    document.body.append(el);
    customElements.define('idle-genesys-chat-de', class extends IdleChat {});
    await el.updateComplete;
    expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal('Senden');
    el.remove();
  });
});
