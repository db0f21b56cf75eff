/**
 * The composer: a textarea (Enter sends, Shift+Enter adds a line), a visible character count against
 * `limits.maxMessageLength`, the attach button and upload chips when the deployment allows attachments, and a
 * "start a new conversation" button once the conversation is read-only. A message that cannot be sent stays in
 * the textarea with a `composer-error` saying why: typed text is never lost.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Attachment } from '../protocol/web-messaging.js';
import { isChatError } from './chat-view.js';
import type { UiContext } from './context.js';
import { formatFileSize } from './format.js';
import { errorText } from './status-bar.js';

interface Upload {
  key: number;
  name: string;
  size: number;
  /** 0..100 while uploading. */
  progress: number;
  attachment?: Attachment;
  /** A local `blob:` URL for image previews; revoked when the chip goes away. */
  previewUrl?: string;
}

/** The character count shows once the draft uses this share of the limit (before that it is only noise). */
export const CHAR_COUNT_FROM = 0.8;

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class ComposerController implements ReactiveController {
  /** What the guest has typed and not yet sent. */
  draft = '';
  /** Why the last send or upload failed, in words (empty when all is well). */
  error = '';
  uploads: Upload[] = [];
  private nextKey = 1;

  constructor(private readonly host: Host, private readonly context: () => UiContext) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const upload of this.uploads) if (upload.previewUrl) URL.revokeObjectURL(upload.previewUrl);
  }

  /** The textarea, once rendered. */
  get input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea[part~="input"]');
  }

  focus(): void {
    this.input?.focus();
  }

  private get tooLong(): boolean {
    return this.draft.length > this.context().view.limits.maxMessageLength;
  }

  private get uploading(): boolean {
    return this.uploads.some((upload) => !upload.attachment);
  }

  /**
   * Sends the draft and the finished uploads. Returns true when the message left the composer. An empty draft is
   * ignored; an oversized one stays with an error.
   */
  submit(): boolean {
    const ctx = this.context();
    const text = this.draft.trim();
    const attachments = this.uploads.flatMap((upload) => (upload.attachment ? [upload.attachment] : []));
    if (ctx.view.readOnly || this.uploading) return false;
    if (!text && !attachments.length) return false;
    if (this.tooLong) {
      this.host.requestUpdate(); // render() shows the length error while the draft is over the limit
      return false;
    }
    try {
      ctx.view.send(text, attachments.length ? attachments : undefined);
    } catch (error) {
      this.error = isChatError(error) && error.code === 'message-too-long'
        ? this.tooLongText(ctx)
        : isChatError(error) ? errorText(error.code, ctx) : errorText('unknown', ctx);
      console.warn('[genesys-chat] send failed', error);
      this.host.requestUpdate();
      return false;
    }
    this.draft = '';
    this.error = '';
    for (const upload of this.uploads) if (upload.previewUrl) URL.revokeObjectURL(upload.previewUrl);
    this.uploads = [];
    this.host.requestUpdate();
    return true;
  }

  private tooLongText(ctx: UiContext): string {
    return ctx.t('tooLong', { count: this.draft.length, max: ctx.view.limits.maxMessageLength });
  }

  private onInput = (event: Event): void => {
    const ctx = this.context();
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.error = ''; // the guest is acting on it; a length error is recomputed by render()
    if (this.draft.trim() && ctx.view.features.guestTyping) ctx.view.notifyTyping();
    this.host.requestUpdate();
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.submit();
  };

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    this.submit();
    this.focus();
  };

  private onPickFiles = (event: Event): void => {
    const picker = event.target as HTMLInputElement;
    const files = Array.from(picker.files ?? []);
    picker.value = ''; // the same file can be picked again after a failure
    for (const file of files) void this.upload(file);
  };

  /** Uploads files given another way than the picker (dropped on the panel, pasted); same checks and chips. */
  addFiles(files: readonly File[]): void {
    const ctx = this.context();
    if (ctx.view.readOnly || !ctx.view.features.attachments) return;
    for (const file of files) void this.upload(file);
  }

  private async upload(file: File): Promise<void> {
    const ctx = this.context();
    const upload: Upload = { key: this.nextKey++, name: file.name, size: file.size, progress: 0 };
    if (file.type.startsWith('image/')) upload.previewUrl = URL.createObjectURL(file);
    this.uploads = [...this.uploads, upload];
    this.error = '';
    this.host.requestUpdate();
    try {
      upload.attachment = await ctx.view.uploadAttachment(file, ({ loaded, total }) => {
        upload.progress = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
        this.host.requestUpdate();
      });
      upload.progress = 100;
    } catch (error) {
      this.dropUpload(upload);
      const reason = isChatError(error) ? errorText(error.code, ctx) : errorText('attachment-failed', ctx);
      this.error = `${file.name}: ${reason}`;
      console.warn('[genesys-chat] upload failed', error);
    }
    this.host.requestUpdate();
  }

  private dropUpload(upload: Upload): void {
    if (upload.previewUrl) URL.revokeObjectURL(upload.previewUrl);
    this.uploads = this.uploads.filter((entry) => entry !== upload);
  }

  private removeUpload(upload: Upload): void {
    if (upload.attachment) this.context().view.removeAttachment(upload.attachment.id);
    this.dropUpload(upload);
    this.host.requestUpdate();
    this.focus();
  }

  private openPicker = (): void => {
    this.host.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  };

  private renderUploads(ctx: UiContext): TemplateResult | typeof nothing {
    if (!this.uploads.length) return nothing;
    return html`<ul class="uploads">${this.uploads.map((upload) => html`<li class="upload" data-done=${String(Boolean(upload.attachment))}>
      ${upload.previewUrl ? html`<img class="upload__preview" src=${upload.previewUrl} alt="" />` : nothing}
      <span class="upload__name">${upload.name}</span>
      <span class="upload__size">${formatFileSize(upload.size, ctx.locale)}</span>
      ${upload.attachment ? nothing : html`<progress max="100" value=${upload.progress}
        aria-label=${ctx.t('uploading', { name: upload.name })}></progress>`}
      <button type="button" class="icon-button" aria-label=${ctx.t('removeAttachment', { name: upload.name })}
        @click=${() => this.removeUpload(upload)}>×</button>
    </li>`)}</ul>`;
  }

  render(): TemplateResult {
    const ctx = this.context();
    const { view } = ctx;
    if (view.readOnly) return this.renderEnded(ctx);
    const max = view.limits.maxMessageLength;
    const count = this.draft.length;
    const over = count > max;
    const error = over ? this.tooLongText(ctx) : this.error;
    const canSend = !this.uploading && (this.draft.trim() !== '' || this.uploads.length > 0);
    const accept = view.limits.allowedFileTypes.join(',');
    const showCount = count >= max * CHAR_COUNT_FROM;
    const describedBy = [showCount ? 'char-count' : '', error ? 'composer-error' : ''].filter(Boolean).join(' ');
    return html`<form part="composer" class="composer" @submit=${this.onSubmit}>
      ${this.renderUploads(ctx)}
      ${error ? html`<div part="composer-error" id="composer-error" class="composer__error" role="alert">${error}</div>` : nothing}
      <div class="composer__row">
        ${view.features.attachments ? html`
          <button type="button" part="attach-button" class="icon-button" aria-label=${ctx.t('attach')}
            title=${ctx.t('attach')} @click=${this.openPicker}>
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z"/></svg>
          </button>
          <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true" multiple
            accept=${accept || nothing} @change=${this.onPickFiles} />` : nothing}
        <textarea part="input" class="composer__input" rows="1" aria-label=${ctx.t('inputLabel')}
          placeholder=${ctx.t('inputPlaceholder')} .value=${this.draft} aria-invalid=${over ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing} dir="auto"
          @input=${this.onInput} @keydown=${this.onKeyDown}></textarea>
        <button type="submit" part="send-button" class="send-button" aria-label=${ctx.t('send')} title=${ctx.t('send')}
          ?disabled=${!canSend}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10.2 15 12 3.4 13.8z"/></svg>
        </button>
      </div>
      ${showCount ? this.renderCharCount(ctx, count, max, over) : nothing}
    </form>`;
  }

  // The forms below are functions of their own so that the first render does not compile them (docs/bench.md,
  // fourteenth pass): V8 compiles a function whole on its first call.

  /** The conversation is over: said once, here; the status line and the field stay quiet. */
  private renderEnded(ctx: UiContext): TemplateResult {
    return html`<form part="composer" class="composer composer--read-only" @submit=${this.onSubmit}>
      <div class="composer__ended">
        <span>${ctx.t('conversationEnded')}</span>
        <button type="button" part="new-conversation-button" class="primary-button"
          @click=${() => void ctx.view.startNewConversation()}>${ctx.t('newConversation')}</button>
      </div>
    </form>`;
  }

  private renderCharCount(ctx: UiContext, count: number, max: number, over: boolean): TemplateResult {
    return html`<div part="char-count" id="char-count" class="char-count ${over ? 'char-count--over' : ''}"
      aria-label=${ctx.t('charCountLabel', { count, max })}>${ctx.t('charCount', { count, max })}</div>`;
  }
}
