/**
 * The gateway WebSocket (`/api/gateway`): authenticates with the `auth` frame, then turns guest frames into Open
 * Messaging calls and answers with `ack`, `message`, `error`, … (protocol: src/protocol/gateway.ts, docs/server.md).
 * Malformed frames get an `error` frame and are logged; the socket lives.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { ChatAvailability, ChatErrorCode, ChatFeatures, ChatLimits, ChatMessage, SendFailure } from '@genesys-chat/protocol/model.js';
import {
  AUTH_TIMEOUT_MS, GATEWAY_SOCKET_PATH, GatewayCloseCode, MAX_GATEWAY_FRAME_BYTES, parseClientFrame, READY_TRANSCRIPT_BUDGET_BYTES,
  type AuthFrame, type GatewayAttachment, type GatewayServerFrame, type GuestMessageFrame, type QuickReplyFrame,
} from '@genesys-chat/protocol/gateway.js';
import type { Delivery } from './delivery.js';
import type { GatewayMetrics } from './metrics.js';
import { guestEcho, quickReplyEcho, uploadAttachment, welcomeMessage } from './normalize.js';
import type { Log } from './oauth.js';
import type { OpenMessagingBridge } from './open-messaging-bridge.js';
import { UpstreamError } from './retry.js';
import type { Guest, GuestConnection, SessionStore, SessionTokens } from './session.js';
import { idPrefix } from './upload-files.js';

export interface GuestSocketOptions {
  store: SessionStore;
  tokens: SessionTokens;
  metrics?: GatewayMetrics;
  bridge: OpenMessagingBridge;
  delivery: Delivery;
  log: Log;
  /** Whether a page at `origin` may open the socket (same rules as CORS). */
  isOriginAllowed(origin: string | undefined, host: string | undefined): boolean;
  /** The availability cached right now (never waits), if the server offers it. */
  availabilityNow?: () => ChatAvailability | undefined;
  /** A fresh availability (waits for Genesys); sent as an `availability` frame when `ready` had none. */
  availability?: () => Promise<ChatAvailability>;
  features: Partial<ChatFeatures>;
  limits: ChatLimits;
  /** Origins a guest's attachment URLs may point to (ServerOptions.attachmentOrigins); others are refused. */
  attachmentOrigins: ReadonlySet<string>;
  /** Guest typing to Genesys at most once per this many ms (spec §4.2). Default 5000. */
  typingThrottleMs?: number;
  /** Frames per second per socket (burst twice that). Default 10. */
  framesPerSecond?: number;
  /** Heartbeat ping interval. Default 30 s. */
  heartbeatMs?: number;
  /** A greeting for each new guest (see ServerOptions.welcomeMessage). */
  welcomeMessage?: string;
  /** Sockets one client address may hold open before authenticating (beyond: closed with 1008). Default 20. */
  maxUnauthenticatedPerAddress?: number;
  /** Read the client address from X-Forwarded-For (behind a trusted proxy). */
  trustProxy?: boolean;
}

export interface GuestSockets {
  /** Open sockets (for stats). */
  readonly size: number;
  /** Sends a frame to every authenticated socket (availability changes). */
  broadcast(frame: GatewayServerFrame): void;
  close(): Promise<void>;
}

/** Handles WebSocket upgrades on `server` for the gateway path. */
export function attachGuestSockets(server: Server, options: GuestSocketOptions): GuestSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_GATEWAY_FRAME_BYTES });
  const sockets = new Set<GuestSocket>();
  // Unauthenticated sockets per client address: without a cap, one address could hold thousands of sockets for
  // the 10 s auth timeout each.
  const unauthenticated = new Map<string, number>();
  const maxUnauthenticated = options.maxUnauthenticatedPerAddress ?? 20;
  const release = (address: string) => {
    const count = (unauthenticated.get(address) ?? 1) - 1;
    if (count <= 0) unauthenticated.delete(address);
    else unauthenticated.set(address, count);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== GATEWAY_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!options.isOriginAllowed(request.headers.origin, request.headers.host)) {
        options.log.warn({ origin: request.headers.origin }, 'gateway socket from a page origin that is not allowed');
        sendRaw(ws, { type: 'error', code: 'origin-not-allowed', message: 'This page is not allowed to use the chat server.' });
        ws.close(GatewayCloseCode.OriginNotAllowed, 'origin not allowed');
        return;
      }
      const address = clientAddress(request, options.trustProxy ?? false);
      const pending = unauthenticated.get(address) ?? 0;
      if (pending >= maxUnauthenticated) {
        options.log.warn('gateway socket refused: too many unauthenticated sockets from one address');
        sendRaw(ws, { type: 'error', code: 'rate-limited', message: 'Too many connections; try again shortly.', retryAfterSeconds: 10 });
        ws.close(GatewayCloseCode.PolicyViolation, 'too many connections');
        return;
      }
      unauthenticated.set(address, pending + 1);
      let counted = true;
      const uncount = () => {
        if (!counted) return;
        counted = false;
        release(address);
      };
      const guestSocket = new GuestSocket(ws, options, uncount);
      sockets.add(guestSocket);
      ws.on('close', () => {
        uncount();
        sockets.delete(guestSocket);
      });
    });
  };
  server.on('upgrade', onUpgrade);
  let closing: Promise<void> | null = null;

  return {
    get size() {
      return sockets.size;
    },
    broadcast(frame) {
      for (const s of sockets) if (s.authenticated) void s.send(frame);
    },
    async close() {
      if (closing) return closing;
      closing = closeAll();
      return closing;
    },
  };

  async function closeAll(): Promise<void> {
    server.off('upgrade', onUpgrade);
    for (const s of sockets) s.ws.close(GatewayCloseCode.GoingAway, 'server shutting down');
    // Give clients a moment for the closing handshake, then cut whatever is left.
    const deadline = Date.now() + 1000;
    while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const s of sockets) s.ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}

