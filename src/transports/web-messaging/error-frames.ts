/**
 * What a Web Messaging error frame means for us: the ChatError of a refused configureSession or upload, and the
 * SendFailure of a refused message (web-messaging.md §5). Pure functions; the transport decides what to emit.
 */
import type { ChatError, SendFailure } from '../../model.js';
import { WebMessagingErrorCode, type ServerFrame } from '../../protocol/web-messaging.js';
import { ChatFailure, chatError } from '../../connection/errors.js';

/** The human text of a frame: its string body, its `errorMessage`, else its class. */
export function bodyText(frame: ServerFrame): string {
  const body: unknown = frame.body;
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null && 'errorMessage' in body) return String(body.errorMessage);
  return frame.class;
}

/** The SendFailure of an error frame (code ≥ 400) that is not a session-level condition (4006/4007). */
export function sendFailureOf(frame: ServerFrame): SendFailure {
  const code = frame.code;
  const text = bodyText(frame);
  if (code === WebMessagingErrorCode.MessageTooLong) return { code: 'message-too-long', message: text };
  if (code === WebMessagingErrorCode.CustomAttributeSizeTooLarge) return { code: 'custom-attributes-too-large', message: text };
  if (code === 409) return { code: 'read-only', message: text };
  if (code === 429 || code === WebMessagingErrorCode.RequestRateTooHigh) return { code: 'rate-limited', message: text, retryAfterSeconds: 1 };
  return { code: 'server', message: text };
}

/** A configureSession answered with something other than a connected SessionResponse. */
export function sessionRefusal(frame: ServerFrame): ChatError {
  const code = frame.code;
  const text = bodyText(frame);
  if (frame.class === 'TooManyRequestsErrorMessage') {
    return chatError('rate-limited', text, { retryAfterSeconds: frame.body.retryAfter, detail: frame });
  }
  if (code === WebMessagingErrorCode.SessionNotFound) return chatError('session-not-found', text, { detail: frame });
  if (code === WebMessagingErrorCode.SessionHasExpired || frame.class === 'SessionExpiredEvent') {
    return chatError('session-expired', text, { detail: frame });
  }
  if (code === 403 || /origin/i.test(text)) {
    return chatError('origin-not-allowed', `This website is not an allowed domain of the deployment (${text}).`, { fatal: true, detail: frame });
  }
  if (/inactive/i.test(text)) return chatError('deployment-inactive', 'The chat deployment is not active.', { fatal: true, detail: frame });
  if (code === 404 || /deployment/i.test(text)) {
    return chatError('deployment-not-found', 'The chat deployment was not found; check deployment-id and region.', { fatal: true, detail: frame });
  }
  return chatError('server', `The session could not be configured: ${text}`, { detail: frame });
}

/** The failure of an upload refused by GenerateUrlError / UploadFailureEvent / an error frame. */
export function uploadError(frame: ServerFrame): ChatFailure {
  const text = bodyText(frame);
  const code = frame.class === 'GenerateUrlError' || frame.class === 'UploadFailureEvent' ? frame.body.errorCode : frame.code;
  if (code === WebMessagingErrorCode.FileTypeInvalid) {
    return new ChatFailure(chatError('attachment-type-not-allowed', text, { detail: frame }));
  }
  if (code === WebMessagingErrorCode.FileSizeInvalid) return new ChatFailure(chatError('attachment-too-large', text, { detail: frame }));
  return new ChatFailure(chatError('attachment-failed', text, { detail: frame }));
}
