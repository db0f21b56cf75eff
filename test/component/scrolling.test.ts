import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agent, type TestChat } from './fake-chat.js';
import './fake-chat.js';
import { BLOCK, FIRST_PAINT, RENDER_PAGE } from '../../src/ui/render-window.js';

async function tall(): Promise<TestChat> {
  const el = document.createElement('test-genesys-chat') as TestChat;
  el.mode = 'inline';
  el.lang = 'en';
  el.style.setProperty('--genesys-chat-height', '400px');
  // As the real controller does on a resumed session: connecting, history, then online.
  el.fake.status = 'connecting';
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  el.fake.set({ messages: Array.from({ length: 40 }, (_, i) => agent(`message ${i}`)) });
  await el.updateComplete;
  el.fake.set({ status: 'online' });
  await el.updateComplete;
  return el;
}

function list(el: TestChat): HTMLElement {
  const messages = el.byPart('messages');
  if (!messages) throw new Error('no list');
  return messages;
}

const atBottom = (l: HTMLElement): boolean => l.scrollHeight - l.scrollTop - l.clientHeight <= 32;

describe('<genesys-chat> message list', () => {
  it('stays at the bottom as messages arrive', async () => {
    const el = await tall();
    expect(list(el).scrollHeight).to.be.greaterThan(list(el).clientHeight);
    expect(atBottom(list(el))).to.equal(true);
    el.fake.set({ messages: [...el.fake.messages, agent('newest')] });
    await el.updateComplete;
    expect(atBottom(list(el))).to.equal(true);
    expect(el.byPart('new-messages') === null, 'no new-messages part').to.equal(true);
  });

  it('does not jump while the reader scrolled up; shows a new-messages button instead', async () => {
    const el = await tall();
    list(el).scrollTop = 0;
    list(el).dispatchEvent(new Event('scroll'));
    el.fake.set({ messages: [...el.fake.messages, agent('a'), agent('b')] });
    await el.updateComplete;
    expect(list(el).scrollTop).to.equal(0);
    expect(el.byPart('new-messages')?.textContent).to.contain('2 new messages');
    el.byPart('new-messages')?.click();
    await waitUntil(() => !el.byPart('new-messages'), 'marker gone');
    expect(atBottom(list(el))).to.equal(true);
  });

  it('stops following the moment the reader turns the wheel up or presses PageUp, before any scroll event', async () => {
    for (const gesture of [new WheelEvent('wheel', { deltaY: -120, bubbles: true }),
      new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true })]) {
      const el = await tall();
      const l = list(el);
      const top = l.scrollTop;
      expect(top).to.be.greaterThan(0);
      l.dispatchEvent(gesture); // no scroll event follows: only the gesture says the reader is leaving the bottom
      el.fake.set({ messages: [...el.fake.messages, agent(`after ${gesture.type}`)] });
      await el.updateComplete;
      expect(l.scrollTop, gesture.type).to.equal(top);
      expect(el.byPart('new-messages')?.textContent, gesture.type).to.contain('1 new message');
    }
  });

  it('keeps following after a wheel turn down', async () => {
    const el = await tall();
    list(el).dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true }));
    el.fake.set({ messages: [...el.fake.messages, agent('newest')] });
    await el.updateComplete;
    expect(atBottom(list(el))).to.equal(true);
  });

  it('stays pinned when a row grows after it was rendered (an image loading, a placeholder replaced)', async () => {
    const el = await tall();
    el.fake.set({ messages: [...el.fake.messages, agent('picture below')] });
    await el.updateComplete;
    expect(atBottom(list(el))).to.equal(true);
    // The newest bubble grows by 300 px after the render, as an image does when it loads.
    const rows = el.allByPart('message');
    const bubble = rows[rows.length - 1]?.querySelector<HTMLElement>('[part~="bubble"]');
    if (!bubble) throw new Error('no bubble');
    bubble.style.height = '340px';
    await waitUntil(() => atBottom(list(el)), 'pinned again after the growth');
    const box = list(el).getBoundingClientRect();
    expect(bubble.getBoundingClientRect().bottom).to.be.at.most(box.bottom + 1);
  });

  it('leaves a reader who scrolled up where they are when a row grows', async () => {
    const el = await tall();
    list(el).scrollTop = 100;
    list(el).dispatchEvent(new Event('scroll'));
    const rows = el.allByPart('message');
    rows[rows.length - 1]?.querySelector<HTMLElement>('[part~="bubble"]')?.style.setProperty('height', '300px');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(list(el).scrollTop).to.equal(100);
  });

  it('announces new agent messages in a polite live region once online', async () => {
    const el = await tall();
    const live = el.root.querySelector('[aria-live="polite"]');
    expect(live?.textContent?.trim()).to.equal(''); // history is not read out
    el.fake.set({ messages: [...el.fake.messages, agent('Your order shipped', { sender: { name: 'Anna' } })] });
    await el.updateComplete;
    expect(live?.textContent).to.contain('Anna: Your order shipped');
  });
  it('reads each new message once: earlier lines stay as they were, the region keeps the last few and nothing more', async () => {
    const el = await tall();
    const live = el.root.querySelector('[aria-live="polite"]') as HTMLElement;
    el.fake.set({ messages: [...el.fake.messages, agent('first news', { sender: { name: 'Anna' } })] });
    await el.updateComplete;
    const firstLine = live.querySelector('p');
    expect(firstLine?.textContent).to.contain('first news');
    el.fake.set({ messages: [...el.fake.messages, agent('second news', { sender: { name: 'Anna' } })] });
    await el.updateComplete;
    expect(live.querySelector('p'), 'the first line is the same element, not rewritten').to.equal(firstLine);
    expect(firstLine?.textContent).to.contain('first news');
    for (let i = 0; i < 30; i += 1) {
      el.fake.set({ messages: [...el.fake.messages, agent(`news ${i}`, { sender: { name: 'Anna' } })] });
      await el.updateComplete;
    }
    expect([...live.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal(
      ['Anna: news 27', 'Anna: news 28', 'Anna: news 29']);
    // Lines removed leave nothing behind (no marker comment per message read).
    expect(live.childNodes.length).to.be.at.most(3 + 2);
  });
});

