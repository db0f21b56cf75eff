/**
 * When the next connection attempt runs: at once, or after the backoff delay, and never before a 429 pause ends.
 */
import { Backoff } from '../transports/backoff.js';

export class ReconnectTimer {
  private readonly backoff: Backoff;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(backoff: Backoff) {
    this.backoff = backoff;
  }

  /** Back to the shortest delay (after a session, or on an explicit connect). */
  reset(): void {
    this.backoff.reset();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs `attempt` at once (`immediately`) or after the next backoff delay, not before `notBefore` (epoch ms). */
  schedule(immediately: boolean, notBefore: number | null, attempt: () => void): void {
    this.cancel();
    let delay = immediately ? 0 : this.backoff.next();
    if (notBefore) delay = Math.max(delay, notBefore - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      attempt();
    }, delay);
  }
}
