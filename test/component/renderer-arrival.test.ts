// When a lazily loaded renderer (Markdown here) arrives, the transcript renders again only the bubbles that were
// shown without it: the rest of a long window is left alone (src/ui/message-list.ts). This file must be the first to
// ask for the Markdown chunk in its page (web-test-runner gives each file its own).
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { MessageList, type MessageListOptions } from '../../src/ui/message-list.js';
import { preloadMarkdown } from '../../src/markdown.js';
import { resolveStrings, translator, type Translate } from '../../src/i18n.js';
import { DEFAULT_FEATURES, type ChatMessage } from '../../src/model.js';
import type { ChatView } from '../../src/ui/chat-view.js';
import type { UiContext } from '../../src/ui/context.js';

function agentMessage(i: number, text: string): ChatMessage {
  // No sender name: each render of its bubble asks `t('agent')` once, which the test counts.
  return { id: `m${i}`, role: 'agent', direction: 'outbound', state: 'sent', text, content: [],
    time: new Date(Date.UTC(2025, 0, 1, 10) + i * 1000).toISOString() } as ChatMessage;
}

describe('a renderer that arrives after the transcript rendered', () => {
  it('renders again the bubble that waited for it, and only that one', async () => {
    const strings = resolveStrings('en');
    const translate = translator(strings);
    let agentNames = 0;
    const t = ((key, vars) => {
      if (key === 'agent') agentNames += 1;
      return translate(key, vars);
    }) as Translate;
    const messages = Array.from({ length: 60 }, (_, i) => agentMessage(i, i === 30 ? 'A **bold** offer' : `Plain answer ${i}`));
    const view = { messages, features: { ...DEFAULT_FEATURES, markdown: true }, typing: null, readOnly: false } as unknown as ChatView;
    const ctx: UiContext = { view, t, strings, locale: 'en' };
    const options: MessageListOptions = {
      answered: new Set(), renderKey: 'en', start: 0, unseen: 0, onShowEarlier: () => {}, onAnswer: () => {},
      onRetry: () => {}, onJumpToLatest: () => {}, onScroll: () => {}, onReadUp: { handleEvent: () => {}, passive: true },
    };
    const list = new MessageList();
    const host = document.createElement('div');
    document.body.append(host);
    const draw = (): number => {
      const before = agentNames;
      render(list.render(ctx, options), host);
      return agentNames - before;
    };
    const offer = () => host.querySelector('[data-id="m30"] [part~="bubble"]');

    expect(draw()).to.equal(60);
    expect(offer()?.querySelector('strong'), 'no Markdown before its chunk').to.equal(null);
    expect(offer()?.textContent).to.equal('A bold offer');
    expect(draw(), 'nothing changed, nothing rendered').to.equal(0);

    await preloadMarkdown();
    expect(draw(), 'only the bubble that showed a fallback').to.equal(1);
    expect(offer()?.querySelector('strong')?.textContent).to.equal('bold');
    expect(draw(), 'and then nothing again').to.equal(0);
    host.remove();
  });
});
