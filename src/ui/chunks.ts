/**
 * Features loaded on first use (dynamic `import()`: the pre-chat form, attention, …) that are on their way: the
 * element's `updateComplete` waits for them, so "the update is complete" still means "what it shows is there".
 */
export class PendingChunks {
  private readonly inFlight = new Set<Promise<void>>();

  track(loading: Promise<unknown>): void {
    const settled = loading.then(() => undefined, () => undefined);
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once nothing is loading (a load may start another). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