/** The client's address: the first X-Forwarded-For entry behind a trusted proxy, else the peer address. */
function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

function sendRaw(ws: WebSocket, frame: GatewayServerFrame): Promise<boolean> {
  return new Promise((resolve) => {
    if (ws.readyState !== WebSocket.OPEN) {
      resolve(false);
      return;
    }
    ws.send(JSON.stringify(frame), (error) => resolve(!error));
  });
}

/** Maps a final Genesys failure to what the widget shows next to the failed message. */
export function sendFailureOf(error: unknown): SendFailure {
  if (error instanceof UpstreamError) {
    if (error.status === 429) {
      return {
        code: 'rate-limited',
        message: 'Genesys is busy; try again shortly.',
        ...(error.retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) } : {}),
      };
    }
    if (error.status === 0) return { code: 'network', message: 'Genesys could not be reached.' };
    if (error.status === 400) return { code: 'server', message: 'Genesys refused the message.' };
    return { code: 'server', message: `Genesys answered ${error.status}.` };
  }
  return { code: 'server', message: 'The message could not be sent.' };
}

class GuestSocket implements GuestConnection {
  sessionId = '';
  sentSeq = 0;
  chain: Promise<void> = Promise.resolve();
  private closed = false;
  private guest: Guest | null = null;
  private expiresAt = 0;
  private authTimer: NodeJS.Timeout | null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout;
  private alive = true;
  private authChain: Promise<void> = Promise.resolve();
  private tokens: number;
  private tokensAt = Date.now();
  /** In a run of refused frames (only the first one is answered with an error and logged). */
  private overLimit = false;

