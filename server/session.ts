/**
 * Guest sessions: the server's own short-lived HMAC-signed session tokens (never a Genesys token), and this
 * instance's view of guests: their shared data in the {@link GatewayStore} (memory or Redis) plus the sockets they
 * hold here.
 *
 * A *session* is one browser's chat (its token). A *guest* is the customer towards Genesys (`channel.from.id`):
 * anonymous sessions get a guest of their own; sessions of one verified customer share a guest, so an agent sees one
 * conversation whichever device the customer uses.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { GatewayServerFrame } from '@genesys-chat/protocol/gateway.js';
import type { GatewayStore, GuestListener, GuestProfile, SessionRecord, VerifiedCustomer } from './store.js';

export type { BufferedMessage, VerifiedCustomer } from './store.js';

/** What a token carries of the guest, so a server that lost its memory can recreate them (same conversation). */
export interface TokenProfile {
  /** Skill. */
  s?: string;
  /** Display name. */
  n?: string;
  /** Custom attributes (left out when they would make the token too long). */
  a?: Record<string, string>;
}

export interface SessionClaims {
  /** Session id. */
  sid: string;
  /** Guest id. */
  gid: string;
  /** Expiry, epoch seconds. */
  exp: number;
  /** The guest's routing data at signing time. */
  p?: TokenProfile;
}

/** Tokens stay well under the 4096 characters every endpoint accepts. */
const MAX_TOKEN_LENGTH = 3000;

