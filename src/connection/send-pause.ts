/** The 429 pause: sends wait until `until` (epoch ms); a longer pause extends it, never shortens it. */
export class SendPause {
  private readonly onEnd: () => void;
  private untilValue: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** @param onEnd called when the pause is over (send what waits). */
  constructor(onEnd: () => void) {
    this.onEnd = onEnd;
  }

  /** Epoch ms until which sends wait, or null. */
  get until(): number | null {
    return this.untilValue;
  }

  /** True while sends must wait. */
  get active(): boolean {
    return !!this.untilValue && this.untilValue > Date.now();
  }

  pause(retryAfterSeconds: number): void {
    const until = Date.now() + Math.max(0, retryAfterSeconds) * 1000;
    this.untilValue = Math.max(this.untilValue ?? 0, until);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.untilValue = null;
      this.onEnd();
    }, this.untilValue - Date.now());
  }
}
