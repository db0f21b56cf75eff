/**
 * Per-key sliding-window limiter (Genesys limits guest requests per session; the number is UNCONFIRMED, so it is
 * the emulator option `rateLimitPerMinute`).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly perMinute: number, private readonly windowMs = 60_000) {}

  /** Records a request; returns null when allowed, or the seconds to wait (retryAfter) when over the limit. */
  hit(key: string, now = Date.now()): number | null {
    if (this.perMinute <= 0) return null;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    return null;
  }

  forget(key: string): void {
    this.hits.delete(key);
  }
}
