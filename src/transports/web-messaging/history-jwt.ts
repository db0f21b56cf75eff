/**
 * The JWT that authorises history requests (`getJwt` → JwtResponse), cached until 30 s before it expires. A JWT
 * belongs to one session: reset it whenever the socket or token changes.
 *
 * It is also kept in storage, tagged with the end of the session token it belongs to, so that the next page load asks
 * for a resumed session's history as soon as the session is online, without a `getJwt` round trip first (which on a
 * busy page also waits behind the first render). UNCONFIRMED: that Genesys accepts a JWT on a later page load until
 * its `exp` (it is a bearer JWT with an expiry; a refused one is replaced by a fresh `getJwt`, web-messaging.ts).
 */
import type { ClientRequest, ServerFrame } from '../../protocol/web-messaging.js';
import { isRecord } from '../../protocol/web-messaging.js';
import { ChatFailure, chatError } from '../../connection/errors.js';
import { newId } from '../../connection/ids.js';
import { tokenTag, type TokenStorage } from '../../session-store.js';
import { bodyText } from './error-frames.js';

/** A JWT is used until this long before its expiry. */
const EXPIRY_MARGIN_MS = 30_000;
/** A stored value longer than this is not a JWT of ours. */
const MAX_STORED_LENGTH = 8_192;

interface Jwt {
  value: string;
  expiresAtMs: number;
  receivedAtMs: number;
}

export interface HistoryJwtStore {
  storage: () => TokenStorage;
  key: string;
}

export class HistoryJwt {
  private readonly request: (request: ClientRequest, isReply: (frame: ServerFrame) => boolean) => Promise<ServerFrame>;
  private readonly token: () => string;
  private readonly keeping: HistoryJwtStore | null;
  private jwt: Jwt | null = null;
  private pending: Promise<string> | null = null;

  /**
   * @param request sends a request and resolves with its reply (or an error frame carrying its tracingId).
   * @param token the session token.
   * @param kept where the JWT is kept for the next page load (none: memory only).
   */
  constructor(
    request: (request: ClientRequest, isReply: (frame: ServerFrame) => boolean) => Promise<ServerFrame>,
    token: () => string,
    kept: HistoryJwtStore | null = null,
  ) {
    this.request = request;
    this.token = token;
    this.keeping = kept;
  }

  get(): Promise<string> {
    if (this.jwt && usable(this.jwt)) return Promise.resolve(this.jwt.value);
    // One getJwt at a time: the history and the renewal below may ask together.
    if (!this.pending) {
      const pending = this.ask().finally(() => {
        if (this.pending === pending) this.pending = null;
      });
      this.pending = pending;
    }
    return this.pending;
  }

  /** The JWT kept for this session (by this or an earlier page load) while it is still usable; null otherwise. */
  kept(): string | null {
    const jwt = this.read(this.token());
    return jwt && usable(jwt) ? jwt.value : null;
  }

  /**
   * Asks for a new JWT when none is kept for this session or the kept one is past half its life, so that the next
   * page load finds one (a new session has fetched none yet). Failures are left to the next history request.
   */
  renewKept(): void {
    if (!this.keeping || this.pending || (this.jwt && usable(this.jwt))) return;
    const kept = this.read(this.token());
    if (kept && Date.now() < (kept.receivedAtMs + kept.expiresAtMs) / 2) return;
    this.get().catch(() => undefined);
  }

  /** Forgets the JWT of this connection (the session may change); the kept one stays for its token. */
  reset(): void {
    this.jwt = null;
    this.pending = null;
  }

  /** Forgets it everywhere: the session it belongs to is over or was forgotten. */
  forget(): void {
    this.reset();
    if (!this.keeping) return;
    try {
      this.keeping.storage().removeItem(this.keeping.key);
    } catch {
      // blocked storage: nothing was kept
    }
  }

  private async ask(): Promise<string> {
    const token = this.token();
    const frame = await this.request({ action: 'getJwt', token, tracingId: newId() }, (f) => f.class === 'JwtResponse');
    if (frame.class !== 'JwtResponse') {
      throw new ChatFailure(chatError('unauthorized', `No history token: ${bodyText(frame)}`, { detail: frame }));
    }
    const exp = typeof frame.body.exp === 'number' ? frame.body.exp : 0;
    this.jwt = { value: frame.body.jwt, expiresAtMs: exp < 1e12 ? exp * 1000 : exp, receivedAtMs: Date.now() };
    this.keep(token, this.jwt);
    return frame.body.jwt;
  }

  private keep(token: string, jwt: Jwt): void {
    if (!this.keeping || !usable(jwt)) return;
    try {
      this.keeping.storage().setItem(this.keeping.key, JSON.stringify({ tag: tokenTag(token), jwt: jwt.value, exp: jwt.expiresAtMs, at: jwt.receivedAtMs }));
    } catch {
      // full or blocked storage: the next page load asks for a JWT as before
    }
  }

  /** The kept JWT for `token`, validated (storage is page-writable: anything else there is ignored). */
  private read(token: string): Jwt | null {
    if (!this.keeping) return null;
    let value: unknown;
    try {
      const raw = this.keeping.storage().getItem(this.keeping.key);
      if (!raw || raw.length > MAX_STORED_LENGTH) return null;
      value = JSON.parse(raw);
    } catch {
      return null;
    }
    if (!isRecord(value) || value.tag !== tokenTag(token) || typeof value.jwt !== 'string' || !value.jwt) return null;
    if (typeof value.exp !== 'number' || typeof value.at !== 'number') return null;
    return { value: value.jwt, expiresAtMs: value.exp, receivedAtMs: value.at };
  }
}

function usable(jwt: Jwt): boolean {
  return jwt.expiresAtMs - EXPIRY_MARGIN_MS > Date.now();
}
