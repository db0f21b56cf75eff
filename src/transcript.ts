/**
 * The message store: ordered by channel time (Genesys does not guarantee delivery order), de-duplicated by id,
 * with the guest's delivery state (pending → sent on the echo, or failed with a reason).
 *
 * Ordering is kept by binary-search insertion (ties keep arrival order), so a message that arrives late slots into
 * place and a new one at the end costs O(log n) to place; nothing is ever re-sorted.
 */
import type { ChatMessage } from './model.js';

export type UpsertResult = 'added' | 'updated' | 'unchanged';

interface Entry {
  message: ChatMessage;
  /** Parsed time; NaN-safe (unparseable times sort as 0, first). */
  timeMs: number;
  /** Arrival order: breaks ties between equal times so equal-time messages stay stable. */
  seq: number;
}

function timeMsOf(message: ChatMessage): number {
  const ms = Date.parse(message.time);
  return Number.isNaN(ms) ? 0 : ms;
}

function sameSender(a: ChatMessage, b: ChatMessage): boolean {
  return a.sender?.name === b.sender?.name && a.sender?.avatarUrl === b.sender?.avatarUrl;
}

function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  return a.state === b.state && a.text === b.text && a.time === b.time && a.role === b.role
    && a.direction === b.direction && a.presence === b.presence && sameSender(a, b)
    && a.failure?.code === b.failure?.code
    && (a.content === b.content || JSON.stringify(a.content) === JSON.stringify(b.content));
}

export class Transcript {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private nextSeq = 0;
  /** The messages in entry order, kept in step with `entries` (so a snapshot is a copy, not a re-map). */
  private readonly list: ChatMessage[] = [];
  private snapshot: readonly ChatMessage[] | null = null;

  /**
   * The messages, oldest first. A new array after every change (cheap to compare by identity in a view), the same
   * array while nothing changed. Taking it after a change is one array copy (no per-entry work).
   */
  get messages(): readonly ChatMessage[] {
    if (!this.snapshot) this.snapshot = Object.freeze(this.list.slice());
    return this.snapshot;
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): ChatMessage | undefined {
    return this.byId.get(id)?.message;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Adds a message, or merges it into the one with the same id:
   * - a `sent` copy (echo or history) turns a local `pending`/`failed` message `sent`, taking the server's time and
   *   content;
   * - a `sent` message is never downgraded by a `pending` or `failed` copy.
   * Returns what happened and the stored message.
   */
  upsert(incoming: ChatMessage): { result: UpsertResult; message: ChatMessage } {
    const existing = this.byId.get(incoming.id);
    if (!existing) {
      this.insert(incoming, this.nextSeq++);
      return { result: 'added', message: incoming };
    }
    const current = existing.message;
    if (current.state === 'sent' && incoming.state !== 'sent') return { result: 'unchanged', message: current };
    const merged: ChatMessage = { ...incoming };
    if (incoming.state === 'sent') delete merged.failure;
    if (!merged.sender && current.sender) merged.sender = current.sender;
    if (sameMessage(current, merged)) return { result: 'unchanged', message: current };
    this.replace(existing, merged);
    return { result: 'updated', message: merged };
  }

  /** Upserts many (a page of history); returns the messages that were added or changed, in the given order. */
  merge(messages: readonly ChatMessage[]): ChatMessage[] {
    const changed: ChatMessage[] = [];
    for (const message of messages) {
      const { result, message: stored } = this.upsert(message);
      if (result !== 'unchanged') changed.push(stored);
    }
    return changed;
  }

  /** Changes fields of a stored message in place of the old object (state, failure, …); keeps its position. */
  update(id: string, patch: Partial<Omit<ChatMessage, 'id'>>): ChatMessage | undefined {
    const existing = this.byId.get(id);
    if (!existing) return undefined;
    const updated: ChatMessage = { ...existing.message, ...patch };
    for (const key of Object.keys(patch) as (keyof ChatMessage)[]) {
      if ((patch as Partial<ChatMessage>)[key] === undefined) delete updated[key];
    }
    this.replace(existing, updated);
    return updated;
  }

  remove(id: string): boolean {
    const existing = this.byId.get(id);
    if (!existing) return false;
    const index = this.indexOf(existing);
    this.entries.splice(index, 1);
    this.list.splice(index, 1);
    this.byId.delete(id);
    this.snapshot = null;
    return true;
  }

  clear(): void {
    this.entries.length = 0;
    this.list.length = 0;
    this.byId.clear();
    this.snapshot = null;
  }

  private replace(existing: Entry, message: ChatMessage): void {
    const timeMs = timeMsOf(message);
    const index = this.indexOf(existing);
    if (timeMs === existing.timeMs) {
      existing.message = message;
      this.list[index] = message;
      this.snapshot = null;
      return;
    }
    this.entries.splice(index, 1);
    this.list.splice(index, 1);
    this.byId.delete(message.id);
    this.insert(message, existing.seq);
  }

  private insert(message: ChatMessage, seq: number): void {
    const entry: Entry = { message, timeMs: timeMsOf(message), seq };
    const last = this.entries[this.entries.length - 1];
    // Fast path: the usual new message is the newest one.
    if (!last || compare(last, entry) <= 0) {
      this.entries.push(entry);
      this.list.push(message);
    } else {
      const index = this.upperBound(entry);
      this.entries.splice(index, 0, entry);
      this.list.splice(index, 0, message);
    }
    this.byId.set(message.id, entry);
    this.snapshot = null;
  }

  /** First index whose entry sorts after `entry`. */
  private upperBound(entry: Entry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entries[mid] as Entry, entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of a stored entry (binary search on its unique (time, seq) key). */
  private indexOf(entry: Entry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entries[mid] as Entry, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (this.entries[lo] !== entry) throw new Error('transcript index out of sync');
    return lo;
  }
}

function compare(a: Entry, b: Entry): number {
  return a.timeMs - b.timeMs || a.seq - b.seq;
}