  constructor(
    readonly ws: WebSocket,
    private readonly options: GuestSocketOptions,
    /** Called once the socket authenticated (it no longer counts against its address's cap). */
    private readonly onAuthenticated: () => void = () => undefined,
  ) {
    this.tokens = this.burst;
    this.authTimer = setTimeout(() => this.closeWith(GatewayCloseCode.AuthTimeout, 'unauthorized', 'No auth frame in time.'), AUTH_TIMEOUT_MS);
    this.heartbeat = setInterval(() => {
      if (!this.alive) {
        ws.terminate();
        return;
      }
      this.alive = false;
      ws.ping();
    }, options.heartbeatMs ?? 30_000);
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => this.onRaw(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', (error) => options.log.debug({ err: error.message }, 'gateway socket error'));
  }

  get authenticated(): boolean {
    return this.guest !== null;
  }

  send(frame: GatewayServerFrame): Promise<boolean> {
    return sendRaw(this.ws, frame);
  }

  private get burst(): number {
    return 2 * (this.options.framesPerSecond ?? 10);
  }

  /** Token bucket: false when the socket sends faster than allowed. */
  private takeToken(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.tokensAt) / 1000) * (this.options.framesPerSecond ?? 10));
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private error(code: ChatErrorCode, message: string, ref?: string, retryAfterSeconds?: number): void {
    void this.send({ type: 'error', code, message, ...(ref ? { ref } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
  }

  /**
   * A frame over the rate: a message or answer gets its failed ack (the widget shows "not sent" and can retry);
   * anything else gets one `rate-limited` error per burst of refusals, and one log line.
   */
  private refuseOverLimit(text: string | null): void {
    const parsed = text === null ? null : parseClientFrame(text, this.options.limits.maxMessageLength);
    const frame = parsed?.ok ? parsed.frame : null;
    if (frame && (frame.type === 'message' || frame.type === 'quick-reply')) {
      void this.send({ type: 'ack', id: frame.id, state: 'failed', failure: { code: 'rate-limited', message: 'Too many frames; slow down.', retryAfterSeconds: 1 } });
    } else if (!this.overLimit) {
      this.error('rate-limited', 'Too many frames; slow down.', undefined, 1);
    }
    if (!this.overLimit) this.options.log.warn({ session: this.sessionId || undefined }, 'gateway socket over the frame rate');
    this.overLimit = true;
  }

  private closeWith(closeCode: number, code: ChatErrorCode, message: string): void {
    this.error(code, message);
    this.ws.close(closeCode, code);
  }

  private onRaw(data: RawData, isBinary: boolean): void {
    this.alive = true;
    // Every frame counts against the bucket, before any parsing or logging: malformed, binary and auth frames
    // included, so a socket (authenticated or not) cannot flood the log or the CPU.
    if (!this.takeToken()) {
      this.refuseOverLimit(isBinary ? null : rawToString(data));
      return;
    }
    this.overLimit = false;
    const text = isBinary ? null : rawToString(data);
    if (text === null) {
      this.options.log.warn({ session: this.sessionId || undefined }, 'binary gateway frame refused');
      this.error('protocol', 'Frames must be JSON text.');
      return;
    }
    const parsed = parseClientFrame(text, this.options.limits.maxMessageLength);
    if (!parsed.ok) {
      this.options.log.warn({ session: this.sessionId || undefined, reason: parsed.error }, 'malformed gateway frame');
      this.error(parsed.error.startsWith('text is longer') ? 'message-too-long' : 'protocol', parsed.error, refOf(text));
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'auth') {
      this.authChain = this.authChain.then(() => this.onAuth(frame)).catch((error: unknown) => {
        this.options.log.error({ err: String(error) }, 'gateway auth failed');
      });
      return;
    }
    if (frame.type === 'ping') {
      void this.send(frame.id ? { type: 'pong', id: frame.id } : { type: 'pong' });
      return;
    }
    void this.authChain.then(() => {
      const guest = this.guest;
      if (!guest || Date.now() >= this.expiresAt) {
        if (frame.type === 'message' || frame.type === 'quick-reply') {
          void this.send({ type: 'ack', id: frame.id, state: 'failed', failure: { code: 'unauthorized', message: 'Send an auth frame first.' } });
        } else {
          this.error('unauthorized', 'Send an auth frame first.');
        }
        return;
      }
      if (frame.type === 'typing') {
        this.onTyping(guest);
        return;
      }
      // Messages and answers go to Genesys in the order the guest sent them, whichever tab they came from.
      guest.outbox = guest.outbox
        .then(() => (frame.type === 'message' ? this.onMessage(guest, frame) : this.onQuickReply(guest, frame)))
        // One failure must not stall the guest's later messages.
        .catch((error: unknown) => this.options.log.error({ err: String(error) }, 'guest send failed'));
    });
  }

  private async onAuth(frame: AuthFrame): Promise<void> {
    const { tokens, store } = this.options;
    const claims = tokens.verify(frame.token);
    if (!claims) {
      const expired = tokens.verify(frame.token, Number.MAX_SAFE_INTEGER) !== null;
      this.closeWith(GatewayCloseCode.Unauthorized, expired ? 'session-expired' : 'unauthorized',
        expired ? 'The session token expired; get a new one.' : 'The session token is not valid.');
      return;
    }
    const session = await store.session(claims.sid);
    const profile = session?.guestId === claims.gid ? await store.profile(claims.gid) : undefined;
    if (!session || !profile) {
      this.closeWith(GatewayCloseCode.Unauthorized, 'session-not-found', 'The session is unknown; start a new one.');
      return;
    }
    if (this.guest) {
      // A renewed token on an open socket: it must belong to the same session; it only extends the socket's life.
      if (claims.sid !== this.sessionId) {
        this.error('unauthorized', 'This socket belongs to another session.');
        return;
      }
      this.scheduleExpiry(claims.exp * 1000);
      return;
    }
    if (this.closed) return;
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
    this.onAuthenticated();
    this.sessionId = claims.sid;
    this.scheduleExpiry(claims.exp * 1000);
    // Entries that arrive while `ready` is built wait on this socket's chain, behind it.
    const attaching = store.attach(claims.gid, profile, this);
    const ready = this.chain.then(async () => this.sendReady(await attaching, claims.sid, frame.lastSeq));
    this.chain = ready.catch(() => undefined);
    this.guest = await attaching;
    if (this.closed) store.detach(this.guest, this);
    await ready;
  }

  /** `ready` with what the guest missed (paged beyond a byte budget), then the receipts for what the socket took. */
  private async sendReady(guest: Guest, sessionId: string, lastSeq: number | undefined): Promise<void> {
    const { entries, head } = await this.options.store.backend.since(guest.guestId, lastSeq);
    // `ready` carries the oldest missed messages up to a byte budget; the rest follow as `replay` message frames.
    const inReady = readyPage(entries);
    // Never hold `ready` for Genesys: a cold cache is filled in the background and pushed when known.
    const availability = this.options.availabilityNow?.();
    const resumed = guest.hasSentMessage || head > 0 || guest.restored === true;
    // The greeting is not stored (nothing to share across instances): it heads every whole transcript, same id, placed
    // just before the oldest message, so a reload keeps it and a catch-up (`lastSeq`) does not repeat it.
    const greeting = this.options.welcomeMessage && lastSeq === undefined
      ? [welcomeMessage(guest.guestId, this.options.welcomeMessage, greetingTime(entries[0]?.message.time))] : [];
    const sent = await this.send({
      type: 'ready',
      session: {
        sessionId, guestId: guest.guestId, resumed,
        readOnly: false, expiresAt: this.expiresAt,
      },
      features: this.options.features,
      limits: this.options.limits,
      ...(availability ? { availability } : {}),
      transcript: [...greeting, ...entries.slice(0, inReady).map((e) => e.message)],
      seq: head,
    });
    if (!sent) return;
    const rest = entries.slice(inReady);
    this.sentSeq = rest.length ? rest[0]!.seq - 1 : head;
    if (!availability && this.options.availability) {
      this.options.availability().then(
        (value) => void this.send({ type: 'availability', availability: value }),
        () => undefined,
      );
    }
    // Delivered receipts only for what this socket took: the `ready` part now, the replayed part as it goes.
    for (const entry of entries.slice(0, inReady)) {
      if (entry.undeliveredPayloadId) void this.options.delivery.settle(guest.guestId, entry.seq).catch(() => undefined);
    }
    await this.options.delivery.sendAll(guest, this, rest, true);
  }

  private scheduleExpiry(expiresAt: number): void {
    this.expiresAt = expiresAt;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(
      () => this.closeWith(GatewayCloseCode.Unauthorized, 'session-expired', 'The session token expired; get a new one.'),
      Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)),
    );
  }

  private onTyping(guest: Guest): void {
    const now = Date.now();
    if (!guest.hasSentMessage || now - guest.lastTypingAt < (this.options.typingThrottleMs ?? 5_000)) return;
    guest.lastTypingAt = now;
    void this.options.bridge.sendTyping(guest);
  }

  private async onMessage(guest: Guest, frame: GuestMessageFrame): Promise<void> {
    // A resend of a message that went through is acked as sent, even when its upload has expired since.
    if (await this.ackedIfSent(guest, frame.id)) return;
    const foreign = frame.attachments?.find((attachment) => !this.options.attachmentOrigins.has(originOf(attachment.url)));
    if (foreign) {
      // Genesys would fetch it and show it to the agent as the guest's file: only the site's own store may serve one.
      this.options.log.warn({ session: this.sessionId, origin: originOf(foreign.url) || undefined }, 'attachment URL refused');
      await this.failAck(frame.id, { code: 'attachment-failed', message: 'Attachments from that address are not accepted.' });
      return;
    }
    let uploaded: GatewayAttachment[] | null;
    try {
      uploaded = await this.uploadedFiles(guest, frame.uploads ?? []);
    } catch (error) {
      // The store could not be read (Redis down): the guest gets an answer and can retry.
      this.options.log.error({ session: this.sessionId, err: error instanceof Error ? error.message : String(error) }, 'reading an upload failed');
      await this.failAck(frame.id, { code: 'server', message: 'The file could not be read; try again.' });
      return;
    }
    if (!uploaded) {
      await this.failAck(frame.id, { code: 'attachment-failed', message: 'That file is no longer available.' });
      return;
    }
    // Genesys and the echo get the server's URL, type and name of each upload.
    const message: GuestMessageFrame = uploaded.length ? { ...frame, attachments: [...(frame.attachments ?? []), ...uploaded] } : frame;
    await this.deliverOnce(guest, frame.id, async (time) => {
      await this.options.bridge.sendMessage(guest, message, time);
      return guestEcho(message, time, guest.displayName);
    });
  }

  /** The id already went through (this socket, another tab or another instance posted it): ack it again. */
  private async ackedIfSent(guest: Guest, id: string): Promise<boolean> {
    if ((await this.options.store.backend.findMessage(guest.guestId, id))?.message.direction !== 'inbound') return false;
    await this.send({ type: 'ack', id, state: 'sent' });
    return true;
  }

  private failAck(id: string, failure: SendFailure): Promise<boolean> {
    return this.send({ type: 'ack', id, state: 'failed', failure });
  }

  /** The guest's uploads as attachments, or null when one is unknown, expired or another guest's. */
  private async uploadedFiles(guest: Guest, ids: readonly string[]): Promise<GatewayAttachment[] | null> {
    const files: GatewayAttachment[] = [];
    for (const id of ids) {
      const record = await this.options.store.backend.getUpload(id);
      if (!record || record.guestId !== guest.guestId) {
        this.options.log.warn({ session: this.sessionId, upload: idPrefix(id), known: Boolean(record) }, 'upload refused');
        return null;
      }
      files.push(uploadAttachment(record));
    }
    return files;
  }

  private async onQuickReply(guest: Guest, frame: QuickReplyFrame): Promise<void> {
    await this.deliverOnce(guest, frame.id, async (time) => {
      await this.options.bridge.sendQuickReply(guest, frame, time);
      return quickReplyEcho(frame, time, guest.displayName);
    });
  }

  /**
   * Posts once per client id (a client retrying an id that already went through gets `ack sent` again), then
   * publishes the echo to every socket of the guest and acks; a final failure comes back as `ack failed`.
   */
  private async deliverOnce(guest: Guest, id: string, post: (time: string) => Promise<ChatMessage>): Promise<void> {
    const { store, delivery, log } = this.options;
    const backend = store.backend;
    const ackedIfSent = (): Promise<boolean> => this.ackedIfSent(guest, id);
    // Another tab, or the instance this guest was on before a restart, may be posting this id now. Wait for its
    // outcome instead of dropping the retry: that socket may be gone (drain, kill -9), so this one must get the ack,
    // and a holder that died (its claim expires) must not leave the message unsent.
    const key = `inflight:${guest.guestId}:${id}`;
    const giveUpAt = Date.now() + IN_FLIGHT_CLAIM_MS + IN_FLIGHT_POLL_MS;
    while (!(await backend.claim(key, IN_FLIGHT_CLAIM_MS))) {
      if (this.closed || Date.now() > giveUpAt) return; // the client resends unacknowledged messages when it reconnects
      await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS));
      if (await ackedIfSent()) return;
    }
    try {
      if (await ackedIfSent()) return; // the holder may have finished between the first check and this claim
      const echo = await post(new Date().toISOString());
      this.options.metrics?.messagesIn.inc();
      await store.markSent(guest);
      await delivery.publish(guest, echo);
      await this.send({ type: 'ack', id, state: 'sent' });
    } catch (error) {
      const failure = sendFailureOf(error);
      log.warn({ session: this.sessionId, code: failure.code, err: error instanceof Error ? error.message : String(error) }, 'guest message failed');
      await this.failAck(id, failure);
    } finally {
      await backend.release(key).catch(() => undefined);
    }
  }

  private onClose(): void {
    this.closed = true;
    if (this.authTimer) clearTimeout(this.authTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    clearInterval(this.heartbeat);
    if (this.guest) this.options.store.detach(this.guest, this);
  }
}

/** How long a guest message being posted is claimed (cluster-wide) against a second post of the same id. */
const IN_FLIGHT_CLAIM_MS = 30_000;
/** How often a retry of an id claimed elsewhere checks whether that post finished (or its holder died). */
const IN_FLIGHT_POLL_MS = 100;

/** How many of `entries` (oldest first) fit in a `ready` frame's transcript budget (none to all). */
function readyPage(entries: readonly { message: ChatMessage }[]): number {
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    bytes += JSON.stringify(entries[i]!.message).length;
    if (bytes > READY_TRANSCRIPT_BUDGET_BYTES) return i;
  }
  return entries.length;
}

function rawToString(data: RawData): string | null {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The `id` of a malformed frame, when one can be read, so the client can match the error. */
function refOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') {
      return ((value as { id: string }).id).slice(0, 128);
    }
  } catch {
    // not JSON: no ref
  }
  return undefined;
}

/** Just before the oldest message (so the greeting stays first), or now for an empty transcript. */
function greetingTime(oldest: string | undefined): string {
  const at = oldest ? Date.parse(oldest) - 1 : NaN;
  return new Date(Number.isFinite(at) ? at : Date.now()).toISOString();
}

/** A URL's origin, or '' when it has none. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
