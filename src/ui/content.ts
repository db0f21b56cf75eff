/**
 * Rich content inside a message: what each content item is (attachment, card, carousel, button answer), and its
 * rendering, which loads on first use (content-render.ts, a chunk): until it is there a message shows its text only,
 * then renders again with its content (lazy-render.ts).
 */
import { nothing } from 'lit';
import type { ChatMessage } from '../model.js';
import type { Attachment, Card, MessageContent, ButtonResponse } from '../protocol/web-messaging.js';
import { isRecord } from '../protocol/web-messaging.js';
import type { UiContext } from './context.js';
import { lazyRenderer } from './lazy-render.js';

export function asAttachment(item: MessageContent): Attachment | null {
  if (item.contentType !== 'Attachment') return null;
  const attachment = (item as { attachment?: unknown }).attachment;
  return isRecord(attachment) && typeof attachment.id === 'string' ? (attachment as unknown as Attachment) : null;
}

export function asCard(item: MessageContent): Card | null {
  if (item.contentType !== 'Card') return null;
  const card = (item as { card?: unknown }).card;
  return isRecord(card) && typeof card.title === 'string' ? (card as unknown as Card) : null;
}

export function asCarousel(item: MessageContent): Card[] | null {
  if (item.contentType !== 'Carousel') return null;
  const carousel = (item as { carousel?: unknown }).carousel;
  if (!isRecord(carousel) || !Array.isArray(carousel.cards)) return null;
  return carousel.cards.filter((card): card is Card => isRecord(card) && typeof card.title === 'string');
}

export function asButtonResponse(item: MessageContent): ButtonResponse | null {
  if (item.contentType !== 'ButtonResponse') return null;
  const response = (item as { buttonResponse?: unknown }).buttonResponse;
  return isRecord(response) && typeof response.text === 'string' ? (response as unknown as ButtonResponse) : null;
}

const renderer = lazyRenderer('Rich content', () => import('./content-render.js'));

/** Loads the renderer of rich content now (tests; a page never needs to); resolves once it settled. */
export function preloadContent(): Promise<void> {
  return renderer.preload();
}

/** Whether a content item is shown in the bubble (quick replies are shown under it, button answers as its text). */
function rendered(item: unknown): boolean {
  return isRecord(item) && item.contentType !== 'QuickReply' && item.contentType !== 'ButtonResponse';
}

/** Everything in `content[]` except quick replies (shown under the message) and button answers (shown as text). */
export function renderContent(message: ChatMessage, ctx: UiContext): unknown[] {
  if (!message.content.some(rendered)) return [];
  return renderer.get()?.renderContent(message, ctx) ?? [nothing];
}
