/** `<desk-conversation-list>`: the queue view, grouped by state, one button per conversation. */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LightElement } from './light-element.js';
import { lastPreview } from './roles.js';
import { shieldIcon } from './shield.js';
import { customerLabel, verifiedClaims, type DeskConversation, type DeskState } from './types.js';

/** The order and headings of the groups. */
const GROUPS: { state: DeskState; title: string }[] = [
  { state: 'waiting', title: 'Waiting' },
  { state: 'active', title: 'Active' },
  { state: 'bot', title: 'With the bot' },
  { state: 'ended', title: 'Ended' },
];

const CHANNEL_LABEL = { webmessaging: 'Web Messaging', open: 'Open Messaging' } as const;

/** Fired with the conversation id when the person picks a conversation. */
export type DeskSelectEvent = CustomEvent<{ id: string }>;

@customElement('desk-conversation-list')
export class DeskConversationList extends LightElement {
  @property({ attribute: false }) conversations: readonly DeskConversation[] = [];
  @property({ attribute: false }) selectedId: string | null = null;
  /** queue id -> name, for the queue line. */
  @property({ attribute: false }) queueNames: ReadonlyMap<string, string> = new Map();
  @state() private showEnded = false;

  private select(id: string): void {
    this.dispatchEvent(new CustomEvent('desk-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private renderItem(conversation: DeskConversation): TemplateResult {
    const preview = lastPreview(conversation.messages);
    const queue = conversation.queueId ? (this.queueNames.get(conversation.queueId) ?? conversation.queueId) : '';
    const selected = conversation.id === this.selectedId;
    const attributes = Object.entries(conversation.customAttributes);
    return html`<li>
      <button type="button" class="conversation ${selected ? 'selected' : ''}" data-id=${conversation.id}
        data-state=${conversation.state} data-channel=${conversation.channel}
        aria-current=${selected ? 'true' : 'false'} @click=${() => this.select(conversation.id)}>
        <span class="conversation-head">
          <span class="customer">${customerLabel(conversation)}</span>
          <span class="badge channel-${conversation.channel}">${CHANNEL_LABEL[conversation.channel]}</span>
          <span class="badge state-${conversation.state}">${conversation.state}</span>
          ${conversation.authenticated
            ? html`<span class="badge verified" title=${`Verified: ${verifiedClaims(conversation)}`}>${shieldIcon} Verified</span>`
            : nothing}
        </span>
        <span class="meta">
          ${queue ? html`<span class="queue">Queue: ${queue}</span>` : nothing}
          ${conversation.customerId ? html`<span class="customer-id">Id: ${conversation.customerId}</span>` : nothing}
        </span>
        ${attributes.length > 0
          ? html`<span class="attributes">${attributes.map(([key, value]) =>
              html`<span class="attribute"><span class="attribute-key">${key}</span>: ${value}</span>`)}</span>`
          : nothing}
        <span class="preview">${preview ? `${preview.role}: ${preview.text}` : 'No messages yet'}</span>
      </button>
    </li>`;
  }

  protected override render(): TemplateResult {
    const groups = GROUPS.filter((g) => g.state !== 'ended' || this.showEnded);
    const endedCount = this.conversations.filter((c) => c.state === 'ended').length;
    return html`<nav aria-label="Conversations" class="conversation-list">
      ${groups.map((group) => {
        const items = this.conversations.filter((c) => c.state === group.state);
        const headingId = `group-${group.state}`;
        return html`<section class="group" aria-labelledby=${headingId}>
          <h2 id=${headingId}>${group.title} <span class="count">(${items.length})</span></h2>
          ${items.length === 0
            ? html`<p class="empty">None.</p>`
            : html`<ul>${items.map((c) => this.renderItem(c))}</ul>`}
        </section>`;
      })}
      <label class="toggle">
        <input type="checkbox" .checked=${this.showEnded}
          @change=${(e: Event) => { this.showEnded = (e.target as HTMLInputElement).checked; }}>
        Show ended conversations (${endedCount})
      </label>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-conversation-list': DeskConversationList }
}
