/** `<desk-transcript>`: a conversation's messages as text (cards, quick replies and files described, never HTML). */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageContent, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import { isHttpUrl } from './content.js';
import { LightElement } from './light-element.js';
import { isRecord, records, textOf } from './safe-text.js';
import { shieldIcon } from './shield.js';
import { describeEvents, isTypingOnly, roleOf, type DeskRole } from './roles.js';
import { isVerifiedGuestMessage, verifiedClaims, type DeskConversation } from './types.js';

const ROLE_LABEL: Record<DeskRole, string> = { guest: 'Guest', bot: 'Bot', agent: 'Agent', system: 'System' };

function link(url: unknown, text: string): TemplateResult | string {
  return typeof url === 'string' && isHttpUrl(url)
    ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${text}</a>`
    : text;
}

/** A card from guest or agent content; every field checked, since a guest can send anything (issue 9, defect 5). */
function renderCard(card: Record<string, unknown>): TemplateResult {
  const actions = records(card.actions);
  const image = textOf(card.image);
  return html`<div class="card-view">
    <strong>${textOf(card.title)}</strong>
    ${textOf(card.description) ? html`<div>${textOf(card.description)}</div>` : nothing}
    ${image ? html`<div class="muted">Image: ${link(image, image)}</div>` : nothing}
    ${actions.length > 0
      ? html`<ul class="card-actions">${actions.map((a) => html`<li>${a.type === 'Link'
          ? html`Link: ${link(a.url, textOf(a.text) || textOf(a.url))}` : `Postback: ${textOf(a.text)} (${textOf(a.payload)})`}</li>`)}</ul>`
      : nothing}
  </div>`;
}

function renderContent(item: MessageContent): TemplateResult {
  const c = item as unknown as Record<string, unknown>;
  if (item.contentType === 'QuickReply' && isRecord(c.quickReply)) {
    return html`<span class="chip" title=${`payload: ${textOf(c.quickReply.payload)}`}>${textOf(c.quickReply.text)}</span>`;
  }
  if (item.contentType === 'ButtonResponse' && isRecord(c.buttonResponse)) {
    return html`<div class="muted">Answered "${textOf(c.buttonResponse.text)}" (${textOf(c.buttonResponse.type)}, payload ${textOf(c.buttonResponse.payload)})</div>`;
  }
  if (item.contentType === 'Card' && isRecord(c.card)) return renderCard(c.card);
  if (item.contentType === 'Carousel' && isRecord(c.carousel)) {
    return html`<div class="carousel-view">${records(c.carousel.cards).map(renderCard)}</div>`;
  }
  if (item.contentType === 'Attachment' && isRecord(c.attachment)) {
    const a = c.attachment;
    const name = textOf(a.filename) || textOf(a.id) || 'file';
    return html`<div class="attachment-view">Attachment: ${link(a.url, name)}${textOf(a.mime) ? ` (${textOf(a.mime)})` : ''}</div>`;
  }
  return html`<div class="muted">[${item.contentType}]</div>`;
}

function senderName(message: StructuredMessageBody, role: DeskRole): string {
  const from: Record<string, unknown> = isRecord(message.channel) && isRecord(message.channel.from) ? message.channel.from : {};
  const name = textOf(from.nickname) || [textOf(from.firstName), textOf(from.lastName)].filter(Boolean).join(' ');
  return name ? `${ROLE_LABEL[role]} · ${name}` : ROLE_LABEL[role];
}

function timeOf(message: StructuredMessageBody): string {
  const time = isRecord(message.channel) ? textOf(message.channel.time) : '';
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

  private renderMessage(message: StructuredMessageBody, conversation: DeskConversation): TemplateResult {
    const role = roleOf(message);
    try {
      const verified = isVerifiedGuestMessage(conversation, message);
      const content = Array.isArray(message.content) ? message.content.filter((c) => isRecord(c) && typeof c.contentType === 'string') : [];
      const text = textOf(message.text);
      // Built here, inside the try: a template only fails when its values are computed, never later in Lit.
      const parts = [
        message.type === 'Event' ? html`<div class="muted">${describeEvents(message)}</div>` : nothing,
        text ? html`<div class="text">${text}</div>` : nothing,
        content.length > 0 ? html`<div class="content">${content.map(renderContent)}</div>` : nothing,
      ];
      return html`<li class="message role-${role}" data-role=${role} data-id=${textOf(message.id)} data-verified=${verified ? 'true' : 'false'}>
        <div class="message-head"><span class="sender">${senderName(message, role)}</span>
          ${verified ? html`<span class="verified" title=${`Verified: ${verifiedClaims(conversation)}`}>${shieldIcon}<span class="visually-hidden">Verified customer</span></span>` : nothing}
          <time>${timeOf(message)}</time></div>
        ${parts}
      </li>`;
    } catch {
      // Last line of defence: one message the desk cannot read must not take the transcript down with it.
      return html`<li class="message role-${role}" data-role=${role} data-id=${textOf(message.id)}>
        <div class="muted">This message could not be shown.</div></li>`;
    }
  }

  protected override render(): TemplateResult {
    const conversation = this.conversation;
    if (!conversation) return html`<p class="empty">Pick a conversation.</p>`;
    const messages = (Array.isArray(conversation.messages) ? conversation.messages : []).filter((m) => isRecord(m) && !isTypingOnly(m));
    return html`${conversation.authenticated
      ? html`<p class="verified-customer" data-testid="verified-customer">${shieldIcon} Verified customer: ${verifiedClaims(conversation)}</p>`
      : nothing}<div role="log" aria-live="polite" aria-label="Transcript"><ol class="transcript" aria-label="Messages" tabindex="0">
      ${messages.map((m) => this.renderMessage(m, conversation))}
      ${conversation.state === 'ended'
        ? html`<li class="message role-system" data-role="system"><div class="muted">The conversation has ended.</div></li>`
        : nothing}
    </ol></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-transcript': DeskTranscript }
}
