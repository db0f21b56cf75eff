import { createHash } from 'node:crypto';
import type { Frame } from '../../src/protocol/web-messaging.js';
import type { Conversation } from '../world.js';
import type { GuestSocket } from './guest-socket.js';

/** A guest session: one token on one deployment, its current conversation, and every socket (tab) using it. */
export class GuestSession {
  readonly sockets = new Set<GuestSocket>();
  expiresAt: number;
  expired = false;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly key: string,
    readonly deploymentId: string,
    readonly token: string,
    public conversation: Conversation,
    private readonly durationSeconds: number,
    private readonly onExpire: (session: GuestSession) => void,
  ) {
    this.expiresAt = 0;
    this.touch();
  }

  /** Restarts the session's lifetime (on configureSession and on each request). */
  touch(now = Date.now()): void {
    this.expiresAt = now + this.durationSeconds * 1000;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    // setTimeout caps at ~24.8 days; longer sessions are checked lazily.
    const delay = Math.min(this.durationSeconds * 1000, 2 ** 31 - 1);
    this.expiryTimer = setTimeout(() => this.onExpire(this), delay);
    this.expiryTimer.unref();
  }

  /** True once the lifetime is over or a fault expired it. */
  isExpired(now = Date.now()): boolean {
    return this.expired || now >= this.expiresAt;
  }

  /** The conversation is over and the deployment makes it history-only. */
  get readOnly(): boolean {
    return this.conversation.state === 'ended' && this.conversation.readOnly === true;
  }

  /** Sends a server-initiated frame to every open socket of the session (every tab). */
  broadcast(frame: Frame, except?: GuestSocket): void {
    for (const socket of this.sockets) if (socket !== except) socket.deliver(frame);
  }

  dispose(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }
}

/** Session key: deployment + a hash of the token (the raw token never becomes a map key that might be logged). */
export function sessionKey(deploymentId: string, token: string): string {
  return `${deploymentId}:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
}

/** Every guest session of the emulator. */
export class SessionStore {
  private readonly sessions = new Map<string, GuestSession>();

  get(deploymentId: string, token: string): GuestSession | undefined {
    return this.sessions.get(sessionKey(deploymentId, token));
  }

  getByKey(key: string): GuestSession | undefined {
    return this.sessions.get(key);
  }

  add(session: GuestSession): void {
    this.sessions.set(session.key, session);
  }

  remove(session: GuestSession): void {
    session.dispose();
    this.sessions.delete(session.key);
  }

  /** Sessions whose current conversation is this one. */
  forConversation(conversationId: string): GuestSession[] {
    return [...this.sessions.values()].filter((s) => s.conversation.id === conversationId);
  }

  all(): GuestSession[] {
    return [...this.sessions.values()];
  }

  clear(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
  }
}
