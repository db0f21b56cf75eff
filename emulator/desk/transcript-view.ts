/** `<desk-transcript>`: a conversation's messages as text (cards, quick replies and files described, never HTML). */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { isRecord, type Card, type MessageContent, type StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import { isHttpUrl } from './content.js';
import { LightElement } from './light-element.js';
import { describeEvents, isTypingOnly, roleOf, type DeskRole } from './roles.js';
import type { DeskConversation } from './types.js';

const ROLE_LABEL: Record<DeskRole, string> = { guest: 'Guest', bot: 'Bot', agent: 'Agent', system: 'System' };

function link(url: unknown, text: string): TemplateResult | string {
  return typeof url === 'string' && isHttpUrl(url)
    ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${text}</a>`
    : text;
}

function renderCard(card: Card): TemplateResult {
  const actions = Array.isArray(card.actions) ? card.actions : [];
  return html`<div class="card-view">
    <strong>${String(card.title ?? '')}</strong>
    ${card.description ? html`<div>${String(card.description)}</div>` : nothing}
    ${card.image ? html`<div class="muted">Image: ${link(card.image, String(card.image))}</div>` : nothing}
    ${actions.length > 0
      ? html`<ul class="card-actions">${actions.map((a) => html`<li>${a.type === 'Link'
          ? html`Link: ${link(a.url, String(a.text))}` : `Postback: ${String(a.text)} (${String(a.payload ?? '')})`}</li>`)}</ul>`
      : nothing}
  </div>`;
}

function renderContent(item: MessageContent): TemplateResult {
  const c = item as unknown as Record<string, unknown>;
  if (item.contentType === 'QuickReply' && isRecord(c.quickReply)) {
    return html`<span class="chip" title=${`payload: ${String(c.quickReply.payload ?? '')}`}>${String(c.quickReply.text ?? '')}</span>`;
  }
  if (item.contentType === 'ButtonResponse' && isRecord(c.buttonResponse)) {
    return html`<div class="muted">Answered "${String(c.buttonResponse.text ?? '')}" (${String(c.buttonResponse.type ?? '')}, payload ${String(c.buttonResponse.payload ?? '')})</div>`;
  }
  if (item.contentType === 'Card' && isRecord(c.card)) return renderCard(c.card as unknown as Card);
  if (item.contentType === 'Carousel' && isRecord(c.carousel) && Array.isArray(c.carousel.cards)) {
    return html`<div class="carousel-view">${(c.carousel.cards as unknown[]).filter(isRecord)
      .map((card) => renderCard(card as unknown as Card))}</div>`;
  }
  if (item.contentType === 'Attachment' && isRecord(c.attachment)) {
    const a = c.attachment;
    const name = String(a.filename ?? a.id ?? 'file');
    return html`<div class="attachment-view">Attachment: ${link(a.url, name)}${a.mime ? ` (${String(a.mime)})` : ''}</div>`;
  }
  return html`<div class="muted">[${item.contentType}]</div>`;
}

function senderName(message: StructuredMessageBody, role: DeskRole): string {
  const from = message.channel?.from;
  const name = from?.nickname || [from?.firstName, from?.lastName].filter(Boolean).join(' ');
  return name ? `${ROLE_LABEL[role]} · ${name}` : ROLE_LABEL[role];
}

function timeOf(message: StructuredMessageBody): string {
  const time = message.channel?.time;
  if (!time) return '';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString();
}

@customElement('desk-transcript')
export class DeskTranscript extends LightElement {
  @property({ attribute: false }) conversation: DeskConversation | null = null;
  private stickToBottom = true;

  protected override willUpdate(): void {
    const log = this.querySelector('.transcript');
    // Follow new messages only when the reader is already at the bottom.
    this.stickToBottom = !log || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  protected override updated(_changed: PropertyValues): void {
    const log = this.querySelector('.transcript');
    if (log && this.stickToBottom) log.scrollTop = log.scrollHeight;
  }

  private renderMessage(message: StructuredMessageBody): TemplateResult {
    const role = roleOf(message);
    const content = Array.isArray(message.content) ? message.content.filter((c) => isRecord(c) && typeof c.contentType === 'string') : [];
    return html`<li class="message role-${role}" data-role=${role} data-id=${message.id}>
      <div class="message-head"><span class="sender">${senderName(message, role)}</span>
        <time>${timeOf(message)}</time></div>
      ${message.type === 'Event' ? html`<div class="muted">${describeEvents(message)}</div>` : nothing}
      ${typeof message.text === 'string' && message.text ? html`<div class="text">${message.text}</div>` : nothing}
      ${content.length > 0 ? html`<div class="content">${content.map(renderContent)}</div>` : nothing}
    </li>`;
  }

  protected override render(): TemplateResult {
    const conversation = this.conversation;
    if (!conversation) return html`<p class="empty">Pick a conversation.</p>`;
    const messages = conversation.messages.filter((m) => !isTypingOnly(m));
    return html`<ol class="transcript" role="log" aria-live="polite" aria-label="Transcript" tabindex="0">
      ${messages.map((m) => this.renderMessage(m))}
      ${conversation.state === 'ended'
        ? html`<li class="message role-system" data-role="system"><div class="muted">The conversation has ended.</div></li>`
        : nothing}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-transcript': DeskTranscript }
}
