/**
 * Quick replies: the buttons a bot offers under its message. They are answered through the controller (sent as a
 * ButtonResponse) and disappear once the guest has answered that message or written anything after it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../model.js';
import type { QuickReply } from '../protocol/web-messaging.js';
import { isRecord } from '../protocol/web-messaging.js';
import type { UiContext } from './context.js';

export function quickRepliesOf(message: ChatMessage): QuickReply[] {
  const replies: QuickReply[] = [];
  for (const item of message.content) {
    if (!isRecord(item) || item.contentType !== 'QuickReply') continue;
    const reply = (item as { quickReply?: unknown }).quickReply;
    if (isRecord(reply) && typeof reply.text === 'string' && reply.text) {
      replies.push({ text: reply.text, payload: typeof reply.payload === 'string' ? reply.payload : reply.text });
    }
  }
  return replies;
}

/** True when the guest has written (or answered) after `index`: the quick replies of that message are spent. */
export function isAnswered(messages: readonly ChatMessage[], index: number, answered: ReadonlySet<string>): boolean {
  const message = messages[index];
  if (!message) return true;
  if (answered.has(message.id)) return true;
  for (let i = index + 1; i < messages.length; i += 1) {
    if (messages[i]?.role === 'guest') return true;
  }
  return false;
}

export function renderQuickReplies(
  message: ChatMessage,
  replies: QuickReply[],
  ctx: UiContext,
  onAnswer: (message: ChatMessage, reply: QuickReply) => void,
): TemplateResult | typeof nothing {
  if (!replies.length) return nothing;
  return html`<div part="quick-replies" class="quick-replies" role="group" aria-label=${ctx.t('quickRepliesLabel')}>
    ${replies.map((reply) => html`<button type="button" part="quick-reply" class="quick-reply"
      ?disabled=${ctx.view.readOnly} @click=${() => onAnswer(message, reply)}>${reply.text}</button>`)}
  </div>`;
}
