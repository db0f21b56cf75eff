/**
 * One outbound queue per Genesys token: spaces calls so at most `perSecond` start each second (spec §5.4: about
 * 300 requests per minute per client-credentials token; we default to 4/s for headroom), and pauses every call
 * when Genesys answers 429 with `Retry-After`.
 */
import { sleep } from './retry.js';

export class RateQueue {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly intervalMs: number;

  constructor(perSecond: number) {
    this.intervalMs = perSecond > 0 ? 1000 / perSecond : 0;
  }

  /** Waits for a free slot, then runs `task`. Slots are handed out in call order. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await sleep(slot - now);
    // A pause announced while we waited pushes us back too.
    const pause = this.pausedUntil - Date.now();
    if (pause > 0) await sleep(pause);
    return task();
  }

  /** Holds every queued and future call for `ms` (a 429 with Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}
