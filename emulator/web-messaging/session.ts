import { createHash } from 'node:crypto';
import type { Frame } from '@genesys-chat/protocol/web-messaging.js';
import type { Conversation } from '../world.js';
import type { GuestSocket } from './guest-socket.js';
import type { VerifiedIdentity } from '../auth/web-deployment-tokens.js';

/** A guest session: one token on one deployment, its current conversation, and every socket (tab) using it. */
export class GuestSession {
  readonly sockets = new Set<GuestSocket>();
  expiresAt: number;
  expired = false;
  /** Set by configureAuthenticatedSession: the verified customer (authenticated messaging, emulator/auth/). */
  identity: VerifiedIdentity | null = null;
  /** Told when the session moves to another conversation (the store keeps its conversation index right). */
  onConversationChange: ((session: GuestSession, previous: Conversation) => void) | null = null;
  private current: Conversation;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly key: string,
    readonly deploymentId: string,
    readonly token: string,
    conversation: Conversation,
    private readonly durationSeconds: number,
    private readonly onExpire: (session: GuestSession) => void,
  ) {
    this.current = conversation;
    this.expiresAt = 0;
    this.touch();
  }

  /** The session's current conversation. */
  get conversation(): Conversation {
    return this.current;
  }

  set conversation(next: Conversation) {
    const previous = this.current;
    this.current = next;
    if (previous.id !== next.id) this.onConversationChange?.(this, previous);
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

/** Every guest session of the emulator, indexed by key and by current conversation (outbound delivery looks up by conversation). */
export class SessionStore {
  private readonly sessions = new Map<string, GuestSession>();
  private readonly byConversation = new Map<string, Set<GuestSession>>();

  get(deploymentId: string, token: string): GuestSession | undefined {
    return this.sessions.get(sessionKey(deploymentId, token));
  }

  getByKey(key: string): GuestSession | undefined {
    return this.sessions.get(key);
  }

  add(session: GuestSession): void {
    const replaced = this.sessions.get(session.key);
    if (replaced && replaced !== session) {
      replaced.onConversationChange = null;
      this.unindex(replaced, replaced.conversation.id);
    }
    this.sessions.set(session.key, session);
    this.index(session);
    session.onConversationChange = (s, previous) => {
      this.unindex(s, previous.id);
      this.index(s);
    };
  }

  remove(session: GuestSession): void {
    session.dispose();
    session.onConversationChange = null;
    if (this.sessions.get(session.key) !== session) return; // already replaced: leave the newer session alone
    this.sessions.delete(session.key);
    this.unindex(session, session.conversation.id);
  }

  /** Sessions whose current conversation is this one. */
  forConversation(conversationId: string): GuestSession[] {
    return [...(this.byConversation.get(conversationId) ?? [])];
  }

  all(): GuestSession[] {
    return [...this.sessions.values()];
  }

  clear(): void {
    for (const s of this.sessions.values()) {
      s.dispose();
      s.onConversationChange = null;
    }
    this.sessions.clear();
    this.byConversation.clear();
  }

  private index(session: GuestSession): void {
    const id = session.conversation.id;
    let set = this.byConversation.get(id);
    if (!set) {
      set = new Set();
      this.byConversation.set(id, set);
    }
    set.add(session);
  }

  private unindex(session: GuestSession, conversationId: string): void {
    const set = this.byConversation.get(conversationId);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.byConversation.delete(conversationId);
  }
}
