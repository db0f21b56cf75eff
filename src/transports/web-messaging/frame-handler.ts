/**
 * Server frames that are not replies to a request, turned into TransportEvents: messages and typing, read-only
 * conditions, 429s, session expiry/clearing, upload verdicts, and error frames tied to a sent message by tracingId.
 */
import type { ChatError, SendFailure } from '../../model.js';
import {
  WebMessagingErrorCode,
  type ServerFrame, type StructuredMessageBody, type UploadFailureEventFrame, type UploadSuccessEventFrame,
} from '../../protocol/web-messaging.js';
import { isReadOnlyDisconnect, toChatMessage, typingOf } from '../../protocol/web-messaging-parse.js';
import { chatError } from '../../connection/errors.js';
import type { TransportEvent } from '../transport.js';
import { bodyText, sendFailureOf } from './error-frames.js';

/** What the handler may do to the transport. */
export interface FrameHandlerHost {
  emit(event: TransportEvent): void;
  /** The socket is gone (or must go): clean up and emit `closed` once. */
  drop(error: ChatError | undefined, reconnect: boolean): void;
  /** The session token is no longer valid: the next session starts with a new one. */
  forgetToken(): void;
  /** The server said this session is read-only. */
  markReadOnly(): void;
  /** True while our own closeSession is under way (its ConnectionClosedEvent is expected). */
  isEnding(): boolean;
  confirmUpload(frame: UploadSuccessEventFrame | UploadFailureEventFrame): void;
}

export class FrameHandler {
  private readonly host: FrameHandlerHost;
  /** Client ids of messages sent on this socket whose echo has not come yet (errors carry them as tracingId). */
  private readonly unconfirmed = new Set<string>();

  constructor(host: FrameHandlerHost) {
    this.host = host;
  }

  /** A guest message went out with this id as its tracingId. */
  sent(id: string): void {
    this.unconfirmed.add(id);
  }

  /** The socket went: its messages can no longer fail by tracingId. */
  reset(): void {
    this.unconfirmed.clear();
  }

  handle(frame: ServerFrame): void {
    switch (frame.class) {
      case 'StructuredMessage':
        this.handleMessage(frame.body);
        return;
      case 'TooManyRequestsErrorMessage': {
        const retryAfterSeconds = frame.body.retryAfter;
        this.host.emit({ type: 'rate-limited', retryAfterSeconds });
        this.failSend(frame, { code: 'rate-limited', message: frame.body.errorMessage, retryAfterSeconds });
        return;
      }
      case 'UploadSuccessEvent':
      case 'UploadFailureEvent':
        this.host.confirmUpload(frame);
        return;
      case 'ConnectionClosedEvent':
        if (this.host.isEnding()) return;
        this.host.drop(chatError('server', 'The conversation was closed from another window.', { detail: frame.body }), false);
        return;
      case 'SessionExpiredEvent':
        this.host.forgetToken();
        this.host.drop(chatError('session-expired', 'The chat session expired.', { detail: frame.body }), false);
        return;
      case 'SessionClearedEvent':
        this.host.forgetToken();
        this.host.emit({ type: 'cleared' });
        this.host.drop(undefined, true);
        return;
      case 'string':
      case 'Error':
        if (frame.code >= 400) this.handleError(frame);
        return;
      default:
        if (frame.code >= 400) this.handleError(frame);
    }
  }

  private handleMessage(body: StructuredMessageBody): void {
    const typing = typingOf(body);
    if (typing) {
      this.host.emit({ type: 'typing', ...typing });
      return;
    }
    const message = toChatMessage(body);
    if (message) {
      if (message.direction === 'inbound') this.unconfirmed.delete(message.id);
      this.host.emit({ type: 'messages', messages: [message], source: 'live' });
    }
    if (isReadOnlyDisconnect(body)) {
      this.host.markReadOnly();
      this.host.emit({ type: 'read-only' });
    }
  }

  /** An error frame: tied to a sent message (by tracingId) → send-failed; else a session-level condition. */
  private handleError(frame: ServerFrame): void {
    const code = frame.code;
    const text = bodyText(frame);
    if (code === WebMessagingErrorCode.SessionHasExpired) {
      this.host.forgetToken();
      this.host.drop(chatError('session-expired', text, { detail: frame }), false);
      return;
    }
    if (code === WebMessagingErrorCode.SessionNotFound) {
      this.host.forgetToken();
      this.host.drop(chatError('session-not-found', text, { detail: frame }), true);
      return;
    }
    const failure = sendFailureOf(frame);
    if (failure.code === 'read-only') {
      this.host.markReadOnly();
      this.host.emit({ type: 'read-only' });
    }
    if (failure.code === 'rate-limited') this.host.emit({ type: 'rate-limited', retryAfterSeconds: 1 });
    if (!this.failSend(frame, failure)) {
      this.host.emit({ type: 'error', error: chatError(failure.code, text, { detail: frame }) });
    }
  }

  /** Reports a send failure when the frame's tracingId is one of our messages. */
  private failSend(frame: ServerFrame, failure: SendFailure): boolean {
    const id = frame.tracingId;
    if (!id || !this.unconfirmed.has(id)) return false;
    this.unconfirmed.delete(id);
    this.host.emit({ type: 'send-failed', id, failure });
    return true;
  }
}
