/**
 * The polite live region: tells screen-reader users about new messages from the agent or bot. Messages loaded
 * before the conversation first came online, and history older than the page view (a reload), are not read out.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';
import { messageText, systemText } from './bubble.js';
import { senderName } from './format.js';
import { SeenMessages } from './seen-messages.js';
import { elementList } from './element-list.js';
import { markdownToPlainText } from './plain-text.js';
import { asAttachment, asCard, asCarousel } from './content.js';
import type { ChatMessage, MessageEventDetail } from '../model.js';

/** More new messages than this at once (a gap filled from history) are summarized as a count. */
const MAX_READ_OUT = 3;
const KEEP = 3;

export class Announcer implements ReactiveController {
  private readonly seen = new SeenMessages();
  private live = false;
  private entries: { key: number; text: string }[] = [];
  private nextKey = 1;
  /** When this page view began: history older than that was read before (a reload), not news. */
  private readonly since = Date.now();
  /** Messages from history that are not news (see `since`). */
  private readonly quiet = new WeakSet<ChatMessage>();

  constructor(host: ReactiveControllerHost & EventTarget, private readonly context: () => UiContext) {
    host.addController(this);
    // The controller says where each message came from (genesys-chat:message, before the update that shows it).
    host.addEventListener('genesys-chat:message', (event) => {
      const detail = (event as CustomEvent<MessageEventDetail | undefined>).detail;
      if (detail?.source === 'history' && !(Date.parse(detail.message.time) > this.since)) this.quiet.add(detail.message);
    });
  }

  hostUpdate(): void {
    const ctx = this.context();
    const messages = ctx.view.messages;
    if (messages.length === 0) this.seen.reset();
    // History that came with the page (a reload, a quiet resume) is not read out; messages missed during a
    // disconnect in this page view are.
    const fresh = this.seen.take(messages).filter((message) => message.role !== 'guest' && !this.quiet.has(message));
    const wasLive = this.live;
    if (ctx.view.status === 'online') this.live = true;
    if (!wasLive || !fresh.length) return;
    const texts = fresh.length > MAX_READ_OUT
      ? [ctx.t('newMessagesOther', { count: fresh.length })]
      : fresh.map((message) => message.role === 'system'
        ? systemText(message, ctx)
        : ctx.t('announceMessage', { name: senderName(message, ctx.t), text: spokenText(message, ctx) }));
    for (const text of texts) this.entries.push({ key: this.nextKey++, text });
    this.entries = this.entries.slice(-KEEP);
  }

  /** Say something else (status changes worth hearing). */
  say(text: string): void {
    this.entries = [...this.entries, { key: this.nextKey++, text }].slice(-KEEP);
  }

  render(): TemplateResult {
    // Each line its own element, added once and never rewritten (a screen reader reads additions), and the oldest
    // removed whole (Lit's repeat would leave a marker comment behind per line read).
    return html`<div class="visually-hidden" aria-live="polite" aria-relevant="additions">${elementList({
      items: this.entries, key: (entry) => entry.key, tag: 'p', fill: (entry, element) => { element.textContent = entry.text; },
    })}</div>`;
  }
}

/** A message as plain words: Markdown markers dropped (as the bubble shows it), else what its content is. */
function spokenText(message: ChatMessage, ctx: UiContext): string {
  const text = messageText(message);
  if (text) return ctx.view.features.markdown ? markdownToPlainText(text) : text;
  const parts: string[] = [];
  for (const item of message.content) {
    const card = asCard(item);
    if (card) parts.push(card.title);
    const cards = asCarousel(item);
    if (cards) parts.push(ctx.t('carouselLabel', { count: cards.length }));
    const attachment = asAttachment(item);
    if (attachment) parts.push(ctx.t('attachmentLabel', { name: typeof attachment.filename === 'string' && attachment.filename ? attachment.filename : ctx.t('file') }));
  }
  return parts.join('. ');
}
