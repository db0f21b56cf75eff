/**
 * Opening the socket, and what a refusal before it opened means. Browsers hide the HTTP status of a failed upgrade,
 * so "origin not allowed" (403) must be told from "network down" by other signs.
 */
import type { ChatError } from '../../model.js';
import { chatError } from '../../connection/errors.js';
import type { ConfigOutcome } from '../../connection/deployment-config.js';

/** Why a socket ended before it opened, for telling "origin not allowed" from "network down". */
export interface SocketRefusal {
  closeCode?: number;
  errorText?: string;
}

const ORIGIN_CLOSE_CODES = new Set([1008, 4003]);

/**
 * Resolves null when the socket opened, or why it ended first. `abort()` stops the wait (resolving a `superseded`
 * refusal), e.g. when disconnect() comes first.
 */
export function awaitOpen(socket: WebSocket): { opened: Promise<SocketRefusal | null>; abort: () => void } {
  let abort: () => void = () => {};
  const opened = new Promise<SocketRefusal | null>((resolve) => {
    const refusal: SocketRefusal = {};
    let done = false;
    const finish = (value: SocketRefusal | null): void => {
      if (done) return;
      done = true;
      resolve(value);
    };
    abort = () => finish({ errorText: 'superseded' });
    socket.onopen = () => finish(null);
    socket.onerror = (event: Event) => {
      const message = (event as { message?: unknown }).message;
      if (typeof message === 'string') refusal.errorText = message;
    };
    socket.onclose = (event: CloseEvent) => {
      refusal.closeCode = event.code;
      finish(refusal);
    };
  });
  return { opened, abort };
}

/**
 * Counts refusals: "origin not allowed" is recognised by the status where the WebSocket implementation tells it, or
 * by repeated refusals before any session while config.json answers fine (the service is up, it refuses this page).
 */
export class OriginRefusals {
  private readonly refusalsBeforeOriginError: number;
  private everConfigured = false;
  private refusals = 0;

  /** @param refusalsBeforeOriginError refusals before the first session that count as "origin not allowed". */
  constructor(refusalsBeforeOriginError = 2) {
    this.refusalsBeforeOriginError = refusalsBeforeOriginError;
  }

  /** A session was configured: later refusals are network trouble. */
  sessionConfigured(): void {
    this.everConfigured = true;
    this.refusals = 0;
  }

  /** A fatal `origin-not-allowed` ChatError for this refusal, or null when it looks like network trouble. */
  verdict(refusal: SocketRefusal, config: ConfigOutcome | null): ChatError | null {
    const origin = (): ChatError => chatError('origin-not-allowed',
      'The chat service refused this website. Add its domain to the deployment\'s allowed domains.', { fatal: true, detail: refusal });
    if (/\b403\b/.test(refusal.errorText ?? '') || ORIGIN_CLOSE_CODES.has(refusal.closeCode ?? 0)) return origin();
    if (this.everConfigured || config?.kind !== 'ok') return null;
    this.refusals++;
    return this.refusals >= this.refusalsBeforeOriginError ? origin() : null;
  }
}
