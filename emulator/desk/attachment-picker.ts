/** `<desk-attachment-picker>`: picks a file, uploads it to the emulator and sends it as an Attachment item. */
import { html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { deskApi } from './api.js';
import { attachmentContent, DraftError } from './content.js';
import { SendingElement } from './sending-element.js';

@customElement('desk-attachment-picker')
export class DeskAttachmentPicker extends SendingElement {
  @state() private file: File | null = null;
  @state() private caption = '';

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const sent = await this.submit(async () => {
      if (!this.file) throw new DraftError('Choose a file first.');
      const attachment = await deskApi.uploadAttachment(this.file);
      const text = this.caption.trim();
      const content = [attachmentContent(attachment)];
      return text ? { text, content } : { content };
    });
    if (sent) {
      form.reset();
      this.file = null;
      this.caption = '';
    }
  }

  protected override render(): TemplateResult {
    return html`<form novalidate class="editor" aria-label="Attachment" @submit=${this.onSubmit}>
      <label>File <input type="file" name="file"
        @change=${(e: Event) => { this.file = (e.target as HTMLInputElement).files?.[0] ?? null; }}></label>
      <label>Caption (optional) <input type="text" name="caption" .value=${this.caption}
        @input=${(e: Event) => { this.caption = (e.target as HTMLInputElement).value; }}></label>
      <div class="actions">
        <button type="submit" ?disabled=${this.disabled || this.busy}>${this.busy ? 'Uploading…' : 'Send attachment'}</button>
      </div>
      ${this.renderError()}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'desk-attachment-picker': DeskAttachmentPicker }
}
