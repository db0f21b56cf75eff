/**
 * The gateway transport (`token-endpoint`): asks our server for a session (`POST <tokenEndpoint>`), opens its
 * WebSocket, authenticates with the first frame (never in the URL) and maps the gateway protocol
 * (src/protocol/gateway.ts) to TransportEvents. The server bridges to Genesys Open Messaging; no Genesys token ever
 * reaches the browser. Browser-only code: no Node APIs.
 */
import { pageFetch } from '../connection/config-reader.js';
import { ChatFailure, chatError } from '../connection/errors.js';
import { sendFile } from '../connection/upload.js';
import type { ChatError, ChatErrorCode, ChatMessage, ChatSender, QuickReplyAnswer } from '../model.js';
import {
  GatewayCloseCode, isHttpUrl, parseServerFrame, parseUploadResponse, type GatewayClientFrame, type GatewayHttpError,
  type GatewayServerFrame, type GatewaySessionResponse, type ReadyFrame,
} from '../protocol/gateway.js';
import type { Attachment } from '../protocol/web-messaging.js';
import { defaultStorage, gatewayTokenKey, type TokenStorage } from '../session-store.js';
import {
  postGatewaySession, readStoredGatewaySession, type GatewaySessionOptions, type StoredGatewaySession,
} from './gateway-session.js';
import type { OutgoingMessage, Transport, TransportEvent, TransportListener, UploadProgress } from './transport.js';

export interface GatewayTransportOptions extends GatewaySessionOptions {
  /** Where the session token is kept between page loads. Default: localStorage (memory where it is blocked). */
  storage?: TokenStorage;
  WebSocketImpl?: typeof WebSocket;
  fetchImpl?: typeof fetch;
  /** Uploads use it for progress events where there is one (tests pass their own). */
  XMLHttpRequestImpl?: typeof XMLHttpRequest;
  /**
   * The first session request, already sent (postGatewaySession with the kept token) while this transport's chunk
   * loaded: the first connect reads its answer instead of asking again.
   */
  firstSessionRequest?: Promise<Response>;
}

/** Guest typing goes out at most this often (the server throttles too). */
const TYPING_THROTTLE_MS = 5_000;
/** Renew the session token this long before it expires (at most a quarter of its lifetime). */
const RENEW_AHEAD_MS = 60_000;
const RENEW_RETRY_MS = 10_000;
/** An open socket that got no `ready` within this long is closed and the connection retried. */
export const READY_TIMEOUT_MS = 15_000;

function failure(code: ChatErrorCode, message: string, extra: { fatal?: boolean; retryAfterSeconds?: number; detail?: unknown } = {}): ChatFailure {
  return new ChatFailure(chatError(code, message, extra));
}

/** A session answer (new, resumed or renewed) with what the transport relies on; an uploadUrl not http(s) means none. */
function validSession(payload: unknown): GatewaySessionResponse | null {
  const s = payload as GatewaySessionResponse | null;
  if (!s || typeof s.token !== 'string' || typeof s.websocketUrl !== 'string' || typeof s.expiresIn !== 'number') return null;
  if (s.uploadUrl !== undefined && !isHttpUrl(s.uploadUrl)) {
    const { uploadUrl: _dropped, ...rest } = s;
    return rest;
  }
  return s;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The server's refusal of an upload (`{error, message, retryAfterSeconds?}`) as the ChatError the composer shows. */
function uploadRefusal(status: number, payload: unknown): ChatFailure {
  const detail = { status, body: payload };
  if (status === 413) return failure('attachment-too-large', 'The file is too large.', { detail });
  if (status === 415) return failure('attachment-type-not-allowed', 'Files of this type cannot be sent.', { detail });
  if (status === 429) {
    const after = (payload as Partial<GatewayHttpError> | null)?.retryAfterSeconds;
    return failure('rate-limited', 'Too many files at once.', { detail, retryAfterSeconds: typeof after === 'number' && after > 0 ? after : 5 });
  }
  return failure('attachment-failed', 'The file could not be uploaded.', { detail });
}

/**
 * A message as the server sent it, with the optional fields the frame check does not cover made safe: a `sender`
 * that is not `{ name: string, avatarUrl?: string }` is dropped (a number there would break every later render).
 */
export function cleanMessage(message: ChatMessage): ChatMessage {
  if (message.sender === undefined) return message;
  const { sender: raw, ...rest } = message;
  const sender = cleanSender(raw);
  return sender ? { ...rest, sender } : rest;
}

/** `{ name: string, avatarUrl?: string }` from a remote value, or undefined. */
export function cleanSender(raw: unknown): ChatSender | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const { name, avatarUrl } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return undefined;
  return { name, ...(typeof avatarUrl === 'string' && avatarUrl ? { avatarUrl } : {}) };
}

