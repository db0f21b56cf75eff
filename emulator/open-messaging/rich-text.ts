import type { MessageContent } from '@genesys-chat/protocol/web-messaging.js';

/**
 * How quick replies, cards and carousels reach an Open Messaging webhook.
 * - `text` (default): the documented shape. Genesys documents Open webhook payloads as `type: "Text"` with `text` and
 *   at most one `contentType: "Attachment"` item (SDK `OpenNormalizedMessage`, `OpenMessageContent`; developer docs
 *   "Outbound messages" show text and media only). Rich content is written out as text lines; attachments stay.
 * - `structured`: the generic normalized shape (`type: "Structured"`, `content[]` of `QuickReply`/`Card`/`Carousel`
 *   from the SDK's `ConversationMessageContent`). UNCONFIRMED for Open Messaging; see docs/emulator-open-messaging.md.
 */
export type RichContentStyle = 'text' | 'structured';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function actionLine(action: unknown): string | null {
  if (!isRecord(action)) return null;
  const text = str(action.text);
  const url = str(action.url);
  if (!text && !url) return null;
  return `- ${text || url}${url && text ? ` (${url})` : ''}`;
}

function cardLines(card: unknown): string[] {
  if (!isRecord(card)) return [];
  const lines: string[] = [];
  if (str(card.title)) lines.push(str(card.title));
  if (str(card.description)) lines.push(str(card.description));
  const actions = Array.isArray(card.actions) ? card.actions : [];
  for (const action of actions) {
    const line = actionLine(action);
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * The plain-text rendering of the rich items of `content` (our choice of layout, since Genesys documents none):
 * one `- label` line per quick reply; per card its title, description and one `- text (url)` line per action;
 * carousel cards one after another, separated by a blank line. Items without readable text are left out.
 */
export function richContentAsText(content: readonly MessageContent[]): string {
  const blocks: string[] = [];
  const quickReplies: string[] = [];
  for (const item of content) {
    if (item.contentType === 'QuickReply' && isRecord(item.quickReply)) {
      const label = str(item.quickReply.text);
      if (label) quickReplies.push(`- ${label}`);
    } else if (item.contentType === 'Card' && 'card' in item) {
      const lines = cardLines(item.card);
      if (lines.length > 0) blocks.push(lines.join('\n'));
    } else if (item.contentType === 'Carousel' && 'carousel' in item && isRecord(item.carousel)) {
      const cards = Array.isArray(item.carousel.cards) ? item.carousel.cards : [];
      for (const card of cards) {
        const lines = cardLines(card);
        if (lines.length > 0) blocks.push(lines.join('\n'));
      }
    }
  }
  if (quickReplies.length > 0) blocks.push(quickReplies.join('\n'));
  return blocks.join('\n\n');
}
