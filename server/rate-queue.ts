/**
 * One outbound queue per Genesys token (spec open-messaging.md §5.4: about 300 requests per minute per
 * client-credentials token; we default to 4/s for headroom).
 *
 * - **Rate cap:** at most `perSecond` calls start in any one-second window, whatever their lane.
 * - **Lanes:** `interactive` (guest messages, quick replies) always starts before `typing`, which starts before
 *   `receipt` (Delivered/Failed receipts for agent messages), which starts before `background` (availability
 *   lookups, webhook registration). A lower lane never starts while a higher one
 *   waits, and one slot per window is kept for `interactive`, so a guest's message does not wait behind lookups.
 *   Each lane is first in, first out, so a guest's messages keep their order.
 * - **Typing:** a typing call with a `coalesceKey` replaces the one of the same key still waiting, and a call
 *   waiting longer than its `dropAfterMs` is dropped (a late typing indicator is worthless).
 * - **Receipts:** their lane is bounded (`maxWaiting`); under pressure the oldest waiting receipts are dropped first.
 * - **429:** `pauseFor` (Retry-After) holds every lane.
 */

/** Which lane a call waits in, highest priority first. */
export type OutboundPriority = 'interactive' | 'typing' | 'receipt' | 'background';

/** Lanes in the order they are served. */
export const OUTBOUND_PRIORITIES: readonly OutboundPriority[] = ['interactive', 'typing', 'receipt', 'background'];

/** Default bound of the receipt lane: beyond it the oldest waiting receipts are dropped first. */
export const DEFAULT_MAX_WAITING_RECEIPTS = 1000;

export interface RunOptions {
  /** Default `background`. */
  priority?: OutboundPriority;
  /** A newer call with the same key and lane replaces this one while it waits (it is rejected as `coalesced`). */
  coalesceKey?: string;
  /** Drop the call (rejected as `stale`) if it could not start within this many ms. */
  dropAfterMs?: number;
}

/** Time source and timer, injectable so tests can drive the queue without waiting. */
export interface QueueClock {
  now(): number;
  /** Calls `fn` after `ms`; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: QueueClock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    // A waiting call must not keep the process alive on its own.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export interface RateQueueOptions {
  /** Calls per second, all lanes together. 0 or less: no cap. */
  perSecond: number;
  /** Slots per window that only `interactive` may use. Default 1 (0 when the cap is 1 call per window). */
  interactiveReserve?: number;
  /** At most this many calls wait in a lane; a new one drops the oldest (`overflow`). Default: receipts 1000. */
  maxWaiting?: Partial<Record<OutboundPriority, number>>;
  clock?: QueueClock;
  /**
   * Cluster-wide start slots (server/redis-store.ts): with a gate, every start also needs a slot from it, so the
   * rate holds for all instances together. Without one, the queue paces this process alone.
   */
  gate?: SlotGate;
}

/** Shared start slots; see {@link RateQueueOptions.gate}. */
export interface SlotGate {
  /** Takes one slot if fewer than `limit` calls started in the last `windowMs`; resolves 0, or the ms to wait. */
  take(limit: number, windowMs: number): Promise<number>;
}

/** Why a call was never started. */
export class QueueDroppedError extends Error {
  override name = 'QueueDroppedError';
  constructor(readonly reason: 'coalesced' | 'stale' | 'closed' | 'overflow') {
    super(`outbound call dropped (${reason})`);
  }
}

interface Job {
  readonly lane: OutboundPriority;
  readonly key: string | undefined;
  readonly deadline: number;
  start(): void;
  drop(reason: QueueDroppedError['reason']): void;
}

export class RateQueue {
  private readonly lanes: Record<OutboundPriority, Job[]> = { interactive: [], typing: [], receipt: [], background: [] };
  private readonly maxWaiting: Partial<Record<OutboundPriority, number>>;
  /** Start times within the current window, oldest first. */
  private readonly starts: number[] = [];
  private readonly capacity: number;
  private readonly windowMs: number;
  private readonly reserve: number;
  private readonly clock: QueueClock;
  private pausedUntil = 0;
  private cancelTimer: (() => void) | null = null;
  private pumping = false;
  private closed = false;
  private readonly gate: SlotGate | undefined;
  /** Waiting for the gate's answer (one request at a time). */
  private gating = false;

  constructor(options: RateQueueOptions | number) {
    const { perSecond, interactiveReserve, clock, maxWaiting, gate } = typeof options === 'number' ? { perSecond: options } as RateQueueOptions : options;
    this.gate = perSecond > 0 ? gate : undefined;
    this.maxWaiting = { receipt: DEFAULT_MAX_WAITING_RECEIPTS, ...maxWaiting };
    // N calls per window of N/perSecond seconds: the same average as perSecond, with whole slots.
    this.capacity = perSecond > 0 ? Math.max(1, Math.floor(perSecond)) : Infinity;
    this.windowMs = perSecond > 0 ? (this.capacity / perSecond) * 1000 : 0;
    this.reserve = Math.min(interactiveReserve ?? 1, this.capacity - 1);
    this.clock = clock ?? systemClock;
  }

