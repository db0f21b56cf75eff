/**
 * `<desk-composer>`: the agent's reply area. Plain text (Enter sends, Shift+Enter breaks the line, typing reported
 * to the guest at most once per {@link AGENT_TYPING_INTERVAL_MS}), plus editors for quick replies, a card, a
 * carousel and an attachment.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './attachment-picker.js';
import './card-composer.js';
import './quick-reply-editor.js';
import { errorText } from './light-element.js';
import { SendingElement } from './sending-element.js';

/** How often the desk tells the guest the agent is typing, while the agent keeps typing. */
export const AGENT_TYPING_INTERVAL_MS = 2_500;

type Mode = 'text' | 'quick-replies' | 'card' | 'carousel' | 'attachment';
const MODES: { mode: Mode; label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'quick-replies', label: 'Quick replies' },
  { mode: 'card', label: 'Card' },
  { mode: 'carousel', label: 'Carousel' },
  { mode: 'attachment', label: 'Attachment' },
];

@customElement('desk-composer')
export class DeskComposer extends SendingElement {
  /** Reports typing; errors are shown but never block typing. */
  @property({ attribute: false }) typing: (() => Promise<void>) | null = null;
  @state() private mode: Mode = 'text';
  @state() private text = '';
  private lastTypingAt = 0;

  private onInput(event: Event): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    const now = Date.now();
    if (!this.typing || this.disabled || !this.text.trim() || now - this.lastTypingAt < AGENT_TYPING_INTERVAL_MS) return;
    this.lastTypingAt = now;
    this.typing().catch((error: unknown) => { this.error = `Typing indicator failed: ${errorText(error)}`; });
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.text.trim();
    if (!text) return;
    if (await this.submit(() => ({ text }))) {
      this.text = '';
      this.lastTypingAt = 0; // the next keystroke starts a new typing spell
    }
  }

  private renderMode(): TemplateResult {
    const common = { send: this.send, disabled: this.disabled };
    switch (this.mode) {
      case 'quick-replies':
        return html`<desk-quick-reply-editor .send=${common.send} ?disabled=${common.disabled}></desk-quick-reply-editor>`;
      case 'card':
        return html`<desk-card-composer .send=${common.send} ?disabled=${common.disabled}></desk-card-composer>`;
      case 'carousel':
        return html`<desk-card-composer carousel .send=${common.send} ?disabled=${common.disabled}></desk-card-composer>`;
      case 'attachment':
        return html`<desk-attachment-picker .send=${common.send} ?disabled=${common.disabled}></desk-attachment-picker>`;
      default:
        return html`<form novalidate class="editor text-editor" aria-label="Text reply" @submit=${this.onSubmit}>
          <label for="desk-reply-text">Reply</label>
          <textarea id="desk-reply-text" name="reply" rows="3" ?disabled=${this.disabled} .value=${this.text}
            placeholder="Type a reply. Enter sends, Shift+Enter adds a line." @input=${this.onInput}
            @keydown=${this.onKeyDown}></textarea>
          <div class="actions">
            <button type="submit" ?disabled=${this.disabled || this.busy || !this.text.trim()}>Send</button>
          </div>
        </form>`;
    }
  }

  protected override render(): TemplateResult {
    return html`<section class="composer" aria-label="Reply as the agent">
      <div class="modes" role="group" aria-label="Message kind">
        ${MODES.map(({ mode, label }) => html`<button type="button" class="mode" aria-pressed=${this.mode === mode ? 'true' : 'false'}
          @click=${() => { this.mode = mode; this.error = ''; }}>${label}</button>`)}
      </div>
      ${this.renderMode()}
      ${this.mode === 'text' ? this.renderError() : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-composer': DeskComposer }
}
