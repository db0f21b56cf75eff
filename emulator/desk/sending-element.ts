import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MessageContent } from '@genesys-chat/protocol/web-messaging.js';
import { errorText, LightElement } from './light-element.js';
import type { DeskSend } from './types.js';

/**
 * Base of the desk's editors: holds the send function, a busy flag and the last error, so each editor only says
 * how to build its message. A failed send keeps the draft so nothing typed is lost.
 */
export class SendingElement extends LightElement {
  @property({ attribute: false }) send: DeskSend | null = null;
  @property({ type: Boolean }) disabled = false;
  @state() protected busy = false;
  @state() protected error = '';

  /** Builds the message (may throw a DraftError) and sends it; returns true when it went out. */
  protected async submit(build: () => Promise<{ text?: string; content?: MessageContent[] }> | { text?: string; content?: MessageContent[] }): Promise<boolean> {
    if (!this.send || this.busy) return false;
    this.busy = true;
    this.error = '';
    try {
      await this.send(await build());
      return true;
    } catch (error) {
      this.error = errorText(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  protected renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
  }
}
