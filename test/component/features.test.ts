import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agent, bot, guest, type TestChat } from './fake-chat.js';
import './fake-chat.js';

/** Makes the document report itself hidden or visible, as when the visitor switches tabs. */
function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

function restoreVisibility(): void {
  delete (document as unknown as Record<string, unknown>).visibilityState;
  delete (document as unknown as Record<string, unknown>).hidden;
}

describe('<genesys-chat> unread count in the page title', () => {
  const title = document.title;
  afterEach(() => {
    setVisibility('visible');
    restoreVisibility();
    document.title = title;
  });

  it('counts agent and bot messages that arrive while the tab is hidden, and restores the title on return', async () => {
    document.title = 'Shop';
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    el.fake.set({ messages: [agent('Before hiding')] });
    await el.updateComplete;
    setVisibility('hidden');
    el.fake.set({ messages: [...el.fake.messages, agent('One'), guest('mine does not count')] });
    await el.updateComplete;
    expect(document.title).to.equal('(1) Shop');
    el.fake.set({ messages: [...el.fake.messages, bot('Two')] });
    await el.updateComplete;
    expect(document.title).to.equal('(2) Shop');
    expect(el.hiddenUnreadCount).to.equal(2);
    setVisibility('visible');
    expect(document.title).to.equal('Shop');
    expect(el.hiddenUnreadCount).to.equal(0);
  });

  it('speaks the page language and can be switched off', async () => {
    document.title = 'Boutique';
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="ja" title-count="off"></test-genesys-chat>`);
    setVisibility('hidden');
    el.fake.set({ messages: [agent('こんにちは')] });
    await el.updateComplete;
    expect(document.title).to.equal('Boutique');
    expect(el.hiddenUnreadCount).to.equal(1);
  });

  it('shows a system notification per message only when the page opts in and permission is granted', async () => {
    const shown: { title: string; body?: string }[] = [];
    const original = window.Notification;
    class RecordingNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission = async (): Promise<NotificationPermission> => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) { shown.push({ title, body: options?.body }); }
      close(): void {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    try {
      const quiet = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
      const loud = await fixture<TestChat>(html`<test-genesys-chat mode="inline" desktop-notifications></test-genesys-chat>`);
      setVisibility('hidden');
      quiet.fake.set({ messages: [agent('quiet one')] });
      loud.fake.features = { ...loud.fake.features, markdown: true };
      loud.fake.set({ messages: [agent('Your order **shipped**', { sender: { name: 'Alex' } })] });
      await Promise.all([quiet.updateComplete, loud.updateComplete]);
      expect(shown).to.deep.equal([{ title: 'New message from Alex', body: 'Your order shipped' }]);
    } finally {
      (window as unknown as { Notification: unknown }).Notification = original;
    }
  });
});

describe('<genesys-chat> files dropped or pasted', () => {
  function dataWith(...files: File[]): DataTransfer {
    const data = new DataTransfer();
    for (const file of files) data.items.add(file);
    return data;
  }

  it('uploads files dropped on the panel through the composer (chips shown), with an overlay while dragging', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    el.fake.set({ features: { ...el.fake.features, attachments: true } });
    await el.updateComplete;
    const panel = el.byPart('panel')!;
    const data = dataWith(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    panel.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(el.byPart('drop-zone')?.textContent).to.contain('Drop files to attach them');
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    panel.dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(true);
    panel.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await waitUntil(() => el.root.querySelector('.upload[data-done="true"]'), 'the upload chip');
    expect(el.byPart('drop-zone')).to.equal(null);
    expect(el.root.querySelector('.upload__name')?.textContent).to.equal('notes.txt');
    el.byPart<HTMLButtonElement>('send-button')!.click();
    expect(el.fake.sent[0]?.attachments?.[0]?.filename).to.equal('notes.txt');
  });

  it('uploads a pasted image; plain text pastes as usual', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    el.fake.set({ features: { ...el.fake.features, attachments: true } });
    await el.updateComplete;
    const input = el.byPart<HTMLTextAreaElement>('input')!;
    const image = new ClipboardEvent('paste', { clipboardData: dataWith(new File([new Uint8Array([137, 80])], 'shot.png', { type: 'image/png' })), bubbles: true, composed: true, cancelable: true });
    input.dispatchEvent(image);
    expect(image.defaultPrevented).to.equal(true);
    await waitUntil(() => el.root.querySelector('.upload'), 'the upload chip');
    const textData = new DataTransfer();
    textData.setData('text/plain', 'just words');
    const text = new ClipboardEvent('paste', { clipboardData: textData, bubbles: true, composed: true, cancelable: true });
    input.dispatchEvent(text);
    expect(text.defaultPrevented).to.equal(false);
  });

  it('ignores dropped files when the deployment allows no attachments (gateway mode), without letting the page open them', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    const panel = el.byPart('panel')!;
    const data = dataWith(new File(['x'], 'a.txt', { type: 'text/plain' }));
    let uploads = 0;
    el.fake.upload = async (file) => { uploads += 1; return { id: file.name }; };
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    panel.dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(true);
    panel.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(uploads).to.equal(0);
    expect(el.root.querySelector('.upload')).to.equal(null);
  });
});

describe('<genesys-chat> transcript download', () => {
  it('writes the conversation as text, Markdown read, rich content as lines', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    el.fake.features = { ...el.fake.features, markdown: true };
    el.fake.set({
      messages: [
        guest('Where is my order?'),
        agent('It **shipped** today: [track it](https://track.example/1)', { sender: { name: 'Alex' } }),
        bot('Anything else?', { content: [{ contentType: 'Card', card: { title: 'Returns', description: 'Free for 30 days', actions: [{ type: 'Link', text: 'Start a return', url: 'https://shop.example/returns' }] } }] }),
      ],
    });
    await el.updateComplete;
    const text = el.transcriptText();
    expect(text).to.match(/^Chat with us – Chat transcript, /);
    expect(text).to.contain('You: Where is my order?');
    expect(text).to.contain('Alex: It shipped today: track it (https://track.example/1)');
    expect(text).to.contain('[Returns – Free for 30 days]');
    expect(text).to.contain('  > Start a return (https://shop.example/returns)');
    expect(text).not.to.contain('**');
  });

  it('offers a download button once there are messages, which saves a .txt file', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    expect(el.byPart('download-button')).to.equal(null);
    el.fake.set({ messages: [agent('hi')] });
    await el.updateComplete;
    const button = el.byPart<HTMLButtonElement>('download-button')!;
    expect(button.getAttribute('aria-label')).to.equal('Download transcript');
    let saved: { name: string; href: string } | null = null;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function record(this: HTMLAnchorElement) { saved = { name: this.download, href: this.href }; };
    try {
      button.click();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved).to.not.equal(null);
    const { name, href } = saved as unknown as { name: string; href: string };
    expect(name).to.match(/^chat-transcript-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(await (await fetch(href)).text()).to.contain('Agent: hi'.replace('Agent', 'Anna Agent'));
  });
});

describe('<genesys-chat> unread count: history is not news', () => {
  afterEach(() => {
    setVisibility('visible');
    restoreVisibility();
  });

  it('does not count older history merged in while hidden, nor count a message twice', async () => {
    document.title = 'Shop';
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    setVisibility('hidden');
    const old = agent('from yesterday', { time: new Date(Date.now() - 86_400_000).toISOString() });
    const fresh = agent('just now');
    el.fake.set({ messages: [old, fresh] });
    await el.updateComplete;
    el.fake.set({ messages: [old, { ...fresh, text: 'just now (edited)' }] });
    await el.updateComplete;
    expect(el.hiddenUnreadCount).to.equal(1);
    expect(document.title).to.equal('(1) Shop');
  });
});

describe('<genesys-chat> opt-in chime and notification permission', () => {
  afterEach(() => {
    setVisibility('visible');
    restoreVisibility();
  });

  it('chimes only when asked to, and only while hidden', async () => {
    const tones: number[] = [];
    const original = window.AudioContext;
    class RecordingAudio {
      state = 'running';
      currentTime = 0;
      destination = {};
      createGain() { return { connect() {}, gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} } }; }
      createOscillator() {
        const frequency = { value: 0 };
        return { type: '', frequency, connect() {}, start() { tones.push(frequency.value); }, stop() {} };
      }
      async resume() {}
      async close() {}
    }
    (window as unknown as { AudioContext: unknown }).AudioContext = RecordingAudio;
    try {
      const quiet = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
      const loud = await fixture<TestChat>(html`<test-genesys-chat mode="inline" notification-sound></test-genesys-chat>`);
      loud.fake.set({ messages: [agent('while visible')] });
      await loud.updateComplete;
      expect(tones).to.deep.equal([]);
      setVisibility('hidden');
      quiet.fake.set({ messages: [agent('quiet')] });
      loud.fake.set({ messages: [...loud.fake.messages, agent('while hidden')] });
      await Promise.all([quiet.updateComplete, loud.updateComplete]);
      expect(tones).to.deep.equal([880, 1320]); // one two-tone chime, from the element that opted in
    } finally {
      (window as unknown as { AudioContext: unknown }).AudioContext = original;
    }
  });

  it('asks for permission on the visitor\'s first gesture in the chat, and a click on a notification opens the panel', async () => {
    const original = window.Notification;
    let asked = 0;
    const shown: { onclick: (() => void) | null }[] = [];
    class AskingNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = async (): Promise<NotificationPermission> => {
        asked += 1;
        AskingNotification.permission = 'granted';
        return 'granted';
      };
      onclick: (() => void) | null = null;
      constructor() { shown.push(this); }
      close(): void {}
    }
    (window as unknown as { Notification: unknown }).Notification = AskingNotification;
    try {
      const el = await fixture<TestChat>(html`<test-genesys-chat desktop-notifications></test-genesys-chat>`);
      expect(asked).to.equal(0); // never on page load
      el.byPart('launcher')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      expect(asked).to.equal(1);
      setVisibility('hidden');
      el.fake.set({ messages: [agent('are you there?')] });
      await el.updateComplete;
      expect(shown).to.have.length(1);
      shown[0]?.onclick?.();
      await el.updateComplete;
      expect(el.isOpen).to.equal(true);
    } finally {
      (window as unknown as { Notification: unknown }).Notification = original;
    }
  });
});
