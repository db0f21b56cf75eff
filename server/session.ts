/**
 * Guest sessions: the server's own short-lived HMAC-signed session tokens (never a Genesys token) and the
 * in-memory store of guests, their sockets and their bounded transcript buffer.
 *
 * A *session* is one browser's chat (its token). A *guest* is the customer towards Genesys (`channel.from.id`):
 * anonymous sessions get a guest of their own; sessions of one verified customer share a guest, so an agent sees one
 * conversation whichever device the customer uses.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import type { GatewayServerFrame } from '@genesys-chat/protocol/gateway.js';

/** What a site's `authenticate` hook returns for a logged-in customer; agents see these fields. */
export interface VerifiedCustomer {
  /** The site's stable customer id (hashed before it becomes a guest id). */
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  nickname?: string;
}

export interface SessionClaims {
  /** Session id. */
  sid: string;
  /** Guest id. */
  gid: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

/** Signs and verifies `base64url(claims).base64url(HMAC-SHA256(secret, claims))`. */
export class SessionTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(claims: SessionClaims): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, ...claims })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /**
   * The claims of a well-signed token, or null. `graceMs` accepts a token that expired at most that long ago
   * (resuming a session); 0 means it must still be valid.
   */
  verify(token: string, graceMs = 0, now = Date.now()): SessionClaims | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 4096) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof claims !== 'object' || claims === null) return null;
    const c = claims as Record<string, unknown>;
    if (c.v !== 1 || typeof c.sid !== 'string' || typeof c.gid !== 'string' || typeof c.exp !== 'number') return null;
    if (c.exp * 1000 + graceMs <= now) return null;
    return { sid: c.sid, gid: c.gid, exp: c.exp };
  }

  /** A stable, unguessable guest id for a verified customer (the site's id never reaches Genesys as is). */
  guestIdFor(customerId: string): string {
    return `v-${createHmac('sha256', this.key).update(`guest:${customerId}`).digest('hex').slice(0, 32)}`;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** One open socket of a guest, as the store sees it. */
export interface GuestConnection {
  readonly sessionId: string;
  /** Sends a frame; resolves true once written to the socket, false if it could not be. */
  send(frame: GatewayServerFrame): Promise<boolean>;
}

export interface BufferedMessage {
  seq: number;
  message: ChatMessage;
  /** The Genesys webhook payload id of an agent message not yet on any socket (a Delivered receipt is owed). */
  undeliveredPayloadId?: string;
}

export interface Guest {
  readonly guestId: string;
  skill?: string;
  customAttributes: Record<string, string>;
  displayName?: string;
  customer?: VerifiedCustomer;
  readonly connections: Set<GuestConnection>;
  /** Newest last; bounded by the store's `transcriptLimit`. */
  readonly buffer: BufferedMessage[];
  seq: number;
  /** Typing goes to Genesys only after the first message (a typing event may not start a conversation). */
  hasSentMessage: boolean;
  lastTypingAt: number;
  lastActiveAt: number;
  /** The guest's messages and answers go to Genesys one after another, across all their tabs (keeps their order). */
  outbox: Promise<void>;
}

export interface Session {
  readonly sessionId: string;
  readonly guestId: string;
  readonly createdAt: number;
}

export interface SessionStoreOptions {
  /** Messages kept per guest for a return (oldest dropped first). Default 200. */
  transcriptLimit?: number;
  /** A guest with no socket is forgotten after this long. Default 24 h. */
  idleGuestMs?: number;
  /** Called for an agent message dropped from the buffer before any socket got it (a Failed receipt is owed). */
  onUndeliveredDropped?: (guest: Guest, payloadId: string) => void;
}

export interface NewSessionInput {
  skill?: string;
  customAttributes?: Record<string, string>;
  displayName?: string;
  customer?: VerifiedCustomer;
  /** Set for a verified customer (shared guest); otherwise a fresh anonymous guest. */
  guestId?: string;
}

/** In-memory sessions and guests (one process; see docs/server.md for scaling out). */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly guests = new Map<string, Guest>();
  private readonly transcriptLimit: number;
  private readonly idleGuestMs: number;

  constructor(private readonly options: SessionStoreOptions = {}) {
    this.transcriptLimit = options.transcriptLimit ?? 200;
    this.idleGuestMs = options.idleGuestMs ?? 24 * 3600_000;
  }

  create(input: NewSessionInput): { session: Session; guest: Guest } {
    const guestId = input.guestId ?? `g-${randomUUID()}`;
    let guest = this.guests.get(guestId);
    if (!guest) {
      guest = {
        guestId, customAttributes: {}, connections: new Set(), buffer: [], seq: 0, hasSentMessage: false,
        lastTypingAt: 0, lastActiveAt: Date.now(), outbox: Promise.resolve(),
      };
      this.guests.set(guestId, guest);
    }
    // The latest session's routing data wins (a verified customer may come back with another skill).
    if (input.skill !== undefined) guest.skill = input.skill;
    if (input.customAttributes) guest.customAttributes = { ...guest.customAttributes, ...input.customAttributes };
    if (input.displayName !== undefined) guest.displayName = input.displayName;
    if (input.customer) guest.customer = input.customer;
    guest.lastActiveAt = Date.now();
    const session: Session = { sessionId: randomUUID(), guestId, createdAt: Date.now() };
    this.sessions.set(session.sessionId, session);
    return { session, guest };
  }

  session(sessionId: string): Session | undefined {
    return this.sessions.get(sessionId);
  }

  guest(guestId: string): Guest | undefined {
    return this.guests.get(guestId);
  }

  get guestCount(): number {
    return this.guests.size;
  }

  /** Appends a message to the guest's buffer and returns its sequence number. */
  append(guest: Guest, message: ChatMessage, undeliveredPayloadId?: string): number {
    guest.seq++;
    guest.buffer.push({ seq: guest.seq, message, ...(undeliveredPayloadId ? { undeliveredPayloadId } : {}) });
    while (guest.buffer.length > this.transcriptLimit) {
      const dropped = guest.buffer.shift();
      if (dropped?.undeliveredPayloadId) this.options.onUndeliveredDropped?.(guest, dropped.undeliveredPayloadId);
    }
    guest.lastActiveAt = Date.now();
    return guest.seq;
  }

  /** Buffered messages after `lastSeq` (all when undefined), oldest first. */
  since(guest: Guest, lastSeq?: number): BufferedMessage[] {
    return lastSeq === undefined ? [...guest.buffer] : guest.buffer.filter((entry) => entry.seq > lastSeq);
  }

  /** A buffered message by its id (duplicate sends from a retrying client). */
  find(guest: Guest, messageId: string): BufferedMessage | undefined {
    for (let i = guest.buffer.length - 1; i >= 0; i--) if (guest.buffer[i]!.message.id === messageId) return guest.buffer[i];
    return undefined;
  }

  /** Forgets guests with no socket that were idle too long; returns them so owed receipts can be sent. */
  sweep(now = Date.now()): Guest[] {
    const gone: Guest[] = [];
    for (const guest of this.guests.values()) {
      if (guest.connections.size === 0 && now - guest.lastActiveAt > this.idleGuestMs) {
        this.guests.delete(guest.guestId);
        gone.push(guest);
      }
    }
    if (gone.length) {
      const ids = new Set(gone.map((g) => g.guestId));
      for (const [id, session] of this.sessions) if (ids.has(session.guestId)) this.sessions.delete(id);
    }
    return gone;
  }
}
