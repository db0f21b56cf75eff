/**
 * "End this conversation?": the guest is asked before the conversation ends (the agent is not disturbed by a stray
 * click). The question takes focus on its safe choice, Cancel; cancelling gives focus back to the End button.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ChatView } from './chat-view.js';
import type { UiContext } from './context.js';

export interface EndConfirmOptions {
  view: () => ChatView;
  /** Where the buttons are (the element's shadow root). */
  root: () => ParentNode;
  /** After the conversation ended and the view updated: where focus goes next. */
  afterEnd: () => void;
}

export class EndConfirm {
  /** The question is showing. */
  showing = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: EndConfirmOptions) {}

  /** A conversation is there to end (the End button is offered). */
  get possible(): boolean {
    const { status, readOnly, messages } = this.options.view();
    return !readOnly && messages.length > 0 && (status === 'online' || status === 'reconnecting' || status === 'offline');
  }

  /** Before a render: the question goes when there is nothing left to end (the agent ended it meanwhile). */
  settle(): void {
    if (this.showing && !this.possible) this.showing = false;
  }

  /** The End button: asks, or takes the question back when it is showing. */
  readonly ask = (): void => {
    this.showing = !this.showing;
    this.host.requestUpdate();
    if (this.showing) this.focusAfterUpdate('[part~="end-cancel-button"]');
  };

  readonly cancel = (): void => {
    this.showing = false;
    this.host.requestUpdate();
    this.focusAfterUpdate('[part~="end-button"]');
  };

  readonly confirm = (): void => {
    this.showing = false;
    this.host.requestUpdate();
    this.options.view().endConversation()
      .then(() => this.host.updateComplete)
      .then(() => this.options.afterEnd())
      .catch((error: unknown) => console.warn('[genesys-chat] end failed', error));
  };

  render(ctx: UiContext): TemplateResult | typeof nothing {
    return this.showing ? this.renderQuestion(ctx) : nothing;
  }

  /** The question and its two answers (its own function: compiled only once the visitor asks to end). */
  private renderQuestion(ctx: UiContext): TemplateResult {
    return html`<div part="end-confirm" id="end-confirm" class="end-confirm" role="group" aria-labelledby="end-confirm-text">
    <p class="end-confirm__text" id="end-confirm-text">${ctx.t('endConfirmQuestion')}</p>
    <button type="button" part="end-confirm-button" class="primary-button" @click=${this.confirm}>${ctx.t('endConfirmAction')}</button>
    <button type="button" part="end-cancel-button" class="secondary-button" @click=${this.cancel}>${ctx.t('cancel')}</button>
  </div>`;
  }

  private focusAfterUpdate(selector: string): void {
    void this.host.updateComplete.then(() => this.options.root().querySelector<HTMLElement>(selector)?.focus());
  }
}
