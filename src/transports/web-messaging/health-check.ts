/**
 * The health-check echo (web-messaging.md §2.5): every period an `echo` with the fixed tracingId; when nothing with
 * that tracingId comes back in time, the socket counts as dead. Echo replies never reach the transcript.
 */
import { HEALTH_CHECK_INTERVAL_MS } from '../../protocol/web-messaging.js';

/** How long an echo may go unanswered before the socket counts as dead (UNCONFIRMED in the spec). */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 10_000;

export interface HealthCheckOptions {
  /** Sends the echo; throws when the socket cannot take it (then no deadline starts). */
  sendEcho: () => void;
  /** No answer in time: the socket must go. */
  onDead: () => void;
  intervalMs?: number;
  timeoutMs?: number;
}

export class HealthCheck {
  private readonly options: HealthCheckOptions;
  private timer: ReturnType<typeof setInterval> | null = null;
  private deadline: ReturnType<typeof setTimeout> | null = null;

  constructor(options: HealthCheckOptions) {
    this.options = options;
  }

  /** Starts echoing; `isCurrent` turns false once the socket it was started for is replaced. */
  start(isCurrent: () => boolean): void {
    this.stop();
    const interval = this.options.intervalMs ?? HEALTH_CHECK_INTERVAL_MS;
    this.timer = setInterval(() => {
      if (!isCurrent() || this.deadline) return;
      try {
        this.options.sendEcho();
      } catch {
        return;
      }
      this.deadline = setTimeout(() => {
        this.deadline = null;
        if (!isCurrent()) return;
        this.options.onDead();
      }, this.options.timeoutMs ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS);
    }, interval);
  }

  /** A frame with the health-check tracingId came back. */
  answered(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.deadline) clearTimeout(this.deadline);
    this.timer = null;
    this.deadline = null;
  }
}
