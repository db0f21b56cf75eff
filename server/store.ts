/**
 * Where the gateway keeps what must outlive a socket: sessions, guests (their profile towards Genesys), each guest's
 * bounded transcript buffer with `seq`, the receipts still owed to Genesys, the webhook replay cache, the
 * per-address rate limits and the files guests uploaded. Two implementations: {@link MemoryStore} (one process, the
 * default) and `RedisStore` (server/redis-store.ts, `REDIS_URL`: a cluster of instances sharing one Redis).
 *
 * Sockets themselves never live here: each instance holds its own and learns about new transcript entries through
 * {@link GatewayStore.subscribe} (Redis pub/sub on a per-guest channel, subscribed only where the guest has a socket).
 */
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import { DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES } from './upload-files.js';
import { MemoryUploads, type UploadRecord } from './upload-store.js';

export { UploadStoreFullError, type UploadRecord } from './upload-store.js';

/** What a site's `authenticate` hook returns for a logged-in customer; agents see these fields. */
export interface VerifiedCustomer {
  /** The site's stable customer id (hashed before it becomes a guest id). */
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  nickname?: string;
}

/** The guest as Genesys sees them (`channel.from`, metadata), shared by every instance. */
export interface GuestProfile {
  skill?: string;
  customAttributes: Record<string, string>;
  displayName?: string;
  customer?: VerifiedCustomer;
  /** Typing goes to Genesys only after the first message (a typing event may not start a conversation). */
  hasSentMessage: boolean;
  /** Created by an agent message for a guest this process did not know (after a restart without Redis). */
  placeholder?: boolean;
  /** Recreated from a signed token after the store lost the guest: they had a conversation before. */
  restored?: boolean;
}

export interface SessionRecord {
  readonly sessionId: string;
  readonly guestId: string;
  readonly createdAt: number;
}

export interface BufferedMessage {
  seq: number;
  message: ChatMessage;
  /** The Genesys webhook payload id of an agent message no socket took yet (a Delivered receipt is owed). */
  undeliveredPayloadId?: string;
}

/** What happened to a guest, as the instances holding their sockets hear it. */
export type GuestEvent = { kind: 'entry'; entry: BufferedMessage } | { kind: 'typing'; durationMs: number };
export type GuestListener = (event: GuestEvent) => void;

export interface AppendResult {
  /** The new entry (or the existing one when the message id was already buffered). */
  entry: BufferedMessage;
  duplicate: boolean;
  /** Payload ids of agent messages pushed out of the buffer before any socket took them (a Failed receipt is owed). */
  dropped: string[];
}

/** What became of an agent message from the webhook. */
export interface AcceptResult {
  outcome: 'replay' | 'unknown' | 'duplicate' | 'appended';
  /** Payload ids of agent messages pushed out of the buffer before any socket took them (a Failed receipt is owed). */
  dropped: string[];
}

/** A cluster-wide cached token and a lock so one instance fetches it for all (server/oauth.ts). */
export interface SharedToken { value: string; renewAt: number; expiresAt: number }
export interface SharedTokenCache {
  get(): Promise<SharedToken | null>;
  /**
   * Returns a token fresh enough to use: the stored one, or the one `fetch` gets while this instance holds the
   * cluster-wide lock (others wait for it and read it from the store).
   */
  singleFlight(fetch: () => Promise<SharedToken>): Promise<SharedToken>;
  /** Forgets `value` if it is the stored token (the Platform API refused it). */
  invalidate(value: string): Promise<void>;
}

/** Cluster-wide start slots for Genesys calls (server/rate-queue.ts). */
export interface SlotGate {
  /** Takes one slot if fewer than `limit` calls started in the last `windowMs`; returns 0, or the ms to wait. */
  take(limit: number, windowMs: number): Promise<number>;
  /** Holds every instance's calls for `ms` (a 429 with Retry-After). */
  pauseFor(ms: number): Promise<void>;
}