describe('<genesys-chat> long transcripts', () => {
  it('renders the newest 200 messages and shows earlier ones on request', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
    const messages = Array.from({ length: 450 }, (_, i) => agent(`message ${i}`));
    el.fake.set({ messages });
    await el.updateComplete;
    expect(el.allByPart('message').length).to.equal(200);
    expect(el.allByPart('message')[0]?.dataset.id).to.equal(messages[250]?.id);
    const newest = agent('newest');
    el.fake.set({ messages: [...messages, newest] });
    await el.updateComplete;
    expect(el.allByPart('message').length).to.equal(201); // appending keeps what was shown
    expect(el.allByPart('message').at(-1)?.dataset.id).to.equal(newest.id);
    expect(el.byPart('show-earlier')?.textContent).to.contain('250');
    el.byPart('show-earlier')?.click();
    await el.updateComplete;
    expect(el.allByPart('message').length).to.equal(401);
    el.byPart('show-earlier')?.click();
    await el.updateComplete;
    expect(el.allByPart('message').length).to.equal(451);
    expect(el.byPart('show-earlier') === null, 'no show-earlier part').to.equal(true);
  });

  it('paints a long transcript that arrives at once with its newest messages first, the rest of the window when idle', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"
      style="--genesys-chat-height: 400px"></test-genesys-chat>`);
    el.fake.set({ messages: [agent('greeting')] });
    await el.updateComplete;
    const painted: { rows: number; last?: string; atBottom: boolean }[] = [];
    el.addController({
      hostUpdated: () => {
        const rows = el.allByPart('message');
        const l = el.byPart('messages') as HTMLElement;
        painted.push({ rows: rows.length, last: rows.at(-1)?.dataset.id, atBottom: atBottom(l) });
      },
    });
    // A resumed conversation's history lands: 450 messages in one update.
    const messages = [...el.fake.messages, ...Array.from({ length: 449 }, (_, i) => agent(`message ${i}`))];
    el.fake.set({ messages });
    await el.updateComplete; // waits for the rest of the window too
    expect(painted[0]?.rows).to.be.within(FIRST_PAINT, FIRST_PAINT + BLOCK - 1);
    expect(painted[0]?.last).to.equal(messages.at(-1)?.id);
    expect(painted[0]?.atBottom).to.equal(true);
    expect(el.allByPart('message').length).to.equal(RENDER_PAGE);
    expect(el.allByPart('message')[0]?.dataset.id).to.equal(messages[250]?.id);
    expect(atBottom(el.byPart('messages') as HTMLElement)).to.equal(true);
    // Live messages one by one never narrow the window.
    painted.length = 0;
    el.fake.set({ messages: [...messages, agent('newest')] });
    await el.updateComplete;
    expect(painted.map((p) => p.rows)).to.deep.equal([RENDER_PAGE + 1]);
  });

  it('keeps the reader at the newest message while older history lands above it', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"
      style="--genesys-chat-height: 400px"></test-genesys-chat>`);
    const all = Array.from({ length: 1000 }, (_, i) => agent(`message ${i}`));
    el.fake.set({ messages: all.slice(-25) }); // a resumed conversation's newest page, painted first
    await el.updateComplete;
    expect(atBottom(el.byPart('messages') as HTMLElement)).to.equal(true);
    el.fake.set({ messages: all }); // the older pages, merged
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve)); // the frame that paints it
    expect(el.allByPart('message').length).to.equal(RENDER_PAGE);
    expect(el.allByPart('message').at(-1)?.dataset.id).to.equal(all.at(-1)?.id);
    expect(atBottom(el.byPart('messages') as HTMLElement)).to.equal(true);
  });

  it('follows the live edge at the bottom: the window slides a block at a time, never past RENDER_PAGE + BLOCK rows', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
    const messages = Array.from({ length: 450 }, (_, i) => agent(`message ${i}`));
    el.fake.set({ messages });
    await el.updateComplete;
    const later = Array.from({ length: 101 }, (_, i) => agent(`later ${i}`));
    for (let i = 0; i < later.length; i += 1) {
      el.fake.set({ messages: [...messages, ...later.slice(0, i + 1)] });
      await el.updateComplete;
      const rows = el.allByPart('message');
      expect(rows.length).to.be.within(RENDER_PAGE, RENDER_PAGE + BLOCK - 1);
      expect(rows.at(-1)?.dataset.id).to.equal(later[i]?.id);
    }
    // 551 in all: the window starts on the block boundary at least RENDER_PAGE before the newest.
    const all = [...messages, ...later];
    const start = Math.floor((all.length - RENDER_PAGE) / BLOCK) * BLOCK;
    expect(el.allByPart('message')[0]?.dataset.id).to.equal(all[start]?.id);
    expect(el.allByPart('message').length).to.equal(all.length - start);
    // Sliding left nothing behind: the same DOM as an element that rendered these messages at once.
    const fresh = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
    fresh.fake.set({ messages: all });
    await fresh.updateComplete;
    const nodes = (chat: TestChat) => {
      const walker = document.createTreeWalker(chat.root.querySelector('.messages__content') as Node, NodeFilter.SHOW_ALL);
      let n = 0;
      while (walker.nextNode()) n += 1;
      return n;
    };
    expect(nodes(el)).to.equal(nodes(fresh));
  });

  it('keeps what the reader sees while they are scrolled up, and slides again once they are back at the bottom', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"
      style="--genesys-chat-height: 400px"></test-genesys-chat>`);
    const messages = Array.from({ length: 450 }, (_, i) => agent(`message ${i}`));
    el.fake.set({ messages });
    await el.updateComplete;
    const list = el.byPart('messages') as HTMLElement;
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    const more = [...messages, agent('one'), agent('two')];
    el.fake.set({ messages: more });
    await el.updateComplete;
    expect(el.allByPart('message').length).to.equal(202); // nothing moved under the reader
    expect(el.allByPart('message')[0]?.dataset.id).to.equal(messages[250]?.id);
    el.byPart('new-messages')?.click(); // back to the newest
    await el.updateComplete;
    const newer = [...more, ...Array.from({ length: 100 }, (_, i) => agent(`more ${i}`))];
    el.fake.set({ messages: newer });
    await el.updateComplete;
    // Sliding again: the newest RENDER_PAGE, from a block boundary.
    expect(el.allByPart('message').length).to.be.within(RENDER_PAGE, RENDER_PAGE + BLOCK - 1);
    expect(el.allByPart('message').at(-1)?.dataset.id).to.equal(newer.at(-1)?.id);
  });
});
