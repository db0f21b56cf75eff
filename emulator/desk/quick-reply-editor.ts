/** `<desk-quick-reply-editor>`: a question plus reply labels (payloads optional) sent as QuickReply content items. */
import { html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { quickReplies, type QuickReplyDraft } from './content.js';
import { SendingElement } from './sending-element.js';

const blankRows = (): QuickReplyDraft[] => [{ text: '', payload: '' }, { text: '', payload: '' }];
const value = (e: Event): string => (e.target as HTMLInputElement).value;

@customElement('desk-quick-reply-editor')
export class DeskQuickReplyEditor extends SendingElement {
  @state() private question = '';
  @state() private rows: QuickReplyDraft[] = blankRows();

  private edit(index: number, patch: Partial<QuickReplyDraft>): void {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const sent = await this.submit(() => {
      const content = quickReplies(this.rows);
      const text = this.question.trim();
      return text ? { text, content } : { content };
    });
    if (sent) {
      this.question = '';
      this.rows = blankRows();
    }
  }

  protected override render(): TemplateResult {
    return html`<form novalidate class="editor" aria-label="Quick replies" @submit=${this.onSubmit}>
      <label>Question (optional) <input type="text" name="question" .value=${this.question}
        @input=${(e: Event) => { this.question = value(e); }}></label>
      <ul class="rows">${this.rows.map((row, i) => html`<li class="row">
        <label>Reply ${i + 1} label <input type="text" .value=${row.text}
          @input=${(e: Event) => this.edit(i, { text: value(e) })}></label>
        <label>Reply ${i + 1} payload <input type="text" placeholder="from the label" .value=${row.payload}
          @input=${(e: Event) => this.edit(i, { payload: value(e) })}></label>
        <button type="button" class="secondary" aria-label=${`Remove reply ${i + 1}`} ?disabled=${this.rows.length <= 1}
          @click=${() => { this.rows = this.rows.filter((_, j) => j !== i); }}>Remove</button>
      </li>`)}</ul>
      <div class="actions">
        <button type="button" class="secondary" @click=${() => { this.rows = [...this.rows, { text: '', payload: '' }]; }}>Add reply</button>
        <button type="submit" ?disabled=${this.disabled || this.busy}>Send quick replies</button>
      </div>
      ${this.renderError()}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-quick-reply-editor': DeskQuickReplyEditor }
}