/** The gateway transport. One instance per widget configuration; the controller owns reconnects. */
export class GatewayTransport implements Transport {
  private listener: TransportListener = () => undefined;
  private ws: WebSocket | null = null;
  private ready = false;
  private connecting: Promise<void> | null = null;
  private session: GatewaySessionResponse | null = null;
  private expiresAt = 0;
  private lastSeq: number | undefined;
  private readonly known = new Map<string, ChatMessage>();
  private readonly pending = new Set<string>();
  private lastTypingAt = 0;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: TokenStorage;
  private readonly storageKey: string;
  private firstSessionRequest: Promise<Response> | undefined;
  /** Bumped by startNewConversation: an open() of an earlier generation gives way. */
  private generation = 0;

  constructor(private readonly options: GatewayTransportOptions) {
    this.fetchImpl = options.fetchImpl ?? pageFetch;
    this.storage = options.storage ?? defaultStorage();
    this.storageKey = gatewayTokenKey(options.tokenEndpoint);
    this.firstSessionRequest = options.firstSessionRequest;
  }

  onEvent(listener: TransportListener): void {
    this.listener = listener;
  }

  /** Resolved on use, not in the constructor: importing or constructing this in Node (no global WebSocket) works. */
  private get WebSocketImpl(): typeof WebSocket {
    return this.options.WebSocketImpl ?? globalThis.WebSocket;
  }

  connect(): Promise<void> {
    if (this.ready && this.ws) return Promise.resolve();
    if (!this.connecting) {
      const connecting: Promise<void> = this.open().finally(() => {
        if (this.connecting === connecting) this.connecting = null;
      });
      this.connecting = connecting;
    }
    return this.connecting;
  }

