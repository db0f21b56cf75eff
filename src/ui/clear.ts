/**
 * "Clear conversation" (Messenger's `conversationClear`): a header button, a confirmation, then Presence `Clear`.
 * The transport and controller do the rest: `SessionClearedEvent` reaches every tab of the guest, each empties its
 * transcript, forgets the stored session and starts a fresh one. Also the line shown after an agent closed the
 * conversation on a `conversationDisconnect: Send` deployment (the guest may write on: that opens a new one).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../model.js';
import type { UiContext } from './context.js';
import type { MessengerStrings } from './messenger-strings.js';

const CLEAR_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9 3h6l1 2h4v2H4V5h4l1-2zM6 9h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z"/></svg>`;

export interface ClearHost {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class ClearAction {
  confirming = false;
  failed = false;

  constructor(private readonly host: ClearHost) {}

  /** The deployment allows clearing and there is a live conversation to clear. */
  static available(ctx: UiContext): boolean {
    const { features, status, readOnly, messages } = ctx.view;
    return features.conversationClear && status === 'online' && !readOnly && messages.length > 0;
  }

  renderButton(ctx: UiContext, s: MessengerStrings): TemplateResult | typeof nothing {
    if (!ClearAction.available(ctx)) return nothing;
    return html`<button type="button" part="clear-button" class="icon-button" aria-label=${s.clearConversation}
      title=${s.clearConversation} aria-expanded=${String(this.confirming)} aria-controls="clear-confirm"
      @click=${this.toggle}>${CLEAR_ICON}</button>`;
  }

  renderConfirm(ctx: UiContext, s: MessengerStrings): TemplateResult | typeof nothing {
    if (this.confirming && !ClearAction.available(ctx)) this.confirming = false;
    if (this.failed && !this.confirming) {
      return html`<p part="clear-error" class="end-confirm clear-error" role="alert">${s.clearFailed}</p>`;
    }
    return this.confirming ? this.renderQuestion(ctx, s) : nothing;
  }

  /** The question and its two answers (its own function: compiled only once someone asks to clear). */
  private renderQuestion(ctx: UiContext, s: MessengerStrings): TemplateResult {
    return html`<div part="clear-confirm" id="clear-confirm" class="end-confirm" role="group" aria-labelledby="clear-confirm-text"
        @keydown=${this.onKeyDown}>
      <p class="end-confirm__text" id="clear-confirm-text">${s.clearConfirmQuestion}</p>
      <button type="button" part="clear-confirm-button" class="primary-button" @click=${() => this.confirm(ctx)}>${s.clearConfirmAction}</button>
      <button type="button" part="clear-cancel-button" class="secondary-button" @click=${this.cancel}>${ctx.t('cancel')}</button>
    </div>`;
  }

  private readonly toggle = (): void => {
    this.confirming = !this.confirming;
    this.failed = false;
    this.host.requestUpdate();
    if (this.confirming) void this.focus('[part~="clear-cancel-button"]');
  };

  private readonly cancel = (): void => {
    this.confirming = false;
    this.host.requestUpdate();
    void this.focus('[part~="clear-button"]');
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.cancel();
  };

  private confirm(ctx: UiContext): void {
    this.confirming = false;
    this.host.requestUpdate();
    ctx.view.clearConversation()
      .then(() => this.focus('[part~="input"]'))
      .catch((error: unknown) => {
        console.warn('[genesys-chat] clear failed', error);
        this.failed = true;
        this.host.requestUpdate();
      });
  }

  private async focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

/**
 * On a `Send` deployment an agent's disconnect leaves the session writable: after the "left the conversation"
 * line, say that writing on starts a new conversation.
 */
export function renderDisconnectedLine(ctx: UiContext, s: MessengerStrings): TemplateResult | typeof nothing {
  if (ctx.view.features.conversationDisconnect !== 'Send' || ctx.view.readOnly) return nothing;
  const last: ChatMessage | undefined = ctx.view.messages.at(-1);
  if (last?.role !== 'system' || last.presence !== 'disconnect') return nothing;
  return html`<p part="disconnected" class="disconnected-line" role="status">${s.disconnectedSend}</p>`;
}
