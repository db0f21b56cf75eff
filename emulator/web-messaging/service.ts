import type { AllowedMedia, SessionResponseBody, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import { DEFAULT_MAX_FILE_SIZE_KB } from '@genesys-chat/protocol/web-messaging.js';
import { perEmulator, type EmulatorContext } from '../context.js';
import type { Conversation } from '../world.js';
import type { WorldDeployment } from '../world-file.js';
import { attachmentStore, type AttachmentStore } from '../attachments.js';
import { GuestSession, SessionStore, sessionKey } from './session.js';
import type { GuestSocket } from './guest-socket.js';
import { RateLimiter } from './rate-limit.js';
import { JwtSigner } from './jwt.js';
import { messageFrame } from './frames.js';

/** File upload rules of a deployment as the guest API announces them. */
export interface UploadRules {
  enabled: boolean;
  fileTypes: string[];
  maxFileSizeKB: number;
  blockedExtensions: string[];
}

/**
 * The Web Messaging guest surface's state: sessions, sockets, limiter, JWT signer. Delivers the world's outbound
 * messages to every socket of the conversation's session and applies the one-shot faults.
 */
export class WebMessagingService {
  readonly sessions = new SessionStore();
  readonly sockets = new Set<GuestSocket>();
  readonly limiter: RateLimiter;
  readonly jwt = new JwtSigner();
  readonly attachments: AttachmentStore;
  private readonly unsubscribe: (() => void)[] = [];
  /** Where unexpected errors go (the plugin points it at the Fastify logger). */
  logError: (message: string, error: unknown) => void = (message, error) => {
    process.stderr.write(`web-messaging: ${message}: ${error instanceof Error ? error.message : String(error)}\n`);
  };

  constructor(readonly ctx: EmulatorContext) {
    this.limiter = new RateLimiter(ctx.options.rateLimitPerMinute);
    this.attachments = attachmentStore(ctx);
    const onOutbound = (conversation: Conversation, body: StructuredMessageBody): void => this.deliverOutbound(conversation, body);
    const onDrop = (fraction: number): void => this.dropSockets(fraction);
    const onExpire = (): void => {
      for (const session of this.sessions.all()) this.expire(session);
    };
    ctx.world.on('outbound', onOutbound);
    ctx.faults.on('drop-sockets', onDrop);
    ctx.faults.on('expire-sessions', onExpire);
    this.unsubscribe.push(
      () => ctx.world.off('outbound', onOutbound),
      () => ctx.faults.off('drop-sockets', onDrop),
      () => ctx.faults.off('expire-sessions', onExpire),
    );
  }

  deployment(id: string): WorldDeployment | undefined {
    return this.ctx.world.deployments.get(id);
  }

  /** Starts a session with a fresh conversation, or on an existing one (an authenticated customer's other device). */
  createSession(deploymentId: string, token: string, existing?: Conversation): GuestSession {
    const conversation = existing ?? this.ctx.world.createWebConversation(deploymentId, token);
    const session = new GuestSession(
      sessionKey(deploymentId, token), deploymentId, token, conversation, this.ctx.options.sessionDurationSeconds,
      (s) => this.expire(s),
    );
    this.sessions.add(session);
    return session;
  }

  /** Puts a socket on a session (leaving any previous one). */
  attach(socket: GuestSocket, session: GuestSession): void {
    this.detach(socket);
    socket.session = session;
    session.sockets.add(socket);
  }

  detach(socket: GuestSocket): void {
    socket.session?.sockets.delete(socket);
    socket.session = null;
  }

  /** Marks a session expired and tells every socket on it (SessionExpiredEvent). */
  expire(session: GuestSession): void {
    if (session.expired) return;
    session.expired = true;
    session.dispose();
    session.broadcast(messageFrame('SessionExpiredEvent', {}));
  }

  uploadRules(deployment: WorldDeployment): UploadRules {
    const fileUpload = deployment.messenger?.fileUpload;
    const modes = fileUpload?.modes ?? [];
    return {
      enabled: fileUpload?.enableAttachments === true && modes.length > 0,
      fileTypes: modes.flatMap((m) => m.fileTypes),
      maxFileSizeKB: modes.length > 0 ? Math.max(...modes.map((m) => m.maxFileSizeKB)) : DEFAULT_MAX_FILE_SIZE_KB,
      blockedExtensions: deployment.blockedExtensions ?? [],
    };
  }

  allowedMedia(deployment: WorldDeployment): AllowedMedia | undefined {
    const rules = this.uploadRules(deployment);
    if (!rules.enabled) return undefined;
    return { inbound: { fileTypes: rules.fileTypes.map((type) => ({ type })), maxFileSizeKB: rules.maxFileSizeKB } };
  }

  maxCustomDataBytes(deployment: WorldDeployment): number {
    return deployment.maxCustomDataBytes ?? this.ctx.options.maxCustomDataBytes;
  }

  /** The SessionResponse body for a (new or resumed) session. */
  sessionResponse(session: GuestSession, newSession: boolean, clearedExistingSession = false): SessionResponseBody {
    const deployment = this.deployment(session.deploymentId);
    const body: SessionResponseBody = {
      connected: true,
      newSession,
      readOnly: session.readOnly,
      maxCustomDataBytes: deployment ? this.maxCustomDataBytes(deployment) : this.ctx.options.maxCustomDataBytes,
      durationSeconds: this.ctx.options.sessionDurationSeconds,
      expirationDate: Math.floor(session.expiresAt / 1000),
    };
    if (clearedExistingSession) body.clearedExistingSession = true;
    if (deployment) {
      const media = this.allowedMedia(deployment);
      if (media) body.allowedMedia = media;
      body.blockedExtensions = this.uploadRules(deployment).blockedExtensions;
    }
    return body;
  }

  /** World → sockets: an outbound message or event for a Web Messaging conversation goes to every tab. */
  deliverOutbound(conversation: Conversation, body: StructuredMessageBody): void {
    if (conversation.channel !== 'webmessaging') return;
    for (const session of this.sessions.forConversation(conversation.id)) {
      session.broadcast(messageFrame('StructuredMessage', body));
    }
  }

  /** Drops a fraction (1 = all) of the open guest sockets, abruptly. */
  dropSockets(fraction: number): void {
    const open = [...this.sockets].filter((s) => s.open);
    const count = fraction >= 1 ? open.length : Math.ceil(open.length * fraction);
    for (const socket of open.slice(0, count)) socket.drop();
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    for (const socket of this.sockets) socket.drop();
    this.sockets.clear();
    this.sessions.clear();
  }
}

/** The Web Messaging service of an emulator (created on first use). */
export const webMessagingService = perEmulator((ctx): WebMessagingService => new WebMessagingService(ctx));
