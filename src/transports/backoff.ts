/**
 * Reconnect delays: exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture
 * Blog): the n-th delay is uniformly random in [0, min(cap, base * 2^n)). Full jitter spreads the reconnects of many
 * pages that lost the same server at the same moment.
 */

export interface BackoffOptions {
  /** The first ceiling in ms. Default 1,000. */
  baseMs?: number;
  /** The largest delay in ms. Default 30,000 ("capped near 30 s"). */
  capMs?: number;
  /** The smallest delay in ms, so a run of failures never spins. Default 100. */
  minMs?: number;
  /** Uniform random in [0, 1); injectable for tests. Default Math.random. */
  random?: () => number;
}

export const DEFAULT_BACKOFF_BASE_MS = 1_000;
export const DEFAULT_BACKOFF_CAP_MS = 30_000;
export const DEFAULT_BACKOFF_MIN_MS = 100;

export class Backoff {
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly minMs: number;
  private readonly random: () => number;
  private attempts = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
    this.capMs = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
    this.minMs = Math.min(options.minMs ?? DEFAULT_BACKOFF_MIN_MS, this.capMs);
    this.random = options.random ?? Math.random;
  }

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.attempts;
  }

  /** The ceiling of the next delay (without jitter). */
  ceiling(): number {
    // 2 ** attempts overflows to Infinity after ~1000 attempts; Math.min keeps the cap.
    return Math.min(this.capMs, this.baseMs * 2 ** this.attempts);
  }

  /** The next delay in ms, then doubles the ceiling (up to the cap). */
  next(): number {
    const ceiling = this.ceiling();
    this.attempts++;
    const r = Math.min(Math.max(this.random(), 0), 1);
    return Math.max(this.minMs, Math.floor(r * ceiling));
  }

  /** After a successful connection: start again from the base. */
  reset(): void {
    this.attempts = 0;
  }
}