  /**
   * Waits for a slot in `options.priority`'s lane, then runs `task`. Rejects with {@link QueueDroppedError} when the
   * call is coalesced, stale or the queue is closed; otherwise settles as `task` does.
   */
  run<T>(task: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new QueueDroppedError('closed'));
    const lane = options.priority ?? 'background';
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        lane,
        key: options.coalesceKey,
        deadline: options.dropAfterMs !== undefined ? this.clock.now() + options.dropAfterMs : Infinity,
        start: () => {
          try {
            task().then(resolve, reject);
          } catch (error) {
            reject(error);
          }
        },
        drop: (reason) => reject(new QueueDroppedError(reason)),
      };
      const queue = this.lanes[lane];
      if (job.key !== undefined) {
        const index = queue.findIndex((j) => j.key === job.key);
        if (index !== -1) queue.splice(index, 1)[0]!.drop('coalesced');
      }
      queue.push(job);
      const max = this.maxWaiting[lane];
      if (max !== undefined) while (queue.length > max) queue.shift()!.drop('overflow');
      this.pump();
    });
  }

  /** Holds every lane, queued and future calls alike, for `ms` (a 429 with Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.pump();
  }

  /** Calls waiting in `priority`'s lane, or in all lanes. */
  waiting(priority?: OutboundPriority): number {
    if (priority) return this.lanes[priority].length;
    return OUTBOUND_PRIORITIES.reduce((sum, lane) => sum + this.lanes[lane].length, 0);
  }

  /** Whether a 429 pause is holding the queue now. */
  get paused(): boolean {
    return this.pausedUntil > this.clock.now();
  }

  /** Rejects every waiting call and any later one (server shutdown). Calls already started are not touched. */
  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    for (const lane of OUTBOUND_PRIORITIES) for (const job of this.lanes[lane].splice(0)) job.drop('closed');
  }

  /** Starts whatever may start now, then sets one timer for the next moment something could. */
  private pump(): void {
    if (this.pumping || this.closed || this.gating) return;
    this.pumping = true;
    try {
      this.cancelTimer?.();
      this.cancelTimer = null;
      for (;;) {
        const now = this.clock.now();
        this.dropStale(now);
        if (this.waiting() === 0) return;
        if (this.pausedUntil > now) return this.wakeAt(this.pausedUntil, now);
        while (this.starts.length > 0 && this.starts[0]! <= now - this.windowMs) this.starts.shift();
        const lane = OUTBOUND_PRIORITIES.find((l) => this.lanes[l].length > 0)!;
        // Strict priority: when the highest waiting lane cannot start, nothing below it may either.
        const limit = lane === 'interactive' ? this.capacity : this.capacity - this.reserve;
        const freeAt = this.freeAt(limit, now);
        if (freeAt > now) return this.wakeAt(freeAt, now);
        if (this.gate) return this.askGate(limit);
        const job = this.lanes[lane].shift()!;
        if (this.windowMs > 0) this.starts.push(now);
        job.start();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Asks the cluster for a slot; on yes starts the highest waiting call, on no waits as long as it says. */
  private askGate(limit: number): void {
    this.gating = true;
    const done = (wait: number) => {
      this.gating = false;
      if (this.closed) return;
      const now = this.clock.now();
      if (wait > 0) {
        this.wakeAt(now + wait, now);
        return;
      }
      this.dropStale(now);
      const lane = OUTBOUND_PRIORITIES.find((l) => this.lanes[l].length > 0);
      if (lane) {
        this.starts.push(now);
        this.lanes[lane].shift()!.start();
      }
      this.pump();
    };
    // The store unreachable: wait a moment and ask again (calls keep their place).
    this.gate!.take(limit, this.windowMs).then(done, () => done(200));
  }

  /** When a lane allowed `limit` starts per window gets its next one. */
  private freeAt(limit: number, now: number): number {
    if (this.starts.length < limit) return now;
    return this.starts[this.starts.length - limit]! + this.windowMs;
  }

  private dropStale(now: number): void {
    for (const lane of OUTBOUND_PRIORITIES) {
      const queue = this.lanes[lane];
      for (let i = queue.length - 1; i >= 0; i--) {
        if (queue[i]!.deadline <= now) queue.splice(i, 1)[0]!.drop('stale');
      }
    }
  }

  private wakeAt(at: number, now: number): void {
    let next = at;
    for (const lane of OUTBOUND_PRIORITIES) for (const job of this.lanes[lane]) next = Math.min(next, job.deadline);
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = null;
      this.pump();
    }, Math.max(0, next - now));
  }
}
