/**
 * ChatError values as throwable objects: an `Error` (stack, `instanceof`) that is also a `ChatError` (code,
 * message, fatal), so the element can show `code` in words and the console keeps the details.
 */
import type { ChatError, ChatErrorCode } from '../model.js';

/** A ChatError that can be thrown or used to reject a promise. */
export class ChatFailure extends Error implements ChatError {
  override name = 'ChatFailure';
  readonly code: ChatErrorCode;
  readonly fatal: boolean;
  readonly retryAfterSeconds?: number;
  readonly detail?: unknown;

  constructor(error: ChatError) {
    super(error.message);
    this.code = error.code;
    this.fatal = error.fatal;
    if (error.retryAfterSeconds !== undefined) this.retryAfterSeconds = error.retryAfterSeconds;
    if (error.detail !== undefined) this.detail = error.detail;
  }
}

/** Builds a plain ChatError value. */
export function chatError(
  code: ChatErrorCode,
  message: string,
  extra: { fatal?: boolean; retryAfterSeconds?: number; detail?: unknown } = {},
): ChatError {
  const error: ChatError = { code, message, fatal: extra.fatal ?? false };
  if (extra.retryAfterSeconds !== undefined) error.retryAfterSeconds = extra.retryAfterSeconds;
  if (extra.detail !== undefined) error.detail = extra.detail;
  return error;
}

/** Narrows anything caught into a ChatError (unknown failures become code `unknown`). */
export function toChatError(value: unknown): ChatError {
  if (value instanceof ChatFailure) return value;
  if (typeof value === 'object' && value !== null && 'code' in value && 'message' in value && 'fatal' in value) {
    const candidate = value as { code: unknown; message: unknown; fatal: unknown };
    if (typeof candidate.code === 'string' && typeof candidate.message === 'string') return value as ChatError;
  }
  const message = value instanceof Error ? value.message : String(value);
  return chatError('unknown', message, { detail: value });
}
