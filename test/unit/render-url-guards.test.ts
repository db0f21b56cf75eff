/**
 * Remote URLs that a card, an attachment or a sender avatar carries only reach an `href` or `src` after `safeUrl`.
 * Rendered in Node (Lit templates flattened), so mutation testing can reach src/ui/content.ts and bubble.ts; the
 * same cases run in real Chromium in test/component/unsafe-urls.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, type ChatMessage } from '../../src/model.js';
import { resolveStrings, translator } from '../../src/i18n.js';
import type { UiContext } from '../../src/ui/context.js';
import type { ChatView } from '../../src/ui/chat-view.js';
import { describeUnknown, renderContent } from '../../src/ui/content-render.js';
import { preloadContent } from '../../src/ui/content.js';
import { preloadMarkdown } from '../../src/markdown.js';
import { messageText, renderBubble, systemText } from '../../src/ui/bubble.js';
import { boundAttributes, templateHtml } from './support/template-html.js';

// Bubbles render rich content and Markdown from chunks loaded on first use: load them before rendering.
await Promise.all([preloadContent(), preloadMarkdown()]);

const EVIL = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', '/relative', 42, null];

function context(overrides: Partial<ChatView> = {}): UiContext & { answered: unknown[] } {
  const answered: unknown[] = [];
  const strings = resolveStrings('en');
  const view = {
    features: { ...DEFAULT_FEATURES }, readOnly: false,
    answerQuickReply: (_m: ChatMessage, answer: unknown) => { answered.push(answer); },
    ...overrides,
  } as unknown as ChatView;
  return { view, t: translator(strings), strings, locale: 'en', answered };
}

function bot(content: unknown[], extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: 'm1', role: 'bot', direction: 'outbound', state: 'sent', text: '', time: '2025-01-01T10:00:00.000Z',
    content: content as ChatMessage['content'], ...extra,
  } as ChatMessage;
}

const render = (message: ChatMessage, ctx = context()) => templateHtml(renderContent(message, ctx));
const bubble = (message: ChatMessage, ctx = context()) => templateHtml(renderBubble(message, ctx, { continued: false, onRetry: () => undefined }));

describe('content rendering: URL guards', () => {
  it("a card's defaultAction link is filtered: an unsafe URL leaves the title as plain text", () => {
    for (const url of EVIL) {
      const html = render(bot([{ contentType: 'Card', card: { title: 'Tent', defaultAction: { type: 'Link', url } } }]));
      expect(boundAttributes(html, 'href'), String(url)).toEqual([]);
      expect(html).toContain('Tent');
    }
    const good = render(bot([{ contentType: 'Card', card: { title: 'Tent', defaultAction: { type: 'Link', url: 'https://shop.example/tent' } } }]));
    expect(boundAttributes(good, 'href')).toEqual(['https://shop.example/tent']);
  });

  it('a defaultAction that is not a Link makes no link, whatever its url', () => {
    const html = render(bot([{ contentType: 'Card', card: { title: 'Tent', defaultAction: { type: 'Postback', url: 'https://shop.example/x' } } }]));
    expect(boundAttributes(html, 'href')).toEqual([]);
  });

  it('card images, link actions and attachments pass the URL filter; mailto is a link, never an image', () => {
    for (const url of EVIL) {
      const html = render(bot([
        { contentType: 'Card', card: { title: 'T', image: url, actions: [{ type: 'Link', text: 'Go', url }] } },
        { contentType: 'Attachment', attachment: { id: 'a', url, filename: 'f.pdf', mediaType: 'File' } },
        { contentType: 'Attachment', attachment: { id: 'b', url, filename: 'p.png', mediaType: 'Image' } },
      ]));
      expect(boundAttributes(html, 'href'), String(url)).toEqual([]);
      expect(boundAttributes(html, 'src'), String(url)).toEqual([]);
      expect(html).toContain('card__action--disabled');
      expect(html.match(/data-kind="unavailable"/g)).toHaveLength(2);
    }
    const mail = render(bot([{ contentType: 'Card', card: { title: 'T', image: 'mailto:a@b.example', actions: [{ type: 'Link', text: 'Mail', url: 'mailto:a@b.example' }] } }]));
    expect(boundAttributes(mail, 'src')).toEqual([]);
    expect(boundAttributes(mail, 'href')).toEqual(['mailto:a@b.example']);
    const blob = render(bot([{ contentType: 'Card', card: { title: 'T', actions: [{ type: 'Link', text: 'B', url: 'blob:https://x/1' }] } }]));
    expect(boundAttributes(blob, 'href')).toEqual([]);
  });

  it('safe attachments: an image links to itself, a file downloads under its name with its size', () => {
    const html = render(bot([
      { contentType: 'Attachment', attachment: { id: 'i', url: 'https://f.example/p.png', mime: 'image/png', filename: 'p.png' } },
      { contentType: 'Attachment', attachment: { id: 'f', url: 'https://f.example/r.pdf', mediaType: 'File', filename: ' report.pdf ', fileSize: 2048 } },
      { contentType: 'Attachment', attachment: { id: 'n', url: 'https://f.example/n', filename: 7, fileSize: '9' } },
    ]));
    expect(boundAttributes(html, 'href')).toEqual(['https://f.example/p.png', 'https://f.example/r.pdf', 'https://f.example/n']);
    expect(boundAttributes(html, 'src')).toEqual(['https://f.example/p.png']);
    expect(html).toContain('data-kind="image"');
    expect(boundAttributes(html, 'download')).toEqual(['report.pdf', 'file']);
    expect(html).toMatch(/attachment__size">2(\.0)?\s?KB/);
    expect(html.match(/attachment__size/g)).toHaveLength(1);
  });

  it('a sender avatar passes the URL filter: an unsafe one falls back to initials', () => {
    for (const avatarUrl of EVIL) {
      const html = bubble({ ...bot([], { text: 'hi', sender: { name: 'Eve Evil', avatarUrl } as never }), role: 'agent' });
      expect(boundAttributes(html, 'src'), String(avatarUrl)).toEqual([]);
      expect(html).toContain('avatar__initials">EE<');
    }
    const html = bubble(bot([], { text: 'hi', sender: { name: 'Ana', avatarUrl: 'https://cdn.example/a.png' } }));
    expect(boundAttributes(html, 'src')).toEqual(['https://cdn.example/a.png']);
  });

  it('malformed content is skipped or shown as text, never thrown', () => {
    const html = render(bot([
      null, 'text', { contentType: 'Card', card: { title: 5 } }, { contentType: 'Attachment', attachment: { id: 3 } },
      { contentType: 'Carousel', carousel: { cards: [null, { title: 'Only' }, { title: 1 }] } },
      { contentType: 'Card', card: { title: 'Odd', actions: [null, 'x', { type: 'Postback', text: 7 }, { type: 'Postback', text: 'Ok' }] } },
      { contentType: 'QuickReply', quickReply: { text: 'hidden reply', payload: 'q' } },
    ]));
    expect(html).toContain('Only');
    expect(html.match(/class="card__action"/g)).toHaveLength(1);
    expect(html).not.toContain('hidden reply');
    expect(html.match(/class="fallback"/g)).toHaveLength(2); // the title-less card and the id-less attachment
  });

  it('a postback action answers with its payload, or its text when the payload is missing; read-only disables it', () => {
    const ctx = context();
    const message = bot([{ contentType: 'Card', card: { title: 'T', actions: [{ type: 'Postback', text: 'Buy', payload: 'buy-1' }, { type: 'Postback', text: 'Ask' }] } }]);
    const result = renderContent(message, ctx);
    const clicks: (() => void)[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'function') clicks.push(value as () => void);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object' && Array.isArray((value as { values?: unknown }).values)) (value as { values: unknown[] }).values.forEach(collect);
    };
    collect(result);
    clicks.forEach((click) => click());
    expect(ctx.answered).toEqual([{ type: 'Button', text: 'Buy', payload: 'buy-1' }, { type: 'Button', text: 'Ask', payload: 'Ask' }]);
    const readOnly = templateHtml(renderContent(message, context({ readOnly: true })));
    expect(readOnly).toMatch(/\?disabled="?true/);
    expect(templateHtml(result)).not.toMatch(/\?disabled="?true/);
  });

  it('a carousel names its card count and shows previous/next only for more than one card', () => {
    const two = render(bot([{ contentType: 'Carousel', carousel: { cards: [{ title: 'A' }, { title: 'B' }] } }]));
    expect(two).toContain('2 cards');
    expect(two).toContain('carousel__prev');
    expect(two.match(/card--in-carousel/g)).toHaveLength(2);
    const one = render(bot([{ contentType: 'Carousel', carousel: { cards: [{ title: 'A' }] } }]));
    expect(one).not.toContain('carousel__prev');
  });

  it('unknown content is described by its readable strings, without URLs, ids or payloads, bounded', () => {
    const text = describeUnknown({
      contentType: 'DatePicker', id: 'hidden-id', payload: 'hidden-payload', type: 'hidden-type',
      datePicker: { title: ' Choose a day ', link: 'https://x.example', nested: { a: { b: { c: { d: 'too deep' } } } }, list: ['One', 'One', 'x'.repeat(501)] },
    } as never);
    expect(text).toBe('Choose a day · One');
    const many = describeUnknown({ contentType: 'X', list: Array.from({ length: 20 }, (_, i) => `w${i}`) } as never);
    expect(many.split(' · ')).toHaveLength(12);
    const html = render(bot([{ contentType: 'DatePicker', datePicker: { title: 'Pick' } }, { contentType: 42 }]));
    expect(boundAttributes(html, 'data-content-type')).toEqual(['DatePicker', '?']);
  });

  it('message text is the text, or the label of the button the guest picked', () => {
    expect(messageText(bot([], { text: 'words' }))).toBe('words');
    expect(messageText(bot([{ contentType: 'ButtonResponse', buttonResponse: { text: 'Yes', payload: 'y' } }]))).toBe('Yes');
    expect(messageText(bot([{ contentType: 'ButtonResponse', buttonResponse: { text: 1 } }]))).toBe('');
  });

  it('system lines name the agent, or say "agent" when the name is blank', () => {
    const ctx = context();
    const line = (presence: string, name?: string) => systemText({ ...bot([]), role: 'system', text: 'own text', presence, sender: name === undefined ? undefined : { name } } as ChatMessage, ctx);
    expect(line('join', 'Ana')).toBe(ctx.t('presenceJoin', { name: 'Ana' }));
    expect(line('disconnect', '  ')).toBe(ctx.t('presenceDisconnect', { name: ctx.t('agent') }));
    expect(line('clear')).toBe(ctx.t('presenceClear'));
    expect(line('session-expired')).toBe(ctx.t('presenceSessionExpired'));
    expect(line('other')).toBe('own text');
  });
});