/** Signs and verifies `base64url(claims).base64url(HMAC-SHA256(secret, claims))`. */
export class SessionTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(claims: SessionClaims): string {
    const token = this.signRaw(claims);
    if (token.length <= MAX_TOKEN_LENGTH || !claims.p?.a) return token;
    // Too long with the custom attributes: a recreated guest goes without them.
    const { a: _attributes, ...profile } = claims.p;
    return this.signRaw({ ...claims, p: profile });
  }

  private signRaw(claims: SessionClaims): string {
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
    const profile = tokenProfileOf(c.p);
    return { sid: c.sid, gid: c.gid, exp: c.exp, ...(profile ? { p: profile } : {}) };
  }

  /** A stable, unguessable guest id for a verified customer (the site's id never reaches Genesys as is). */
  guestIdFor(customerId: string): string {
    return `v-${createHmac('sha256', this.key).update(`guest:${customerId}`).digest('hex').slice(0, 32)}`;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** A well-formed profile claim (it was signed by us, but an old token format must not break anything). */
function tokenProfileOf(value: unknown): TokenProfile | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const profile: TokenProfile = {};
  if (typeof v.s === 'string') profile.s = v.s;
  if (typeof v.n === 'string') profile.n = v.n;
  if (typeof v.a === 'object' && v.a !== null && !Array.isArray(v.a)) {
    const entries = Object.entries(v.a as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    profile.a = Object.fromEntries(entries);
  }
  return profile;
}

/** The profile claim for a guest. */
export function tokenProfile(profile: GuestProfile): TokenProfile {
  return {
    ...(profile.skill !== undefined ? { s: profile.skill } : {}),
    ...(profile.displayName !== undefined ? { n: profile.displayName } : {}),
    ...(Object.keys(profile.customAttributes).length ? { a: profile.customAttributes } : {}),
  };
}

/** One open socket of a guest, as this instance sees it. */
export interface GuestConnection {
  readonly sessionId: string;
  /** The highest `seq` this socket was sent (entries are sent once each, in order). */
  sentSeq: number;
  /** Frames to this socket go out one after another through this chain. */
  chain: Promise<void>;
  /** Sends a frame; resolves true once written to the socket, false if it could not be. */
  send(frame: GatewayServerFrame): Promise<boolean>;
}

/** A guest with sockets on this instance: their shared profile (refreshed on every auth) and those sockets. */
export interface Guest extends GuestProfile {
  readonly guestId: string;
  readonly connections: Set<GuestConnection>;
  lastTypingAt: number;
  lastActiveAt: number;
  /** The guest's messages and answers go to Genesys one after another from this instance (keeps their order). */
  outbox: Promise<void>;
}

export type Session = SessionRecord;

export interface NewSessionInput {
  skill?: string;
  customAttributes?: Record<string, string>;
  displayName?: string;
  customer?: VerifiedCustomer;
  /** Set for a verified customer (shared guest) or a resumed one; otherwise a fresh anonymous guest. */
  guestId?: string;
  /** Reuse this session id (a session recreated from its token). */
  sessionId?: string;
  /** The guest is recreated from a token (the store had lost them). */
  restored?: boolean;
}

/** This instance's guests and the shared store behind them. */
export class SessionStore {
  private readonly live = new Map<string, Guest>();

  constructor(
    readonly backend: GatewayStore,
    /** Called for every event of a guest with sockets here (new transcript entry, typing). */
    private readonly onEvent: (guest: Guest, event: Parameters<GuestListener>[0]) => void,
  ) {}

  /** A new session, for a new guest or (with `guestId`) an existing one whose routing data it updates. */
  async create(input: NewSessionInput): Promise<{ session: Session; profile: GuestProfile }> {
    const guestId = input.guestId ?? `g-${randomUUID()}`;
    const existing = await this.backend.getGuest(guestId);
    const profile: GuestProfile = existing ?? { customAttributes: {}, hasSentMessage: false };
    // The latest session's routing data wins (a verified customer may come back with another skill).
    if (input.skill !== undefined) profile.skill = input.skill;
    if (input.customAttributes) profile.customAttributes = { ...profile.customAttributes, ...input.customAttributes };
    if (input.displayName !== undefined) profile.displayName = input.displayName;
    if (input.customer) profile.customer = input.customer;
    if (profile.placeholder || input.restored) profile.restored = true;
    delete profile.placeholder;
    await this.backend.putGuest(guestId, profile);
    const session: Session = { sessionId: input.sessionId ?? randomUUID(), guestId, createdAt: Date.now() };
    await this.backend.putSession(session);
    const live = this.live.get(guestId);
    if (live) Object.assign(live, profile);
    return { session, profile };
  }

  session(sessionId: string): Promise<Session | undefined> {
    return this.backend.getSession(sessionId);
  }

  profile(guestId: string): Promise<GuestProfile | undefined> {
    return this.backend.getGuest(guestId);
  }

  /** The guest with sockets here, if any. */
  liveGuest(guestId: string): Guest | undefined {
    return this.live.get(guestId);
  }

  /** Guests with sockets here. */
  get guestCount(): number {
    return this.live.size;
  }

  /** Adds a socket to its guest (subscribing to the guest's events on the first one); the live guest. */
  async attach(guestId: string, profile: GuestProfile, connection: GuestConnection): Promise<Guest> {
    let guest = this.live.get(guestId);
    if (!guest) {
      const created: Guest = {
        ...profile, guestId, connections: new Set(), lastTypingAt: 0, lastActiveAt: Date.now(), outbox: Promise.resolve(),
      };
      guest = created;
      this.live.set(guestId, created);
      await this.backend.subscribe(guestId, this.listenerFor(created));
    } else {
      Object.assign(guest, profile);
    }
    guest.connections.add(connection);
    guest.lastActiveAt = Date.now();
    await this.backend.touchGuest(guestId);
    return guest;
  }

  /** Removes a socket; the last one gone ends this instance's subscription once the guest's outbox is done. */
  detach(guest: Guest, connection: GuestConnection): void {
    guest.connections.delete(connection);
    guest.lastActiveAt = Date.now();
    void this.backend.touchGuest(guest.guestId).catch(() => undefined);
    if (guest.connections.size > 0) return;
    void guest.outbox.then(async () => {
      if (guest.connections.size > 0 || this.live.get(guest.guestId) !== guest) return;
      this.live.delete(guest.guestId);
      await this.backend.unsubscribe(guest.guestId, this.listenerFor(guest));
    }).catch(() => undefined);
  }

  /** Records that the guest has written (typing may follow), for every instance. */
  async markSent(guest: Guest): Promise<void> {
    if (guest.hasSentMessage) return;
    guest.hasSentMessage = true;
    const profile = await this.backend.getGuest(guest.guestId);
    if (profile && !profile.hasSentMessage) await this.backend.putGuest(guest.guestId, { ...profile, hasSentMessage: true });
  }

  /** How many transcript entries the guest has buffered (tests and stats). */
  async bufferedCount(guestId: string): Promise<number> {
    return (await this.backend.since(guestId)).entries.length;
  }

  private readonly listeners = new WeakMap<Guest, GuestListener>();

  private listenerFor(guest: Guest): GuestListener {
    let listener = this.listeners.get(guest);
    if (!listener) {
      listener = (event) => this.onEvent(guest, event);
      this.listeners.set(guest, listener);
    }
    return listener;
  }
}
