/**
 * The controller's voice on the page: `host.requestUpdate()` and the `genesys-chat:*` DOM events (bubbling,
 * composed, typed detail) dispatched on the host element.
 */
import type { ReactiveControllerHost } from 'lit';
import type {
  AuthEventDetail, ChatError, ChatMessage, MessageEventDetail, StatusEventDetail, TypingEventDetail,
} from '../model.js';

export class HostEvents {
  private readonly host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
  }

  /** Asks the element to render again. */
  update(): void {
    this.host.requestUpdate();
  }

  status(detail: StatusEventDetail): void {
    this.dispatch('genesys-chat:status', detail);
  }

  typing(detail: TypingEventDetail): void {
    this.dispatch('genesys-chat:typing', detail);
  }

  /** `genesys-chat:message`; `update` false when the caller requests one update for a batch. */
  message(message: ChatMessage, source: MessageEventDetail['source'], update = true): void {
    if (update) this.host.requestUpdate();
    const detail: MessageEventDetail = { message, source };
    this.dispatch('genesys-chat:message', detail);
  }

  auth(detail: AuthEventDetail): void {
    this.dispatch('genesys-chat:auth', detail);
  }

  error(error: ChatError): void {
    this.dispatch('genesys-chat:error', error);
  }

  private dispatch(type: string, detail: unknown): void {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
