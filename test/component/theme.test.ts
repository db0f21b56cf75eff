import { expect, fixture, html } from '@open-wc/testing';
import { contrastRatio, parseColor, type Rgba } from '../../src/ui/contrast.js';
import { agent, bot, guest, type TestChat } from './fake-chat.js';
import './fake-chat.js';

function rgb(text: string): Rgba {
  const color = parseColor(text);
  if (!color) throw new Error(`not a colour: ${text}`);
  return color;
}

/** Contrast of an element's text against its own computed background. */
function textContrast(element: Element | null, background?: Element | null): number {
  if (!element) throw new Error('element missing');
  const fg = rgb(getComputedStyle(element).color);
  const bg = rgb(getComputedStyle(background ?? element).backgroundColor);
  return contrastRatio(fg, bg);
}

async function themed(style: string): Promise<TestChat> {
  const wrapper = await fixture(html`<div class="page-theme"><test-genesys-chat mode="inline"></test-genesys-chat></div>`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`.page-theme { ${style} }`);
  document.adoptedStyleSheets = [sheet];
  const el = wrapper.querySelector<TestChat>('test-genesys-chat');
  if (!el) throw new Error('no element');
  el.refreshTheme();
  el.fake.set({
    messages: [
      agent('Hello from Anna'),
      guest('Hi!'),
      bot('Pick one', { content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y', action: 'Message' } }] }),
    ],
  });
  await el.updateComplete;
  return el;
}

describe('<genesys-chat> readable colours', () => {
  afterEach(() => {
    document.adoptedStyleSheets = [];
  });

  it('puts black, not white, text on a yellow brand colour', async () => {
    const el = await themed('--genesys-chat-primary-color: #ffd400;');
    const header = el.byPart('header');
    expect(getComputedStyle(header!).backgroundColor).to.equal('rgb(255, 212, 0)'); // the brand stays
    expect(textContrast(el.root.querySelector('.header__title'), header)).to.be.at.least(4.5);
    const bubble = el.root.querySelector('.row--guest .bubble');
    expect(textContrast(bubble)).to.be.at.least(4.5);
    const reply = el.byPart('quick-reply');
    const panel = el.byPart('panel');
    expect(textContrast(reply, panel)).to.be.at.least(4.5); // yellow text on white would be 1.4:1
  });

  it('keeps a dark brand colour readable, including quick replies on the panel', async () => {
    const el = await themed('--genesys-chat-primary-color: #3b0a5c; --genesys-chat-background: #121212;');
    expect(textContrast(el.root.querySelector('.header__title'), el.byPart('header'))).to.be.at.least(4.5);
    expect(textContrast(el.byPart('quick-reply'), el.byPart('panel'))).to.be.at.least(4.5);
    expect(textContrast(el.root.querySelector('.row--agent .bubble'))).to.be.at.least(4.5);
  });

  it('gives light bubble backgrounds dark text even when the page text is light', async () => {
    const el = await themed('--genesys-chat-text-color: #f0f0f0; --genesys-chat-background: #1c1d21; '
      + '--genesys-chat-agent-bubble-background: #eef4ff; --genesys-chat-bot-bubble-background: #fff5cc;');
    expect(textContrast(el.root.querySelector('.row--agent .bubble'))).to.be.at.least(4.5);
    expect(textContrast(el.root.querySelector('.row--bot .bubble'))).to.be.at.least(4.5);
  });

  it('uses the deployment\'s brand colour when the page sets none, and the page\'s when it does', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    el.fake.set({ features: { ...el.fake.features, primaryColor: '#e4002b' } });
    await el.updateComplete;
    expect(getComputedStyle(el.byPart('header')!).backgroundColor).to.equal('rgb(228, 0, 43)');
    const page = await themed('--genesys-chat-primary-color: #00a651;');
    page.fake.set({ features: { ...page.fake.features, primaryColor: '#e4002b' } });
    await page.updateComplete;
    expect(getComputedStyle(page.byPart('header')!).backgroundColor).to.equal('rgb(0, 166, 81)');
  });

  it('applies a brand colour the deployment gave before the first render, and a later change of it', async () => {
    const el = document.createElement('test-genesys-chat') as TestChat;
    el.setAttribute('mode', 'inline');
    el.fake.set({ features: { ...el.fake.features, primaryColor: '#e4002b' } }); // config.json in before `online`
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(getComputedStyle(el.byPart('header')!).backgroundColor).to.equal('rgb(228, 0, 43)');
      el.fake.set({ features: { ...el.fake.features, primaryColor: '#00a651' } });
      await el.updateComplete;
      expect(getComputedStyle(el.byPart('header')!).backgroundColor).to.equal('rgb(0, 166, 81)');
    } finally {
      el.remove();
    }
  });

  it('ignores a hostile brand colour from remote config', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
    el.fake.set({ features: { ...el.fake.features, primaryColor: 'red; } :host { display: none' } });
    await el.updateComplete;
    expect(getComputedStyle(el.byPart('panel')!).display).to.equal('flex');
    expect(getComputedStyle(el.byPart('header')!).backgroundColor).to.equal('rgb(31, 95, 191)');
  });

  it('resolves colour syntaxes the small parser does not know (oklch, names)', async () => {
    const el = await themed('--genesys-chat-primary-color: oklch(0.9 0.18 100);');
    expect(textContrast(el.root.querySelector('.header__title'), el.byPart('header'))).to.be.at.least(4.5);
    const named = await themed('--genesys-chat-primary-color: gold;');
    expect(textContrast(named.root.querySelector('.header__title'), named.byPart('header'))).to.be.at.least(4.5);
  });
});