export interface GatewayStore {
  readonly kind: 'memory' | 'redis';
  putSession(session: SessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  getGuest(guestId: string): Promise<GuestProfile | undefined>;
  putGuest(guestId: string, profile: GuestProfile): Promise<void>;
  /** The guest was active (their data lives on for another resume window). */
  touchGuest(guestId: string): Promise<void>;
  /** Appends a message (once per message id), bounded by the transcript limit, and tells the guest's listeners. */
  append(guestId: string, message: ChatMessage, undeliveredPayloadId?: string): Promise<AppendResult>;
  /**
   * An agent message from the webhook, in one step (one Redis round trip): a replay of `replayKey` within
   * `replayWindowMs` changes nothing; an unknown guest changes nothing else; otherwise as {@link append}.
   */
  acceptAgentMessage(replayKey: string, replayWindowMs: number, guestId: string, message: ChatMessage, payloadId: string): Promise<AcceptResult>;
  /** Entries after `afterSeq` (all when undefined or beyond the head: the buffer was reset), and the head seq. */
  since(guestId: string, afterSeq?: number): Promise<{ entries: BufferedMessage[]; head: number }>;
  findMessage(guestId: string, messageId: string): Promise<BufferedMessage | undefined>;
  /** Takes the receipt owed for entry `seq`, once in the whole cluster: its payload id, or undefined. */
  claimReceipt(guestId: string, seq: number): Promise<string | undefined>;
  /** Live agent typing for the guest's sockets, wherever they are (never buffered). */
  publishTyping(guestId: string, durationMs: number): Promise<void>;
  subscribe(guestId: string, listener: GuestListener): Promise<void>;
  unsubscribe(guestId: string, listener: GuestListener): Promise<void>;
  /** true the first time `key` is seen within `windowMs` (webhook replays), in the whole cluster. */
  firstSeen(key: string, windowMs: number): Promise<boolean>;
  /** Counts one hit in a fixed window; the seconds to wait when over `max`, or 0. */
  rateHit(key: string, max: number, windowMs: number): Promise<number>;
  /** Claims `key` for `ttlMs` (a guest message being posted); false when someone holds it. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  release(key: string): Promise<void>;
  /** Keeps an upload for `ttlMs` (one Redis key); throws {@link UploadStoreFullError} when there is no room. */
  putUpload(id: string, record: UploadRecord, ttlMs: number): Promise<void>;
  /** The upload, or undefined when unknown or expired. */
  getUpload(id: string): Promise<UploadRecord | undefined>;
  deleteUpload(id: string): Promise<void>;
  /** Guests idle longer than the resume window (and expired uploads), forgotten now, with the receipts they still owed. */
  sweep(isConnected: (guestId: string) => boolean, now?: number): Promise<{ guestId: string; owed: string[] }[]>;
  readonly tokenCache?: SharedTokenCache;
  readonly slotGate?: SlotGate;
  close(): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Messages kept per guest. Default 200. */
  transcriptLimit?: number;
  /** A guest with no socket is forgotten after this long. Default 24 h. */
  idleGuestMs?: number;
  /** Bytes of uploads kept at once; beyond, uploads are refused until some expire. Default 256 MiB. */
  uploadBudgetBytes?: number;
}

interface MemoryGuest {
  profile: GuestProfile;
  buffer: BufferedMessage[];
  seq: number;
  lastActiveAt: number;
}

/** One process, in memory: today's behaviour, and the default. */
export class MemoryStore implements GatewayStore {
  readonly kind = 'memory' as const;
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly guests = new Map<string, MemoryGuest>();
  private readonly seen = new Map<string, number>();
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly claims = new Map<string, number>();
  private readonly listeners = new Map<string, Set<GuestListener>>();
  private readonly uploads: MemoryUploads;
  private readonly transcriptLimit: number;
  private readonly idleGuestMs: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.transcriptLimit = options.transcriptLimit ?? 200;
    this.idleGuestMs = options.idleGuestMs ?? 24 * 3600_000;
    this.uploads = new MemoryUploads(options.uploadBudgetBytes ?? DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES);
  }

  async putSession(session: SessionRecord): Promise<void> {
    this.sessions.set(session.sessionId, session);
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    return this.sessions.get(sessionId);
  }

  async getGuest(guestId: string): Promise<GuestProfile | undefined> {
    const guest = this.guests.get(guestId);
    return guest ? { ...guest.profile, customAttributes: { ...guest.profile.customAttributes } } : undefined;
  }

  async putGuest(guestId: string, profile: GuestProfile): Promise<void> {
    const guest = this.guests.get(guestId);
    if (guest) {
      guest.profile = { ...profile };
      guest.lastActiveAt = Date.now();
    } else {
      this.guests.set(guestId, { profile: { ...profile }, buffer: [], seq: 0, lastActiveAt: Date.now() });
    }
  }

  async touchGuest(guestId: string): Promise<void> {
    const guest = this.guests.get(guestId);
    if (guest) guest.lastActiveAt = Date.now();
  }

  async append(guestId: string, message: ChatMessage, undeliveredPayloadId?: string): Promise<AppendResult> {
    let guest = this.guests.get(guestId);
    if (!guest) {
      guest = { profile: { customAttributes: {}, hasSentMessage: false }, buffer: [], seq: 0, lastActiveAt: Date.now() };
      this.guests.set(guestId, guest);
    }
    const existing = findIn(guest.buffer, message.id);
    if (existing) return { entry: existing, duplicate: true, dropped: [] };
    guest.seq++;
    const entry: BufferedMessage = { seq: guest.seq, message, ...(undeliveredPayloadId ? { undeliveredPayloadId } : {}) };
    guest.buffer.push(entry);
    const dropped: string[] = [];
    while (guest.buffer.length > this.transcriptLimit) {
      const gone = guest.buffer.shift();
      if (gone?.undeliveredPayloadId) dropped.push(gone.undeliveredPayloadId);
    }
    guest.lastActiveAt = Date.now();
    this.emit(guestId, { kind: 'entry', entry: { ...entry } });
    return { entry: { ...entry }, duplicate: false, dropped };
  }

