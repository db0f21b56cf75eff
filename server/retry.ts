/**
 * Retry policy for calls to Genesys (token endpoint and Platform API): honour `Retry-After` on 429/503, capped
 * exponential backoff with full jitter otherwise (spec open-messaging.md §5.4, platform-api.md §3.3).
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt, capped at `maxDelayMs`, then a random share of it (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out: the call fails with `retryAfterSeconds` instead. */
  maxRetryAfterMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 10_000,
};

/** Statuses worth another attempt: rate limited or a server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `Retry-After` as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter backoff for attempt `n` (0-based): random in [0, min(max, base·2ⁿ)], at least 10 ms. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(10, Math.round(random() * ceiling));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
}

/** A call to Genesys that finally failed. Carries no headers, tokens or bodies with secrets. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    message: string,
    /** HTTP status, or 0 for network errors and timeouts. */
    readonly status: number,
    readonly retryAfterMs?: number,
    /** Genesys' error `code` when the body had one (e.g. `too.many.requests.retry.after`). */
    readonly code?: string,
  ) {
    super(message);
  }
}
