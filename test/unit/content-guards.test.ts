/**
 * Content rendering rules found by mutation testing (docs/mutation.md): type guards that must not accept an item
 * of another type, labels that carry the file or link name, bounds of the unknown-content description.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, type ChatMessage } from '../../src/model.js';
import { resolveStrings, translator } from '../../src/i18n.js';
import type { UiContext } from '../../src/ui/context.js';
import type { ChatView } from '../../src/ui/chat-view.js';
import { describeUnknown, renderCard, renderContent } from '../../src/ui/content-render.js';
import { preloadContent } from '../../src/ui/content.js';
import { preloadMarkdown } from '../../src/markdown.js';
import { messageText, renderBubble, systemText } from '../../src/ui/bubble.js';
import { boundAttributes, templateHtml } from './support/template-html.js';

// Bubbles render rich content and Markdown from chunks loaded on first use: load them before rendering.
await Promise.all([preloadContent(), preloadMarkdown()]);

const strings = resolveStrings('en');
const t = translator(strings);
const ctx: UiContext = {
  view: { features: { ...DEFAULT_FEATURES }, readOnly: false, answerQuickReply: () => undefined } as unknown as ChatView,
  t, strings, locale: 'en',
};
function bot(content: unknown[], extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: 'm1', role: 'bot', direction: 'outbound', state: 'sent', text: '', time: '2025-01-01T10:00:00.000Z', content: content as ChatMessage['content'], ...extra } as ChatMessage;
}
const render = (content: unknown[]) => templateHtml(renderContent(bot(content), ctx));
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('content: an item is only what its contentType says', () => {
  it('fields of another content type are ignored', () => {
    const html = render([
      { contentType: 'Card', card: { title: 'Real card' }, attachment: { id: 'a', url: 'https://f.example/x.pdf' } },
      { contentType: 'Attachment', attachment: { id: 3 }, card: { title: 'Sneaky card' } },
      { contentType: 'DatePicker', carousel: { cards: [{ title: 'Sneaky carousel' }] } },
    ]);
    expect(count(html, 'part="card"')).toBe(1);
    expect(count(html, 'part="attachment"')).toBe(0);
    expect(count(html, 'part="carousel"')).toBe(0);
    expect(messageText(bot([{ contentType: 'QuickReply', buttonResponse: { text: 'Sneaky answer' } }]))).toBe('');
  });

  it('a carousel without a cards array is shown as unknown content, not thrown; only cards with a title are shown', () => {
    for (const carousel of [{ cards: 'nope' }, { cards: { 0: { title: 'x' } } }, 'nope', null]) {
      const html = render([{ contentType: 'Carousel', carousel }]);
      expect(count(html, 'part="carousel"'), JSON.stringify(carousel)).toBe(0);
      expect(count(html, 'class="fallback"')).toBe(1);
    }
    const html = render([{ contentType: 'Carousel', carousel: { cards: [null, { title: 'Only' }, { title: 1 }, 'x'] } }]);
    expect(count(html, 'card--in-carousel')).toBe(1);
  });

  it('quick replies and button answers are not rendered as content', () => {
    const html = render([
      { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'y' } },
      { contentType: 'ButtonResponse', buttonResponse: { type: 'Button', text: 'Yes', payload: 'y' } },
    ]);
    expect(html).toBe('');
  });
});

describe('content: attachments and cards', () => {
  it('mediaType Image makes an image whatever the MIME type', () => {
    const html = render([{ contentType: 'Attachment', attachment: { id: 'i', mediaType: 'Image', mime: 'application/octet-stream', url: 'https://f.example/p', filename: 'p.bin' } }]);
    expect(html).toContain('data-kind="image"');
    expect(boundAttributes(html, 'src')).toEqual(['https://f.example/p']);
  });

  it('labels carry the name: image alt, open-link and download labels, unavailable attachments', () => {
    const html = render([
      { contentType: 'Attachment', attachment: { id: 'i', mime: 'image/png', url: 'https://f.example/p.png', filename: 'p.png' } },
      { contentType: 'Attachment', attachment: { id: 'f', url: 'https://f.example/r.pdf', filename: 'r.pdf' } },
      { contentType: 'Attachment', attachment: { id: 'u', url: 'javascript:x', filename: 'u.pdf' } },
      { contentType: 'Card', card: { title: 'T', actions: [{ type: 'Link', text: 'Go there', url: 'https://x.example' }] } },
    ]);
    expect(html).toContain(t('imageAlt', { name: 'p.png' }));
    expect(html).toContain(t('openLink', { text: t('imageAlt', { name: 'p.png' }) }));
    expect(html).toContain(t('download', { name: 'r.pdf' }));
    expect(html).toContain(t('attachmentLabel', { name: 'u.pdf' }));
    expect(html).toContain(t('openLink', { text: 'Go there' }));
    expect(html).not.toMatch(/\{(name|text)\}/);
  });

  it('a card alone is not styled as a carousel card; without actions it has no action row; a description shows only when it is text', () => {
    const message = bot([]);
    const plain = templateHtml(renderCard({ title: 'Solo' } as never, message, ctx));
    expect(plain).toContain('class="card "');
    expect(plain).not.toContain('card__actions');
    expect(plain).not.toContain('card__description');
    expect(templateHtml(renderCard({ title: 'D', description: 'Two people' } as never, message, ctx))).toContain('<p class="card__description">Two people</p>');
    const pictured = templateHtml(renderCard({ title: 'P', image: 'https://img.example/p.jpg' } as never, message, ctx));
    expect(pictured).toContain('<img class="card__image" src=https://img.example/p.jpg alt="" loading="lazy" />');
    for (const description of ['', 5, null]) {
      expect(templateHtml(renderCard({ title: 'D', description } as never, message, ctx))).not.toContain('card__description');
    }
  });
});

describe('content: unknown content described', () => {
  it('leaves out strings that start with a link, keeps ones that only contain one; 500 characters at most', () => {
    const text = describeUnknown({
      contentType: 'X', a: 'http://plain.example', b: 'see https://x.example', c: 'y'.repeat(500), d: 'z'.repeat(501),
    } as never);
    expect(text.split(' · ')).toEqual(['see https://x.example', 'y'.repeat(500)]);
  });

  it('stops three levels down, arrays included, and survives null anywhere', () => {
    expect(describeUnknown({ contentType: 'X', list: [[['deep']]], shallow: ['ok'], nothing: null, n: 5 } as never)).toBe('ok');
    expect(describeUnknown({ contentType: 'X', a: { b: { c: 'three' } } } as never)).toBe('three');
  });

  it('the fallback names the type and shows the text', () => {
    const html = render([{ contentType: 'DatePicker', datePicker: { title: 'Pick a day' } }]);
    expect(html).toContain(t('unsupportedContent', { type: 'DatePicker' }));
    expect(html).toContain('<span class="fallback__text">Pick a day</span>');
    expect(render([{ contentType: 'Empty' }])).not.toContain('fallback__text');
  });
});

describe('bubble: names and avatars', () => {
  it('a sender without a name is "agent" in system lines; no sender means initials, never a crash', () => {
    expect(systemText({ ...bot([]), role: 'system', presence: 'join', sender: {} } as ChatMessage, ctx)).toBe(t('presenceJoin', { name: t('agent') }));
    const html = templateHtml(renderBubble({ ...bot([], { text: 'hi', sender: undefined }), role: 'agent' }, ctx, { continued: false, onRetry: () => undefined }));
    expect(html).toContain('avatar__initials');
    expect(boundAttributes(html, 'src')).toEqual([]);
  });
});

describe('content: carousel navigation', () => {
  it('previous/next scroll the track by 80% of its width, left and right', () => {
    class Track { clientWidth = 500; scrolls: unknown[] = []; scrollBy(options: unknown) { this.scrolls.push(options); } }
    const track = new Track();
    const globals = globalThis as { HTMLElement?: unknown };
    const saved = globals.HTMLElement;
    globals.HTMLElement = Track;
    try {
      const handlers: ((event: unknown) => void)[] = [];
      const collect = (value: unknown): void => {
        if (typeof value === 'function') handlers.push(value as (event: unknown) => void);
        else if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === 'object' && Array.isArray((value as { values?: unknown }).values)) (value as { values: unknown[] }).values.forEach(collect);
      };
      collect(renderContent(bot([{ contentType: 'Carousel', carousel: { cards: [{ title: 'A' }, { title: 'B' }] } }]), ctx));
      const event = { currentTarget: { closest: (selector: string) => (selector === '.carousel' ? { querySelector: (s: string) => (s === '.carousel__track' ? track : null) } : null) } };
      handlers.forEach((handler) => handler(event));
      expect(track.scrolls).toEqual([{ left: -400, behavior: 'smooth' }, { left: 400, behavior: 'smooth' }]);
      // Outside a carousel (detached button): nothing happens, nothing throws.
      handlers[0]!({ currentTarget: { closest: () => null } });
      expect(track.scrolls).toHaveLength(2);
    } finally {
      globals.HTMLElement = saved;
    }
  });

  it('the carousel and its track are labelled with the card count', () => {
    const html = render([{ contentType: 'Carousel', carousel: { cards: [{ title: 'A' }, { title: 'B' }, { title: 'C' }] } }]);
    expect(count(html, t('carouselLabel', { count: 3 }))).toBe(2);
  });
});
