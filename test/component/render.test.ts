import { expect, fixture, html } from '@open-wc/testing';
import { agent, bot, guest, system, type TestChat } from './fake-chat.js';
import './fake-chat.js';
import type { ChatMessage } from '../../src/model.js';

async function inline(): Promise<TestChat> {
  return fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
}

describe('<genesys-chat> rendering', () => {
  it('renders guest, agent, bot and system messages with names, times and delivery state', async () => {
    const el = await inline();
    el.fake.set({
      messages: [
        system('', { presence: 'join', sender: { name: 'Anna Agent' } }),
        guest('Hi there', { state: 'sent' }),
        agent('Hello, how can I help?', { sender: { name: 'Anna Agent', avatarUrl: 'https://cdn.example/anna.png' } }),
        bot('I am a bot'),
        guest('pending one', { state: 'pending' }),
      ],
    });
    await el.updateComplete;
    const bubbles = el.allByPart('message');
    expect(bubbles.map((b) => b.dataset.role)).to.deep.equal(['system', 'guest', 'agent', 'bot', 'guest']);
    expect(bubbles.map((b) => b.dataset.state)).to.deep.equal(['sent', 'sent', 'sent', 'sent', 'pending']);
    expect(bubbles[0]?.getAttribute('part')).to.contain('system-line');
    expect(bubbles[0]?.textContent).to.contain('Anna Agent joined the conversation');
    expect(bubbles[2]?.textContent).to.contain('Anna Agent');
    expect(bubbles[2]?.querySelector('.avatar img')?.getAttribute('src')).to.equal('https://cdn.example/anna.png');
    expect(bubbles[3]?.textContent).to.contain('Helper Bot');
    // Bot and agent told apart: initials for the agent, a robot for the bot, each with its own part.
    expect(bubbles[3]?.querySelector('[part~="avatar-bot"] svg')).to.not.equal(null);
    expect(bubbles[2]?.querySelector('[part~="avatar"]')?.getAttribute('part')).to.contain('avatar-agent');
    expect(bubbles[1]?.textContent).to.contain('You');
    expect(bubbles[1]?.querySelector('[part~="bubble"]')?.getAttribute('part')).to.equal('bubble bubble-guest');
    expect(bubbles[2]?.querySelector('[part~="bubble-agent"]')?.getAttribute('dir')).to.equal('auto');
    expect(bubbles[3]?.querySelector('[part~="bubble-bot"]')).to.not.equal(null);
    expect(bubbles[4]?.textContent).to.contain('Sending…');
    expect(bubbles[2]?.querySelector('time')?.getAttribute('datetime')).to.equal(el.fake.messages[2]?.time);
    expect(bubbles.every((b) => b.dataset.id)).to.equal(true);
  });

  it('shows why a message failed and retries it on request', async () => {
    const el = await inline();
    const failed = guest('lost words', { state: 'failed', failure: { code: 'rate-limited', message: 'x', retryAfterSeconds: 7 } });
    el.fake.set({ messages: [failed] });
    await el.updateComplete;
    const bubble = el.byPart('message');
    expect(bubble?.textContent).to.contain('lost words');
    expect(bubble?.textContent).to.contain('Not sent');
    expect(bubble?.textContent).to.contain('Try again in 7 s.');
    el.byPart<HTMLButtonElement>('retry-button')?.click();
    expect(el.fake.retried).to.deep.equal([failed.id]);
  });

  it('separates days and names them', async () => {
    const el = await inline();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const today = new Date().toISOString();
    el.fake.set({ messages: [agent('old', { time: yesterday }), agent('new', { time: today })] });
    await el.updateComplete;
    const separators = el.allByPart('day-separator').map((s) => s.textContent?.trim());
    expect(separators).to.deep.equal(['Yesterday', 'Today']);
  });

  it('shows the typing indicator only while the agent types and the deployment allows it', async () => {
    const el = await inline();
    el.fake.set({ typing: { name: 'Anna' } });
    await el.updateComplete;
    expect(el.byPart('typing')?.textContent).to.contain('Anna is typing');
    el.fake.set({ features: { ...el.fake.features, agentTyping: false } });
    await el.updateComplete;
    expect(el.byPart('typing') === null, 'no typing part').to.equal(true);
    el.fake.set({ features: { ...el.fake.features, agentTyping: true }, typing: null });
    await el.updateComplete;
    expect(el.byPart('typing') === null, 'no typing part').to.equal(true);
  });

  it('renders images as previews and other files as download links', async () => {
    const el = await inline();
    el.fake.set({
      messages: [agent('', {
        content: [
          { contentType: 'Attachment', attachment: { id: 'a1', mediaType: 'Image', url: 'https://files.example/cat.png', filename: 'cat.png', mime: 'image/png' } },
          { contentType: 'Attachment', attachment: { id: 'a2', mediaType: 'File', url: 'https://files.example/invoice.pdf', filename: 'invoice.pdf', mime: 'application/pdf', fileSize: 2048 } },
          { contentType: 'Attachment', attachment: { id: 'a3', mediaType: 'File', url: 'javascript:alert(1)', filename: 'evil.pdf' } },
        ],
      })],
    });
    await el.updateComplete;
    const [image, file, evil] = el.allByPart('attachment');
    expect(image?.querySelector('img')?.getAttribute('src')).to.equal('https://files.example/cat.png');
    expect(image?.querySelector('img')?.getAttribute('alt')).to.contain('cat.png');
    expect(file?.tagName).to.equal('A');
    expect(file?.getAttribute('href')).to.equal('https://files.example/invoice.pdf');
    expect(file?.hasAttribute('download')).to.equal(true);
    expect(file?.textContent).to.contain('2 KB');
    expect(evil?.tagName).to.equal('SPAN');
    expect(evil?.querySelector('a') === null, "evil?.querySelector('a') is absent").to.equal(true);
  });

  it('offers quick replies on the latest bot message, answers through the controller, then hides them', async () => {
    const el = await inline();
    const question = bot('Pick one', {
      content: [
        { contentType: 'QuickReply', quickReply: { text: 'Billing', payload: 'billing', action: 'Message' } },
        { contentType: 'QuickReply', quickReply: { text: 'Orders', payload: 'orders', action: 'Message' } },
      ],
    });
    el.fake.set({ messages: [question] });
    await el.updateComplete;
    const replies = el.allByPart<HTMLButtonElement>('quick-reply');
    expect(replies.map((b) => b.textContent)).to.deep.equal(['Billing', 'Orders']);
    replies[1]?.click();
    await el.updateComplete;
    expect(el.fake.answers).to.deep.equal([{ messageId: question.id, answer: { type: 'QuickReply', text: 'Orders', payload: 'orders' } }]);
    expect(el.byPart('quick-replies') === null, 'no quick-replies part').to.equal(true);
  });

  it('hides quick replies once the guest wrote after them (e.g. after a reload)', async () => {
    const el = await inline();
    el.fake.set({
      messages: [
        bot('Pick one', { content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y' } }] }),
        guest('', { content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'y' } }] }),
      ],
    });
    await el.updateComplete;
    expect(el.byPart('quick-replies') === null, 'no quick-replies part').to.equal(true);
    expect(el.allByPart('message')[1]?.textContent).to.contain('Yes');
  });

  it('renders cards with link and postback buttons', async () => {
    const el = await inline();
    const message = bot('', {
      content: [{
        contentType: 'Card',
        card: {
          title: 'Ridge 2 tent', description: 'Two people', image: 'https://img.example/tent.jpg',
          actions: [
            { type: 'Link', text: 'View', url: 'https://shop.example/tent' },
            { type: 'Postback', text: 'Buy', payload: 'buy-tent' },
            { type: 'Link', text: 'Bad', url: 'javascript:alert(1)' },
          ],
        },
      }],
    });
    el.fake.set({ messages: [message] });
    await el.updateComplete;
    const card = el.byPart('card');
    expect(card?.querySelector('.card__title')?.textContent).to.equal('Ridge 2 tent');
    expect(card?.querySelector('img')?.getAttribute('src')).to.equal('https://img.example/tent.jpg');
    const link = card?.querySelector<HTMLAnchorElement>('a.card__action');
    expect(link?.href).to.equal('https://shop.example/tent');
    expect(link?.rel).to.equal('noopener noreferrer');
    expect(card?.querySelectorAll('a').length).to.equal(1);
    card?.querySelector<HTMLButtonElement>('button.card__action')?.click();
    expect(el.fake.answers[0]?.answer).to.deep.equal({ type: 'Button', text: 'Buy', payload: 'buy-tent' });
  });

  it('survives malformed card actions and attachment fields from a bot, rendering the rest', async () => {
    const el = await inline();
    const message = bot('', {
      content: [
        {
          contentType: 'Card',
          card: {
            title: 'Odd card', defaultAction: 'not-an-object',
            actions: [null, 'Buy', { type: 'Link', text: 'View', url: 'https://shop.example/odd' }],
          },
        },
        { contentType: 'Attachment', attachment: { id: 'odd-1', url: 'https://files.example/x.bin', filename: 42, mime: 7 } },
      ],
    } as unknown as Partial<ChatMessage>);
    el.fake.set({ messages: [message] });
    await el.updateComplete;
    const card = el.byPart('card');
    expect(card?.querySelector('.card__title')?.textContent).to.equal('Odd card');
    expect(Array.from(card?.querySelectorAll('a') ?? []).map((a) => a.getAttribute('href'))).to.deep.equal(['https://shop.example/odd']);
    const file = el.byPart<HTMLAnchorElement>('attachment');
    expect(file?.getAttribute('href')).to.equal('https://files.example/x.bin');
    expect(file?.dataset.kind).to.equal('file');
  });

  it('renders a carousel that is reachable by keyboard', async () => {
    const el = await inline();
    const cards = ['One', 'Two', 'Three'].map((title) => ({ title, actions: [{ type: 'Postback', text: `Pick ${title}`, payload: title }] }));
    el.fake.set({ messages: [bot('', { content: [{ contentType: 'Carousel', carousel: { cards } }] })] });
    await el.updateComplete;
    const carousel = el.byPart('carousel');
    expect(carousel?.querySelectorAll('[part~="card"]').length).to.equal(3);
    expect(carousel?.getAttribute('aria-label')).to.contain('3 cards');
    const track = carousel?.querySelector<HTMLElement>('.carousel__track');
    expect(track?.tabIndex).to.equal(0);
    expect(carousel?.querySelectorAll('button').length).to.be.greaterThan(3); // card buttons + previous/next
  });

  it('shows unknown content types as readable text instead of dropping them', async () => {
    const el = await inline();
    el.fake.set({
      messages: [bot('', {
        content: [{ contentType: 'DatePicker', datePicker: { title: 'Choose a day', availableTimes: [{ dateTime: '2025-01-01' }] } }],
      })],
    });
    await el.updateComplete;
    const text = el.byPart('message')?.textContent ?? '';
    expect(text).to.contain('DatePicker');
    expect(text).to.contain('Choose a day');
  });

  it('renders agent markdown when the deployment enables it, and plain text otherwise', async () => {
    const el = await inline();
    el.fake.set({ messages: [agent('**bold** and [site](https://example.com)')] });
    await el.updateComplete;
    expect(el.byPart('message')?.querySelector('strong') === null, "el.byPart('message')?.querySelector('strong') is absent").to.equal(true);
    expect(el.byPart('message')?.textContent).to.contain('**bold**');
    el.fake.set({ features: { ...el.fake.features, markdown: true } });
    await el.updateComplete;
    expect(el.byPart('message')?.querySelector('strong')?.textContent).to.equal('bold');
    expect(el.byPart('message')?.querySelector('a')?.getAttribute('rel')).to.equal('noopener noreferrer');
  });

  it('shows HTML and script from an agent as text and runs nothing, with or without markdown', async () => {
    const el = await inline();
    const evil = '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script>[x](javascript:window.pwned=true)';
    (window as { pwned?: boolean }).pwned = false;
    for (const markdown of [false, true]) {
      el.fake.set({ features: { ...el.fake.features, markdown }, messages: [agent(evil)] });
      await el.updateComplete;
      const bubble = el.byPart('message');
      expect(bubble?.querySelector('img, script') === null, "bubble?.querySelector('img, script') is absent").to.equal(true);
      expect(bubble?.querySelector('a') === null, "bubble?.querySelector('a') is absent").to.equal(true);
      expect(bubble?.textContent).to.contain('<script>');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as { pwned?: boolean }).pwned).to.equal(false);
  });

  it('puts every documented part in the panel', async () => {
    const el = await inline();
    el.fake.set({ features: { ...el.fake.features, attachments: true }, messages: [agent('hi')] });
    await el.updateComplete;
    for (const name of ['panel', 'header', 'status', 'messages', 'message', 'composer', 'input', 'send-button',
      'attach-button', 'end-button', 'title', 'bubble', 'bubble-agent', 'avatar', 'avatar-agent']) {
      expect(el.byPart(name) !== null, name).to.equal(true);
    }
    expect(el.byPart('input')?.tagName).to.equal('TEXTAREA');
    expect(el.root.querySelector('[aria-live="polite"]') !== null, 'a polite live region').to.equal(true);
    expect(el.byPart('launcher') === null, 'no launcher part').to.equal(true); // inline mode has no launcher
  });

  it('states the connection status in words and explains errors a person can act on', async () => {
    const el = await inline();
    // Online is the normal case: no permanent "Connected" row, only an empty live region.
    expect(el.byPart('status')?.textContent?.trim()).to.equal('');
    expect(el.byPart('status')?.getAttribute('role')).to.equal('status');
    expect(el.byPart('status')?.getBoundingClientRect().height).to.equal(0);
    el.fake.set({ status: 'reconnecting' });
    await el.updateComplete;
    expect(el.byPart('status')?.textContent).to.contain('Reconnecting');
    el.fake.set({ status: 'failed', lastError: { code: 'origin-not-allowed', message: 'x', fatal: true } });
    await el.updateComplete;
    expect(el.byPart('status')?.dataset.status).to.equal('failed');
    expect(el.byPart('status')?.textContent).to.contain('not allowed on this website address');
  });

  it('shows availability and the expected wait when the server reports it', async () => {
    const el = await inline();
    expect(el.byPart('availability') === null, 'no availability part').to.equal(true);
    el.fake.set({ availability: { open: true, estimatedWaitSeconds: 180 } });
    await el.updateComplete;
    expect(el.byPart('availability')?.textContent).to.contain('about 3 min');
    el.fake.set({ availability: { open: false } });
    await el.updateComplete;
    expect(el.byPart('availability')?.textContent).to.contain('closed');
  });
});
