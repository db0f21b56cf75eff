/**
 * Rich content inside a message, rendered: attachments, cards, carousels and a readable fallback for any content type
 * the widget does not know (a chunk, loaded by content.ts the first time a message carries any). Remote strings are
 * bound as text; URLs pass `safeUrl` first.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../model.js';
import type { Attachment, Card, CardAction, MessageContent } from '../protocol/web-messaging.js';
import { isRecord } from '../protocol/web-messaging.js';
import type { UiContext } from './context.js';
import { formatFileSize } from './format.js';
import { LINK_PROTOCOLS, MEDIA_PROTOCOLS, safeUrl } from './safe-url.js';
import { asAttachment, asCard, asCarousel } from './content.js';

/** A remote field as a string ('' when absent or of another type): remote JSON may carry anything anywhere. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isImage(attachment: Attachment): boolean {
  return attachment.mediaType === 'Image' || textOf(attachment.mime).startsWith('image/');
}

export function renderAttachment(attachment: Attachment, ctx: UiContext): TemplateResult {
  const name = textOf(attachment.filename).trim() || ctx.t('file');
  const url = safeUrl(attachment.url, MEDIA_PROTOCOLS);
  const size = typeof attachment.fileSize === 'number' ? formatFileSize(attachment.fileSize, ctx.locale) : '';
  if (url && isImage(attachment)) {
    return html`<a part="attachment" class="attachment attachment--image" href=${url} target="_blank"
      rel="noopener noreferrer" data-kind="image" aria-label=${ctx.t('openLink', { text: ctx.t('imageAlt', { name }) })}>
      <img src=${url} alt=${ctx.t('imageAlt', { name })} loading="lazy" />
    </a>`;
  }
  if (url) {
    return html`<a part="attachment" class="attachment attachment--file" href=${url} download=${name}
      target="_blank" rel="noopener noreferrer" data-kind="file" aria-label=${ctx.t('download', { name })}>
      <span class="attachment__icon" aria-hidden="true">📎</span>
      <span class="attachment__name">${name}</span>
      ${size ? html`<span class="attachment__size">${size}</span>` : nothing}
    </a>`;
  }
  // No usable URL (still uploading on the other side, or an unsafe scheme): the name alone, as text.
  return html`<span part="attachment" class="attachment attachment--file" data-kind="unavailable">
    <span class="attachment__icon" aria-hidden="true">📎</span>
    <span class="attachment__name">${ctx.t('attachmentLabel', { name })}</span>
  </span>`;
}

function renderCardAction(action: CardAction, message: ChatMessage, ctx: UiContext): TemplateResult | typeof nothing {
  const text = typeof action.text === 'string' ? action.text : '';
  if (!text) return nothing;
  if (action.type === 'Link') {
    const href = safeUrl(action.url, LINK_PROTOCOLS);
    if (!href) return html`<span class="card__action card__action--disabled">${text}</span>`;
    return html`<a class="card__action" href=${href} target="_blank" rel="noopener noreferrer"
      aria-label=${ctx.t('openLink', { text })}>${text}</a>`;
  }
  const payload = typeof action.payload === 'string' ? action.payload : text;
  return html`<button type="button" class="card__action" ?disabled=${ctx.view.readOnly}
    @click=${() => ctx.view.answerQuickReply(message, { type: 'Button', text, payload })}>${text}</button>`;
}

export function renderCard(card: Card, message: ChatMessage, ctx: UiContext, inCarousel = false): TemplateResult {
  const image = safeUrl(card.image, MEDIA_PROTOCOLS);
  const defaultAction: unknown = card.defaultAction;
  const defaultHref = isRecord(defaultAction) && defaultAction.type === 'Link' ? safeUrl(defaultAction.url, LINK_PROTOCOLS) : null;
  // Malformed actions (null, strings) are skipped rather than breaking the whole transcript's render.
  const actions: CardAction[] = Array.isArray(card.actions)
    ? card.actions.filter((action: unknown): action is CardAction => isRecord(action))
    : [];
  return html`<article part="card" class="card ${inCarousel ? 'card--in-carousel' : ''}" aria-label=${card.title}>
    ${image ? html`<img class="card__image" src=${image} alt="" loading="lazy" />` : nothing}
    <div class="card__body">
      <h3 class="card__title">${defaultHref
        ? html`<a href=${defaultHref} target="_blank" rel="noopener noreferrer">${card.title}</a>`
        : card.title}</h3>
      ${typeof card.description === 'string' && card.description
        ? html`<p class="card__description">${card.description}</p>` : nothing}
    </div>
    ${actions.length ? html`<div class="card__actions">${actions.map((a) => renderCardAction(a, message, ctx))}</div>` : nothing}
  </article>`;
}

function scrollCarousel(event: Event, direction: 1 | -1): void {
  const track = (event.currentTarget as HTMLElement).closest('.carousel')?.querySelector('.carousel__track');
  if (track instanceof HTMLElement) track.scrollBy({ left: direction * track.clientWidth * 0.8, behavior: 'smooth' });
}

export function renderCarousel(cards: Card[], message: ChatMessage, ctx: UiContext): TemplateResult {
  return html`<div part="carousel" class="carousel" role="group"
      aria-label=${ctx.t('carouselLabel', { count: cards.length })}>
    <div class="carousel__track" tabindex="0" aria-label=${ctx.t('carouselLabel', { count: cards.length })}>
      ${cards.map((card) => renderCard(card, message, ctx, true))}
    </div>
    ${cards.length > 1 ? html`<div class="carousel__nav">
      <button type="button" class="carousel__prev" aria-label=${ctx.t('previousCard')}
        @click=${(e: Event) => scrollCarousel(e, -1)}>‹</button>
      <button type="button" class="carousel__next" aria-label=${ctx.t('nextCard')}
        @click=${(e: Event) => scrollCarousel(e, 1)}>›</button>
    </div>` : nothing}
  </div>`;
}

/** Collects the readable strings of an unknown content item (a few levels deep, bounded). */
export function describeUnknown(item: MessageContent): string {
  const texts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (texts.length >= 12 || depth > 3) return;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed && !/^https?:\/\//i.test(trimmed) && trimmed.length <= 500) texts.push(trimmed);
    } else if (Array.isArray(value)) {
      value.forEach((entry) => visit(entry, depth + 1));
    } else if (isRecord(value)) {
      for (const [key, entry] of Object.entries(value)) {
        if (key === 'contentType' || key === 'id' || key === 'type' || key === 'payload') continue;
        visit(entry, depth + 1);
      }
    }
  };
  visit(item, 0);
  return [...new Set(texts)].join(' · ');
}

export function renderUnknown(item: MessageContent, ctx: UiContext): TemplateResult {
  const type = typeof item.contentType === 'string' && item.contentType ? item.contentType : '?';
  const text = describeUnknown(item);
  return html`<div class="fallback" data-content-type=${type}>
    <span class="fallback__label">${ctx.t('unsupportedContent', { type })}</span>
    ${text ? html`<span class="fallback__text">${text}</span>` : nothing}
  </div>`;
}

/** Everything in `content[]` except quick replies (shown under the message) and button answers (shown as text). */
export function renderContent(message: ChatMessage, ctx: UiContext): unknown[] {
  return message.content.map((item) => {
    if (!isRecord(item)) return nothing;
    if (item.contentType === 'QuickReply' || item.contentType === 'ButtonResponse') return nothing;
    const attachment = asAttachment(item);
    if (attachment) return renderAttachment(attachment, ctx);
    const card = asCard(item);
    if (card) return renderCard(card, message, ctx);
    const carousel = asCarousel(item);
    if (carousel) return renderCarousel(carousel, message, ctx);
    return renderUnknown(item, ctx); // unknown or malformed: still readable, never dropped
  });
}
