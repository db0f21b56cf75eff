import { expect, fixture, html } from '@open-wc/testing';
import { agent, type TestChat } from './fake-chat.js';
import './fake-chat.js';

describe('<genesys-chat> i18n', () => {
  it('speaks German with lang="de"', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat lang="de"></test-genesys-chat>`);
    expect(el.byPart('launcher')?.getAttribute('aria-label')).to.equal('Chat öffnen');
    expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal('Senden');
    el.fake.set({ status: 'reconnecting' });
    await el.updateComplete;
    expect(el.byPart('status')?.textContent).to.contain('Verbindung unterbrochen');
  });

  it('follows the document language when it has none of its own', async () => {
    const wrapper = await fixture(html`<div lang="de-CH"><test-genesys-chat mode="inline"></test-genesys-chat></div>`);
    const el = wrapper.querySelector<TestChat>('test-genesys-chat');
    await el?.updateComplete;
    expect(el?.byPart('input')?.getAttribute('aria-label')).to.equal('Nachricht');
  });

  it('applies string overrides and switches language at runtime', async () => {
    const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang="en"></test-genesys-chat>`);
    el.fake.set({ messages: [agent('hi')] });
    el.strings = { send: 'Go!', title: 'Talk to Northwind', you: 'Me' };
    await el.updateComplete;
    expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal('Go!');
    expect(el.byPart('header')?.textContent).to.contain('Talk to Northwind');
    el.lang = 'de';
    await el.updateComplete;
    expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal('Go!'); // override wins in every language
    expect(el.byPart('input')?.getAttribute('placeholder')).to.equal('Nachricht schreiben…');
    expect(el.byPart('end-button')?.getAttribute('aria-label')).to.equal('Unterhaltung beenden');
  });
});

describe('<genesys-chat> languages', () => {
  for (const [lang, send, title] of [
    ['fr', 'Envoyer', 'Discutez avec nous'], ['es', 'Enviar', 'Chatea con nosotros'], ['it', 'Invia', 'Chatta con noi'],
    ['nl', 'Versturen', 'Chat met ons'], ['pt-BR', 'Enviar', 'Fale conosco'], ['ja', '送信', 'チャットでお問い合わせ'],
  ] as const) {
    it(`speaks ${lang} from its lang attribute, with no English first`, async () => {
      const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline" lang=${lang}></test-genesys-chat>`);
      expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal(send);
      expect(el.byPart('header')?.textContent).to.contain(title);
    });
  }

  it('follows <html lang> when neither it nor a parent has one', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'nl-BE';
    try {
      const el = await fixture<TestChat>(html`<test-genesys-chat mode="inline"></test-genesys-chat>`);
      expect(el.byPart('input')?.getAttribute('aria-label')).to.equal('Bericht');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('switches to the deployment\'s default language when the page language is not one it lists', async () => {
    const wrapper = await fixture(html`<div lang="fr"><test-genesys-chat mode="inline"></test-genesys-chat></div>`);
    const el = wrapper.querySelector<TestChat>('test-genesys-chat')!;
    await el.updateComplete;
    expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal('Envoyer');
    el.fake.set({ features: { ...el.fake.features, languages: ['de', 'en-us'], defaultLanguage: 'de' } });
    await el.updateComplete;
    expect(el.byPart('send-button')?.getAttribute('aria-label')).to.equal('Senden');
  });
});
