/**
 * Builds Web Messaging content items from what the person typed into the desk's editors, and checks them first,
 * so a half-filled card is refused with a sentence instead of reaching the guest.
 */
import type {
  Attachment, AttachmentContent, Card, CardAction, CardContent, CarouselContent, QuickReplyContent,
} from '@genesys-chat/protocol/web-messaging.js';

/** One button as typed in the card editor. */
export interface ButtonDraft { kind: 'Link' | 'Postback'; text: string; value: string }

/** A card as typed in the card editor. */
export interface CardDraft { title: string; description: string; image: string; buttons: ButtonDraft[] }

export const emptyCard = (): CardDraft => ({ title: '', description: '', image: '', buttons: [] });

/** A problem with a draft, in words. */
export class DraftError extends Error {}

/** A payload made from a label: lower case, words joined by `_`, so bots can match it. */
export function payloadFor(label: string): string {
  const slug = label.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
  return slug || 'reply';
}

/** One quick reply as typed in the editor; an empty payload is made from the label. */
export interface QuickReplyDraft { text: string; payload: string }

/** QuickReply content items from the editor's rows; blank rows are skipped, at least one is needed. */
export function quickReplies(drafts: readonly QuickReplyDraft[]): QuickReplyContent[] {
  const items = drafts
    .filter((draft) => draft.text.trim() || draft.payload.trim())
    .map((draft, index): QuickReplyContent => {
      const text = draft.text.trim();
      if (!text) throw new DraftError(`Quick reply ${index + 1} needs a label.`);
      const payload = draft.payload.trim() || payloadFor(text);
      return { contentType: 'QuickReply', quickReply: { text, payload, action: 'Message' } };
    });
  if (items.length === 0) throw new DraftError('Add at least one quick reply label.');
  return items;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function cardAction(button: ButtonDraft, index: number): CardAction {
  const text = button.text.trim();
  const value = button.value.trim();
  if (!text) throw new DraftError(`Button ${index + 1} needs a label.`);
  if (button.kind === 'Link') {
    if (!isHttpUrl(value)) throw new DraftError(`Button "${text}" needs an http(s) link.`);
    return { type: 'Link', text, url: value };
  }
  return { type: 'Postback', text, payload: value || payloadFor(text) };
}

/** A Card from a draft; title required, image and links must be http(s) URLs. */
export function card(draft: CardDraft): Card {
  const title = draft.title.trim();
  if (!title) throw new DraftError('A card needs a title.');
  const out: Card = { title };
  const description = draft.description.trim();
  if (description) out.description = description;
  const image = draft.image.trim();
  if (image) {
    if (!isHttpUrl(image)) throw new DraftError(`The image of "${title}" must be an http(s) URL.`);
    out.image = image;
  }
  const actions = draft.buttons.map(cardAction);
  if (actions.length > 0) out.actions = actions;
  return out;
}

export function cardContent(draft: CardDraft): CardContent {
  return { contentType: 'Card', card: card(draft) };
}

/** A Carousel needs two cards or more (one card is just a Card). */
export function carouselContent(drafts: readonly CardDraft[]): CarouselContent {
  if (drafts.length < 2) throw new DraftError('A carousel needs at least two cards.');
  return { contentType: 'Carousel', carousel: { cards: drafts.map(card) } };
}

export function attachmentContent(attachment: Attachment): AttachmentContent {
  return { contentType: 'Attachment', attachment };
}
