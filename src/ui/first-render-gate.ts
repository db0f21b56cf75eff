/**
 * Holds an element's first render until `mayRender()` says it may go (the element's reasons: GenesysChat's
 * firstRenderMayStart), or until a set time passed. The updates it holds do not render; the first one that does gets
 * all their changes, so willUpdate and updated see every property that changed since the element was created.
 */
export class FirstRenderGate {
  private due = false;
  private readonly held = new Map<PropertyKey, unknown>();
  /** Resolves `rendered` (declared first: a field initialised after the promise would overwrite it). */
  private markRendered: () => void = () => undefined;
  /** Resolves once the first render ran (see done). */
  readonly rendered = new Promise<void>((resolve) => {
    this.markRendered = resolve;
  });

  constructor(private readonly mayRender: () => boolean) {}

  /** Starts the clock: after `waitMs` the first render goes ahead, whatever mayRender says (and asks for it). */
  start(requestUpdate: () => void, waitMs: number): void {
    setTimeout(() => {
      this.due = true;
      requestUpdate();
    }, waitMs);
  }

  /** Keeps the changes of an update that does not render, for the first render. Returns false: do not render. */
  hold(changed: Map<PropertyKey, unknown>): false {
    for (const [key, old] of changed) if (!this.held.has(key)) this.held.set(key, old);
    return false;
  }

  /**
   * Whether an update before the first render may render: once the time is up or mayRender(). When it may, the held
   * changes are added to `changed` (Lit passes that same map on to willUpdate, update and updated).
   */
  admit(changed: Map<PropertyKey, unknown>): boolean {
    if (!this.due && !this.mayRender()) return this.hold(changed);
    for (const [key, old] of this.held) if (!changed.has(key)) changed.set(key, old);
    this.held.clear();
    return true;
  }

  /** The first render ran. */
  done(): void {
    this.markRendered();
  }
}