  disconnect(): void {
    this.clearRenew();
    this.ready = false;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.onerror = null;
      ws.close(1000, 'closed by the page');
    }
  }

  sendMessage(message: OutgoingMessage): void {
    const uploads = message.attachmentIds?.length ? { uploads: message.attachmentIds } : {};
    this.send({ type: 'message', id: message.id, text: message.text, ...uploads });
    this.pending.add(message.id);
  }

  /**
   * Uploads a file to the server (`POST <uploadUrl>`, the session token as the bearer): Open Messaging has no upload
   * API, so the server keeps the file and Genesys fetches it from there. The answer's id goes in the next message.
   */
  async uploadAttachment(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment> {
    const session = this.session;
    if (!this.ready || !session) throw failure('not-connected', 'The chat is not connected.');
    if (!session.uploadUrl) throw failure('attachment-failed', 'This chat server takes no files.');
    const answer = await sendFile('POST', {
      url: `${session.uploadUrl}?filename=${encodeURIComponent(file.name)}`,
      headers: { authorization: `Bearer ${session.token}`, 'content-type': file.type || 'application/octet-stream' },
      file, fetchImpl: this.fetchImpl,
      ...(onProgress ? { onProgress } : {}),
      ...(this.options.XMLHttpRequestImpl ? { XMLHttpRequestImpl: this.options.XMLHttpRequestImpl } : {}),
    });
    const payload = parseJsonText(answer.body);
    if (answer.status < 200 || answer.status >= 300) throw uploadRefusal(answer.status, payload);
    const uploaded = parseUploadResponse(payload);
    if (!uploaded) throw failure('attachment-failed', 'The chat server answered the upload unexpectedly.', { detail: payload });
    return {
      id: uploaded.id, url: uploaded.url, filename: uploaded.filename, mime: uploaded.mime, fileSize: uploaded.size,
      mediaType: uploaded.mediaType,
    };
  }

  /** Removes a file the guest uploaded and did not send (a refusal is only logged by the controller). */
  async deleteAttachment(attachmentId: string): Promise<void> {
    const session = this.session;
    if (!session?.uploadUrl) return;
    let response: Response;
    try {
      response = await this.fetchImpl(`${session.uploadUrl}/${encodeURIComponent(attachmentId)}`, {
        method: 'DELETE', headers: { authorization: `Bearer ${session.token}` },
      });
    } catch (error) {
      throw failure('network', 'The chat server cannot be reached.', { detail: error });
    }
    if (!response.ok && response.status !== 404) throw failure('server', `The chat server answered ${response.status}.`);
  }

  sendQuickReply(id: string, answer: QuickReplyAnswer, originatingMessageId: string): void {
    this.send({ type: 'quick-reply', id, answer: { type: answer.type, text: answer.text, payload: answer.payload }, originatingMessageId });
    this.pending.add(id);
  }

  sendTyping(): void {
    const now = Date.now();
    if (!this.ready || now - this.lastTypingAt < TYPING_THROTTLE_MS) return;
    this.lastTypingAt = now;
    this.send({ type: 'typing' });
  }

  /** Everything this transport has seen of the session (the server's transcript plus live messages), oldest first. */
  async fetchHistory(): Promise<ChatMessage[]> {
    return [...this.known.values()].sort((a, b) => a.time.localeCompare(b.time));
  }

  /**
   * Open Messaging has no "customer ended" call (spec §4.3): the guest leaves by forgetting the session. The
   * conversation becomes read-only here; a new one gets a new guest id.
   */
  async endConversation(): Promise<void> {
    this.forgetSession();
    this.disconnect();
    this.emit({ type: 'read-only' });
  }

  async startNewConversation(): Promise<void> {
    // A connect under way resumes the kept session (its request may have gone out before the chunk loaded): it gives
    // way, and this one asks for a new guest.
    this.generation += 1;
    this.connecting = null;
    this.firstSessionRequest = undefined;
    this.forgetSession();
    this.disconnect();
    this.known.clear();
    this.lastSeq = undefined;
    await this.connect();
  }

  forgetSession(): void {
    this.session = null;
    try {
      this.storage.removeItem(this.storageKey);
    } catch {
      // storage unavailable (private mode): nothing to forget
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  private emit(event: TransportEvent): void {
    this.listener(event);
  }

  private send(frame: GatewayClientFrame): void {
    if (!this.ready || !this.ws || this.ws.readyState !== this.WebSocketImpl.OPEN) {
      throw failure('not-connected', 'The chat is not connected.');
    }
    this.ws.send(JSON.stringify(frame));
  }

  private store(session: GatewaySessionResponse): void {
    const stored: StoredGatewaySession = { token: session.token, sessionId: session.sessionId, guestId: session.guestId };
    try {
      this.storage.setItem(this.storageKey, JSON.stringify(stored));
    } catch {
      // storage full or blocked: the session lasts as long as the page
    }
  }

  /**
   * POSTs to the token endpoint (the first time, the request already sent, if any); maps HTTP failures to ChatErrors.
   */
  private async requestSession(): Promise<GatewaySessionResponse> {
    const sent = this.firstSessionRequest;
    this.firstSessionRequest = undefined;
    const response = await (sent ?? postGatewaySession(this.options, this.fetchImpl,
      this.session?.token ?? readStoredGatewaySession(this.storage, this.options.tokenEndpoint)?.token));
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const s = validSession(payload);
      if (!s) throw failure('protocol', 'The chat server answered with an unexpected session.', { detail: payload });
      return s;
    }
    const error = (payload ?? {}) as Partial<GatewayHttpError>;
    const message = typeof error.message === 'string' ? error.message : `The chat server answered ${response.status}.`;
    if (response.status === 429) {
      const retryAfterSeconds = Number(response.headers.get('retry-after')) || error.retryAfterSeconds || 5;
      this.emit({ type: 'rate-limited', retryAfterSeconds });
      throw failure('rate-limited', message, { retryAfterSeconds });
    }
    if (response.status === 403 && error.error === 'origin-not-allowed') throw failure('origin-not-allowed', message, { fatal: true });
    if (response.status === 401 || response.status === 403) throw failure('unauthorized', message, { fatal: true });
    if (response.status >= 400 && response.status < 500) throw failure('server', message, { fatal: true, detail: payload });
    throw failure('server', message, { detail: payload });
  }

  private async open(): Promise<void> {
    const generation = this.generation;
    let session: GatewaySessionResponse;
    try {
      session = await this.requestSession();
    } catch (error) {
      if (generation !== this.generation) return; // given way to a new conversation: its connect reports
      const chat = error as ChatError;
      this.emit({ type: 'closed', reconnect: !chat.fatal, error: chat });
      throw error;
    }
    if (generation !== this.generation) return; // the session a new conversation replaced: not kept, no socket
    if (this.session && this.session.guestId !== session.guestId) {
      // A different guest (the old session could not be resumed): the old transcript is not theirs.
      this.known.clear();
      this.lastSeq = undefined;
    }
    this.session = session;
    this.expiresAt = Date.now() + session.expiresIn * 1000;
    this.store(session);
    await this.openSocket(session);
  }

  private openSocket(session: GatewaySessionResponse): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let ws: WebSocket;
      try {
        ws = new this.WebSocketImpl(session.websocketUrl);
      } catch (error) {
        const chat = chatError('network', 'The chat server socket could not be opened.', { detail: error });
        this.emit({ type: 'closed', reconnect: true, error: chat });
        reject(new ChatFailure(chat));
        return;
      }
      this.ws = ws;
      // A socket that opens but never gets `ready` (a proxy that swallows frames, a server stuck) must not leave
      // the widget `connecting` forever: close it and let the controller reconnect.
      const readyTimer = setTimeout(() => {
        if (settled) return;
        settled = true;
        const chat = chatError('network', 'The chat server did not answer in time.');
        if (this.ws === ws) {
          this.ws = null;
          ws.onclose = null;
          ws.onmessage = null;
          ws.close(4000, 'no ready');
          this.emit({ type: 'closed', reconnect: true, error: chat });
        }
        reject(new ChatFailure(chat));
      }, READY_TIMEOUT_MS);
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: 'auth', token: session.token, ...(this.lastSeq !== undefined ? { lastSeq: this.lastSeq } : {}) } satisfies GatewayClientFrame));
      };
      ws.onmessage = (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        const parsed = parseServerFrame(event.data);
        if (!parsed.ok) {
          console.warn('[genesys-chat] gateway frame skipped:', parsed.error);
          return;
        }
        if (parsed.frame.type === 'ready' && !settled) {
          settled = true;
          clearTimeout(readyTimer);
          this.onReady(parsed.frame);
          resolve();
          return;
        }
        if (!settled && parsed.frame.type === 'error') {
          // Before `ready`, an error explains the close that follows.
          return;
        }
        this.onFrame(parsed.frame);
      };
      ws.onerror = () => {
        // The close event follows with the details.
      };
      ws.onclose = (event: CloseEvent) => {
        clearTimeout(readyTimer);
        if (this.ws !== ws) return;
        this.ws = null;
        this.ready = false;
        this.clearRenew();
        const error = this.closeError(event.code);
        const reconnect = event.code !== GatewayCloseCode.OriginNotAllowed;
        this.emit({ type: 'closed', reconnect, ...(error ? { error } : {}) });
        if (!settled) {
          settled = true;
          reject(new ChatFailure(error ?? chatError('network', 'The chat server closed the connection.')));
        }
      };
    });
  }

  private closeError(code: number): ChatError | undefined {
    if (code === GatewayCloseCode.OriginNotAllowed) return chatError('origin-not-allowed', 'This page is not allowed to use the chat server.', { fatal: true });
    if (code === GatewayCloseCode.Unauthorized) return chatError('session-expired', 'The chat session expired; reconnecting.');
    if (code === GatewayCloseCode.AuthTimeout) return chatError('protocol', 'The chat server did not get the session token in time.');
    if (code === 1000) return undefined;
    return chatError('network', 'The connection to the chat server was lost.');
  }

  private onReady(frame: ReadyFrame): void {
    this.ready = true;
    this.expiresAt = frame.session.expiresAt || this.expiresAt;
    this.lastSeq = frame.seq;
    this.emit({ type: 'features', features: frame.features });
    if (frame.transcript.length) {
      const transcript = frame.transcript.map(cleanMessage);
      for (const message of transcript) this.known.set(message.id, message);
      this.emit({ type: 'messages', messages: transcript, source: 'history' });
    }
    this.emit({
      type: 'session',
      session: { resumed: frame.session.resumed, readOnly: frame.session.readOnly, limits: frame.limits, expiresAt: this.expiresAt },
    });
    if (!this.ready) return; // the controller closed the connection on hearing of the session (quiet resume)
    if (frame.availability) this.emit({ type: 'availability', availability: frame.availability });
    this.scheduleRenew();
  }

  private onFrame(frame: GatewayServerFrame): void {
    switch (frame.type) {
      case 'message': {
        const message = cleanMessage(frame.message);
        this.lastSeq = Math.max(this.lastSeq ?? 0, frame.seq);
        this.known.set(message.id, message);
        this.pending.delete(message.id);
        // A replayed message is the rest of the `ready` transcript: history, not news.
        this.emit({ type: 'messages', messages: [message], source: frame.replay === true ? 'history' : 'live' });
        return;
      }
      case 'ack':
        if (frame.state === 'failed') {
          this.pending.delete(frame.id);
          this.emit({ type: 'send-failed', id: frame.id, failure: frame.failure ?? { code: 'server', message: 'The message could not be sent.' } });
          if (frame.failure?.code === 'rate-limited' && frame.failure.retryAfterSeconds) {
            this.emit({ type: 'rate-limited', retryAfterSeconds: frame.failure.retryAfterSeconds });
          }
        }
        return;
      case 'typing': {
        const sender = cleanSender(frame.sender);
        this.emit({ type: 'typing', durationMs: frame.durationMs, ...(sender ? { sender } : {}) });
        return;
      }
      case 'availability':
        this.emit({ type: 'availability', availability: frame.availability });
        return;
      case 'presence':
        if (frame.presence === 'disconnect') this.emit({ type: 'read-only' });
        return;
      case 'error': {
        const { code, message, ref, retryAfterSeconds } = frame;
        if (ref && this.pending.has(ref)) {
          this.pending.delete(ref);
          this.emit({ type: 'send-failed', id: ref, failure: { code, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });
          return;
        }
        if (code === 'rate-limited' && retryAfterSeconds) {
          this.emit({ type: 'rate-limited', retryAfterSeconds });
          return;
        }
        this.emit({ type: 'error', error: chatError(code, message, { ...(retryAfterSeconds ? { retryAfterSeconds } : {}), detail: frame }) });
        return;
      }
      case 'ready':
      case 'pong':
        return;
    }
  }

  private clearRenew(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
  }

  private scheduleRenew(delayMs?: number): void {
    this.clearRenew();
    const session = this.session;
    if (!session) return;
    const ttl = session.expiresIn * 1000;
    const wait = delayMs ?? Math.max(1_000, this.expiresAt - Date.now() - Math.min(RENEW_AHEAD_MS, ttl / 4));
    this.renewTimer = setTimeout(() => void this.renew(), wait);
  }

  /** Renews the token before it expires and hands the new one to the open socket (which then lives on). */
  private async renew(): Promise<void> {
    const session = this.session;
    if (!session || !this.ready) return;
    let response: Response;
    try {
      response = await this.fetchImpl(session.renewUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: session.token }),
        credentials: 'include',
      });
    } catch {
      this.scheduleRenew(RENEW_RETRY_MS);
      return;
    }
    if (!response.ok) {
      // 401: the session cannot be renewed; the server closes the socket at expiry and the reconnect resumes it.
      if (response.status === 429 || response.status >= 500) this.scheduleRenew(RENEW_RETRY_MS);
      return;
    }
    const renewed = validSession(await response.json().catch(() => null));
    if (!renewed || this.session !== session) return;
    this.session = renewed;
    this.expiresAt = Date.now() + renewed.expiresIn * 1000;
    this.store(renewed);
    if (this.ready && this.ws) this.ws.send(JSON.stringify({ type: 'auth', token: renewed.token } satisfies GatewayClientFrame));
    this.scheduleRenew();
  }
}