  async acceptAgentMessage(replayKey: string, replayWindowMs: number, guestId: string, message: ChatMessage, payloadId: string): Promise<AcceptResult> {
    if (!(await this.firstSeen(replayKey, replayWindowMs))) return { outcome: 'replay', dropped: [] };
    if (!this.guests.has(guestId)) return { outcome: 'unknown', dropped: [] };
    const result = await this.append(guestId, message, payloadId);
    return { outcome: result.duplicate ? 'duplicate' : 'appended', dropped: result.dropped };
  }

  async since(guestId: string, afterSeq?: number): Promise<{ entries: BufferedMessage[]; head: number }> {
    const guest = this.guests.get(guestId);
    if (!guest) return { entries: [], head: 0 };
    const all = afterSeq === undefined || afterSeq > guest.seq;
    return { entries: guest.buffer.filter((e) => all || e.seq > afterSeq).map((e) => ({ ...e })), head: guest.seq };
  }

  async findMessage(guestId: string, messageId: string): Promise<BufferedMessage | undefined> {
    const guest = this.guests.get(guestId);
    const found = guest ? findIn(guest.buffer, messageId) : undefined;
    return found ? { ...found } : undefined;
  }

  async claimReceipt(guestId: string, seq: number): Promise<string | undefined> {
    const entry = this.guests.get(guestId)?.buffer.find((e) => e.seq === seq);
    const payloadId = entry?.undeliveredPayloadId;
    if (entry) delete entry.undeliveredPayloadId;
    return payloadId;
  }

  async publishTyping(guestId: string, durationMs: number): Promise<void> {
    this.emit(guestId, { kind: 'typing', durationMs });
  }

  async subscribe(guestId: string, listener: GuestListener): Promise<void> {
    let set = this.listeners.get(guestId);
    if (!set) this.listeners.set(guestId, (set = new Set()));
    set.add(listener);
  }

  async unsubscribe(guestId: string, listener: GuestListener): Promise<void> {
    const set = this.listeners.get(guestId);
    set?.delete(listener);
    if (set?.size === 0) this.listeners.delete(guestId);
  }

  async firstSeen(key: string, windowMs: number, now = Date.now()): Promise<boolean> {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // Bounded: the oldest keys go first (insertion order).
    while (this.seen.size > 50_000) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  async rateHit(key: string, max: number, windowMs: number, now = Date.now()): Promise<number> {
    if (max <= 0) return 0;
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (now >= w.resetAt) this.windows.delete(k);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const until = this.claims.get(key);
    if (until !== undefined && until > now) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }

  async putUpload(id: string, record: UploadRecord, ttlMs: number, now = Date.now()): Promise<void> {
    this.uploads.put(id, record, ttlMs, now);
  }

  async getUpload(id: string, now = Date.now()): Promise<UploadRecord | undefined> {
    return this.uploads.get(id, now);
  }

  async deleteUpload(id: string): Promise<void> {
    this.uploads.delete(id);
  }

  async sweep(isConnected: (guestId: string) => boolean, now = Date.now()): Promise<{ guestId: string; owed: string[] }[]> {
    this.uploads.sweep(now);
    const gone: { guestId: string; owed: string[] }[] = [];
    for (const [guestId, guest] of this.guests) {
      if (isConnected(guestId) || now - guest.lastActiveAt <= this.idleGuestMs) continue;
      this.guests.delete(guestId);
      gone.push({ guestId, owed: guest.buffer.flatMap((e) => (e.undeliveredPayloadId ? [e.undeliveredPayloadId] : [])) });
    }
    if (gone.length) {
      const ids = new Set(gone.map((g) => g.guestId));
      for (const [id, session] of this.sessions) if (ids.has(session.guestId)) this.sessions.delete(id);
    }
    for (const [key, until] of this.claims) if (until <= now) this.claims.delete(key);
    return gone;
  }

  /** Guests known (for stats). */
  get guestCount(): number {
    return this.guests.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private emit(guestId: string, event: GuestEvent): void {
    const set = this.listeners.get(guestId);
    if (set) for (const listener of [...set]) listener(event);
  }
}

function findIn(buffer: readonly BufferedMessage[], messageId: string): BufferedMessage | undefined {
  for (let i = buffer.length - 1; i >= 0; i--) if (buffer[i]!.message.id === messageId) return buffer[i];
  return undefined;
}
