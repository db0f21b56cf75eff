/**
 * The direct transport: the browser speaks the Genesys Web Messaging guest protocol (web-messaging.md §2).
 *
 * One `connect()` opens one socket while config.json loads in parallel, configures the session with the token kept
 * in localStorage, and maps every server frame into a TransportEvent. It never reconnects by itself: when the socket
 * goes, it emits `closed` and the ChatController decides.
 */
import type { ChatError, ChatFeatures, ChatMessage, QuickReplyAnswer, SendFailure } from '../model.js';
import {
  CUSTOM_MESSAGE_ID_KEY, DEFAULT_MAX_MESSAGE_LENGTH, HEALTH_CHECK_INTERVAL_MS, HEALTH_CHECK_TRACING_ID,
  TYPING_THROTTLE_MS, WebMessagingErrorCode, webMessagingSocketUrl,
  type Attachment, type AttachmentMediaType, type ClientRequest, type ServerFrame,
  type SessionResponseBody, type StructuredMessageBody,
} from '../protocol/web-messaging.js';
import { RegionError, resolveRegion, type GenesysEndpoints } from '../protocol/regions.js';
import {
  isReadOnlyDisconnect, parseServerFrame, toChatMessage, typingOf,
} from '../protocol/web-messaging-parse.js';
import { SessionStore, directTokenKey, type TokenStorage } from '../session-store.js';
import { ChatFailure, chatError } from '../connection/errors.js';
import { newId } from '../connection/ids.js';
import {
  featuresFromConfig, fetchDeploymentConfig, limitsFrom, type ConfigOutcome,
} from '../connection/deployment-config.js';
import { fetchWebMessagingHistory } from '../connection/history.js';
import { putFile } from '../connection/upload.js';
import type {
  OutgoingMessage, SessionInfo, Transport, TransportEvent, TransportListener, UploadProgress,
} from './transport.js';

/** Where the transport writes what it skips or refuses. Tokens are never passed to it. */
export type TransportLogger = Pick<Console, 'warn' | 'debug'>;

export interface WebMessagingTransportOptions {
  /** A Genesys domain (`usw2.pure.cloud`) or an origin URL (`http://127.0.0.1:8787`, the emulator). */
  region: string;
  deploymentId: string;
  /** Sent as `channel.metadata.customAttributes` on every message (the `skill` attribute routes). */
  customAttributes?: Record<string, string>;
  WebSocketImpl?: typeof WebSocket;
  fetchImpl?: typeof fetch;
  XMLHttpRequestImpl?: typeof XMLHttpRequest;
  /** Session token storage; default localStorage (memory when blocked). */
  storage?: TokenStorage | null;
  /** The socket URL's `application` parameter. */
  application?: string;
  /** Guest text limit (UNCONFIRMED in the spec). Default 4,000. */
  maxMessageLength?: number;
  /** Health-check echo period. Default 30 s (spec). */
  healthCheckIntervalMs?: number;
  /** How long an echo may go unanswered before the socket counts as dead. Default 10 s (UNCONFIRMED). */
  healthCheckTimeoutMs?: number;
  /** Replies to requests (configureSession, getJwt, onAttachment, …). Default 15 s. */
  requestTimeoutMs?: number;
  /** How long the session waits for config.json once the socket is configured. Default 10 s. */
  configTimeoutMs?: number;
  /** Socket refusals before the first session (while config.json is fine) that count as "origin not allowed". Default 2. */
  refusalsBeforeOriginError?: number;
  logger?: TransportLogger;
}

export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_CONFIG_TIMEOUT_MS = 10_000;
/** Uploads can take long on slow links; the success event must come within this after the PUT. */
export const UPLOAD_CONFIRM_TIMEOUT_MS = 60_000;

interface Waiter {
  /** `consumed`: the frame was its answer; `settled`: it was, but the general handler must see it too; null: not its. */
  offer(frame: ServerFrame): 'consumed' | 'settled' | null;
  fail(error: ChatError): void;
}

/** Why a socket ended before it opened, for telling "origin not allowed" from "network down". */
interface SocketRefusal {
  closeCode?: number;
  errorText?: string;
}

const ORIGIN_CLOSE_CODES = new Set([1008, 4003]);

function mediaTypeOf(mime: string): AttachmentMediaType {
  if (mime.startsWith('image/')) return 'Image';
  if (mime.startsWith('video/')) return 'Video';
  if (mime.startsWith('audio/')) return 'Audio';
  return 'File';
}

function bodyText(frame: ServerFrame): string {
  const body: unknown = frame.body;
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null && 'errorMessage' in body) return String(body.errorMessage);
  return frame.class;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export class WebMessagingTransport implements Transport {
  private readonly options: WebMessagingTransportOptions;
  private readonly store: SessionStore;
  private readonly WebSocketImpl: typeof WebSocket | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly logger: TransportLogger;
  private listener: TransportListener = () => {};

  private socket: WebSocket | null = null;
  /** Bumped by every new socket and every disconnect: late callbacks of an old socket are ignored. */
  private generation = 0;
  private sessionOpen = false;
  private connecting: Promise<void> | null = null;
  private endpoints: GenesysEndpoints | null = null;
  private config: ConfigOutcome | null = null;
  private features: ChatFeatures | null = null;
  private maxCustomDataBytes: number | undefined;
  private readonly waiters = new Set<Waiter>();
  /** Client ids of messages sent on this socket whose echo has not come yet (errors carry them as tracingId). */
  private readonly unconfirmed = new Set<string>();
  private readonly uploads = new Map<string, Waiter>();
  private healthTimer: ReturnType<typeof setInterval> | null = null;
  private healthDeadline: ReturnType<typeof setTimeout> | null = null;
  private lastTypingAt = -Infinity;
  private jwt: { value: string; expiresAtMs: number } | null = null;
  private everConfigured = false;
  private refusals = 0;
  private ending = false;
  private startNewPending = false;
  /** The server said this session is read-only (SessionResponse.readOnly, read-only Disconnect, 409). */
  private readOnlySession = false;
  private abortOpening: (() => void) | null = null;

  constructor(options: WebMessagingTransportOptions) {
    this.options = options;
    this.store = new SessionStore(directTokenKey(options.deploymentId), options.storage);
    this.WebSocketImpl = options.WebSocketImpl ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
    this.logger = options.logger ?? console;
  }

  onEvent(listener: TransportListener): void {
    this.listener = listener;
  }

  connect(): Promise<void> {
    if (this.sessionOpen) return Promise.resolve();
    if (!this.connecting) {
      this.connecting = this.open(this.startNewPending).finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  disconnect(): void {
    this.teardown(chatError('not-connected', 'The connection was closed.'));
  }

  sendMessage(message: OutgoingMessage): void {
    const content = (message.attachmentIds ?? []).map((id) => ({ contentType: 'Attachment', attachment: { id } }));
    this.sendGuestMessage(message.id, {
      type: 'Text',
      text: message.text,
      ...(content.length ? { content } : {}),
      metadata: { [CUSTOM_MESSAGE_ID_KEY]: message.id },
    }, message.customAttributes);
  }

  sendQuickReply(id: string, answer: QuickReplyAnswer, _originatingMessageId: string): void {
    this.sendGuestMessage(id, {
      type: 'Structured',
      text: answer.text,
      content: [{ contentType: 'ButtonResponse', buttonResponse: { ...answer } }],
      metadata: { [CUSTOM_MESSAGE_ID_KEY]: id },
    });
  }

  sendTyping(): void {
    if (!this.sessionOpen || this.features?.guestTyping === false) return;
    const now = Date.now();
    if (now - this.lastTypingAt < TYPING_THROTTLE_MS) return;
    this.lastTypingAt = now;
    this.send({
      action: 'onMessage', token: this.store.getOrCreate(),
      message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] },
    });
  }

  async fetchHistory(): Promise<ChatMessage[]> {
    const endpoints = this.requireSession();
    const jwt = await this.getJwt();
    return fetchWebMessagingHistory({
      fetchImpl: this.fetchImpl,
      apiBase: endpoints.apiBase,
      jwt,
      onSkipped: (reason) => this.logger.warn('[genesys-chat] skipped a malformed history entry:', reason),
    });
  }

  async uploadAttachment(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment> {
    this.requireSession();
    const tracingId = newId();
    const fileType = file.type || 'application/octet-stream';
    const reply = this.request(
      { action: 'onAttachment', token: this.store.getOrCreate(), tracingId, fileName: file.name, fileType, fileSize: file.size },
      (frame) => frame.class === 'PresignedUrlResponse',
    );
    const frame = await reply;
    if (frame.class !== 'PresignedUrlResponse') throw this.uploadError(frame);
    const { attachmentId, url, headers } = frame.body;
    const confirmed = this.awaitUpload(attachmentId);
    try {
      await putFile({
        url, headers, file, fetchImpl: this.fetchImpl,
        ...(onProgress ? { onProgress } : {}),
        ...(this.options.XMLHttpRequestImpl ? { XMLHttpRequestImpl: this.options.XMLHttpRequestImpl } : {}),
      });
    } catch (error) {
      this.uploads.delete(attachmentId);
      confirmed.catch(() => {});
      throw error;
    }
    const success = await confirmed;
    return {
      id: attachmentId, url: success, filename: file.name, mime: fileType, fileSize: file.size,
      mediaType: mediaTypeOf(fileType),
    };
  }

  async deleteAttachment(attachmentId: string): Promise<void> {
    this.requireSession();
    const frame = await this.request(
      { action: 'deleteAttachment', token: this.store.getOrCreate(), tracingId: newId(), attachmentId },
      (f) => f.class === 'AttachmentDeletedResponse',
    );
    if (frame.class !== 'AttachmentDeletedResponse') {
      throw new ChatFailure(chatError('server', `The attachment could not be removed: ${bodyText(frame)}`, { detail: frame }));
    }
  }

  async endConversation(): Promise<void> {
    await this.closeSession();
    this.disconnect();
  }

  async startNewConversation(): Promise<void> {
    await this.closeSession();
    this.disconnect();
    // startNew only replaces a read-only session (spec §4); a conversation the guest ended themselves, or one whose
    // state we do not know, gets a fresh token so the new conversation really starts empty.
    if (!this.readOnlySession) this.store.forget();
    // Kept until a session is configured, so a reconnect after a failed attempt still asks for a new conversation.
    this.startNewPending = true;
    this.connecting = this.open(true).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Clears the conversation (Presence Clear → SessionClearedEvent); the next session starts with a new token. */
  async clearConversation(): Promise<void> {
    this.requireSession();
    const cleared = new Promise<void>((resolve, reject) => {
      this.addWaiter({
        offer: (frame) => {
          if (frame.class !== 'SessionClearedEvent') return null;
          resolve();
          return 'settled'; // the general handler still runs: forget the token, emit `cleared`
        },
        fail: (error) => reject(new ChatFailure(error)),
      }, this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    });
    this.send({
      action: 'onMessage', token: this.store.getOrCreate(), tracingId: newId(),
      message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] },
    });
    await cleared;
  }

  forgetSession(): void {
    this.store.forget();
    this.jwt = null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Connection
  // -------------------------------------------------------------------------------------------------------------

  private async open(startNew: boolean): Promise<void> {
    let endpoints: GenesysEndpoints;
    try {
      endpoints = resolveRegion(this.options.region);
    } catch (error) {
      const message = error instanceof RegionError ? error.message : 'The region is not valid.';
      throw this.fatal(chatError('bad-region', message, { fatal: true, detail: this.options.region }));
    }
    if (!this.options.deploymentId) {
      throw this.fatal(chatError('missing-deployment', 'The deployment-id attribute is missing.', { fatal: true }));
    }
    const WebSocketImpl = this.WebSocketImpl;
    if (!WebSocketImpl) {
      throw this.fatal(chatError('network', 'This browser has no WebSocket support.', { fatal: true }));
    }
    this.endpoints = endpoints;
    this.teardown(null);
    this.jwt = null; // a JWT belongs to one session; the token may have changed
    const generation = ++this.generation;

    // config.json loads while the socket opens; a cached good answer is reused on reconnects.
    const configReady = this.loadConfig(endpoints);
    const url = webMessagingSocketUrl(endpoints.webMessagingUrl, this.options.deploymentId, this.options.application);
    const socket = new WebSocketImpl(url);
    this.socket = socket;

    const refusal = await this.awaitOpen(socket);
    if (generation !== this.generation) throw new ChatFailure(chatError('not-connected', 'Connection superseded.'));
    if (refusal) {
      this.socket = null;
      const verdict = await this.withTimeout(configReady, this.options.configTimeoutMs ?? DEFAULT_CONFIG_TIMEOUT_MS);
      if (generation !== this.generation) throw new ChatFailure(chatError('not-connected', 'Connection superseded.'));
      const fatal = this.configVerdict(verdict) ?? this.refusalVerdict(refusal, verdict);
      if (fatal) throw this.fatal(fatal);
      const error = chatError('network', 'The chat service cannot be reached.', { detail: refusal });
      this.emit({ type: 'closed', reconnect: true, error });
      throw new ChatFailure(error);
    }
    socket.onmessage = (event: MessageEvent) => this.onRaw(event.data, generation);
    socket.onclose = (event: CloseEvent) => {
      if (generation !== this.generation) return;
      this.drop(chatError('network', 'The connection was lost.', { detail: { closeCode: event.code } }), true);
    };

    const session = await this.configure(startNew, generation);
    const verdict = await this.withTimeout(configReady, this.options.configTimeoutMs ?? DEFAULT_CONFIG_TIMEOUT_MS);
    if (generation !== this.generation) throw new ChatFailure(chatError('not-connected', 'Connection superseded.'));
    const fatal = this.configVerdict(verdict);
    if (fatal) throw this.fatal(fatal);
    const config = verdict?.kind === 'ok' ? verdict.config : undefined;
    const limits = limitsFrom(session, config, this.options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH);
    this.maxCustomDataBytes = limits.maxCustomDataBytes;
    const info: SessionInfo = { resumed: session.newSession === false, readOnly: session.readOnly === true, limits };
    if (typeof session.expirationDate === 'number') {
      info.expiresAt = session.expirationDate < 1e12 ? session.expirationDate * 1000 : session.expirationDate;
    }
    this.sessionOpen = true;
    this.startNewPending = false;
    this.everConfigured = true;
    this.refusals = 0;
    this.startHealthCheck(generation);
    this.readOnlySession = session.readOnly === true;
    this.emit({ type: 'session', session: info });
    if (session.readOnly === true) this.emit({ type: 'read-only' });
    if (session.newSession !== false && !session.readOnly && this.features?.autoStart && !session.autoStarted) {
      this.sendPresenceJoin();
    }
  }

  /** Resolves null when the socket opened, or why it ended first (or that disconnect() stopped the wait). */
  private awaitOpen(socket: WebSocket): Promise<SocketRefusal | null> {
    return new Promise((resolve) => {
      const refusal: SocketRefusal = {};
      const finish = (value: SocketRefusal | null): void => {
        this.abortOpening = null;
        resolve(value);
      };
      this.abortOpening = () => finish({ errorText: 'superseded' });
      socket.onopen = () => finish(null);
      socket.onerror = (event: Event) => {
        const message = (event as { message?: unknown }).message;
        if (typeof message === 'string') refusal.errorText = message;
      };
      socket.onclose = (event: CloseEvent) => {
        refusal.closeCode = event.code;
        finish(refusal);
      };
    });
  }

  /** configureSession on the open socket; resolves with the SessionResponse body. */
  private async configure(startNew: boolean, generation: number): Promise<SessionResponseBody> {
    const request: ClientRequest = {
      action: 'configureSession',
      deploymentId: this.options.deploymentId,
      token: this.store.getOrCreate(),
      tracingId: newId(),
      ...(startNew ? { startNew: true } : {}),
    };
    let frame: ServerFrame;
    try {
      frame = await this.request(request, (f) => f.class === 'SessionResponse');
    } catch (error) {
      const chat = error instanceof ChatFailure ? error : chatError('network', 'The session could not be configured.');
      // A stale generation means the socket already went (closed was emitted) or disconnect() was called.
      if (generation === this.generation) this.drop(chat, true);
      throw new ChatFailure(chat);
    }
    if (frame.class === 'SessionResponse' && frame.body.connected) return frame.body;
    const error = this.sessionRefusal(frame);
    if (error.code === 'session-not-found' || error.code === 'session-expired') this.store.forget();
    this.drop(error, !error.fatal && error.code !== 'session-expired');
    throw new ChatFailure(error);
  }

  /** A configureSession answered with something other than a connected SessionResponse. */
  private sessionRefusal(frame: ServerFrame): ChatError {
    const code = frame.code;
    const text = bodyText(frame);
    if (frame.class === 'TooManyRequestsErrorMessage') {
      this.emit({ type: 'rate-limited', retryAfterSeconds: frame.body.retryAfter });
      return chatError('rate-limited', text, { retryAfterSeconds: frame.body.retryAfter, detail: frame });
    }
    if (code === WebMessagingErrorCode.SessionNotFound) return chatError('session-not-found', text, { detail: frame });
    if (code === WebMessagingErrorCode.SessionHasExpired || frame.class === 'SessionExpiredEvent') {
      return chatError('session-expired', text, { detail: frame });
    }
    if (code === 403 || /origin/i.test(text)) {
      return chatError('origin-not-allowed', `This website is not an allowed domain of the deployment (${text}).`, { fatal: true, detail: frame });
    }
    if (/inactive/i.test(text)) return chatError('deployment-inactive', 'The chat deployment is not active.', { fatal: true, detail: frame });
    if (code === 404 || /deployment/i.test(text)) {
      return chatError('deployment-not-found', 'The chat deployment was not found; check deployment-id and region.', { fatal: true, detail: frame });
    }
    return chatError('server', `The session could not be configured: ${text}`, { detail: frame });
  }

  private loadConfig(endpoints: GenesysEndpoints): Promise<ConfigOutcome> {
    if (this.config?.kind === 'ok') return Promise.resolve(this.config);
    return fetchDeploymentConfig(this.fetchImpl, endpoints.apiCdnBase, this.options.deploymentId).then((outcome) => {
      this.config = outcome;
      if (outcome.kind === 'ok') {
        this.features = featuresFromConfig(outcome.config);
        this.emit({ type: 'features', features: this.features });
      } else if (outcome.kind === 'unavailable') {
        this.logger.warn('[genesys-chat] deployment config unavailable; using default features:', outcome.reason);
      }
      return outcome;
    });
  }

  /** A fatal ChatError when config.json says the deployment does not exist or is inactive. */
  private configVerdict(outcome: ConfigOutcome | null): ChatError | null {
    if (outcome?.kind === 'not-found') {
      return chatError('deployment-not-found',
        `Deployment "${this.options.deploymentId}" was not found in this region; check deployment-id and region.`, { fatal: true });
    }
    if (outcome?.kind === 'inactive') {
      return chatError('deployment-inactive', `Deployment "${this.options.deploymentId}" is not active.`, { fatal: true });
    }
    return null;
  }

  /**
   * A socket refused before it opened. Browsers hide the HTTP status of a failed upgrade, so "origin not allowed"
   * (403) is recognised by the status where the WebSocket implementation tells it, or by repeated refusals before
   * any session while config.json answers fine (the service is up, it refuses this page).
   */
  private refusalVerdict(refusal: SocketRefusal, config: ConfigOutcome | null): ChatError | null {
    const origin = (): ChatError => chatError('origin-not-allowed',
      'The chat service refused this website. Add its domain to the deployment\'s allowed domains.', { fatal: true, detail: refusal });
    if (/\b403\b/.test(refusal.errorText ?? '') || ORIGIN_CLOSE_CODES.has(refusal.closeCode ?? 0)) return origin();
    if (this.everConfigured || config?.kind !== 'ok') return null;
    this.refusals++;
    return this.refusals >= (this.options.refusalsBeforeOriginError ?? 2) ? origin() : null;
  }

  private withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), ms);
      promise.then((value) => {
        clearTimeout(timer);
        resolve(value);
      }, () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  }

  /** closeSession and wait (briefly) for the `connected: false` answer. */
  private async closeSession(): Promise<void> {
    if (!this.sessionOpen) return;
    this.ending = true;
    try {
      await this.request(
        { action: 'closeSession', token: this.store.getOrCreate(), tracingId: newId(), closeAllConnections: true },
        (f) => f.class === 'SessionResponse',
      );
    } catch {
      // no answer: the socket is closed next anyway
    } finally {
      this.ending = false;
    }
  }

  /** Emits a fatal error and `closed` without reconnect; returns the failure to throw. */
  private fatal(error: ChatError): ChatFailure {
    this.teardown(error);
    this.emit({ type: 'closed', reconnect: false, error });
    return new ChatFailure(error);
  }

  /** The socket is gone (or must go): clean up and tell the controller once. */
  private drop(error: ChatError | undefined, reconnect: boolean): void {
    this.teardown(error ?? chatError('not-connected', 'The connection was closed.'));
    this.emit(error ? { type: 'closed', reconnect, error } : { type: 'closed', reconnect });
  }

  /** Closes the socket quietly, stops timers and fails whatever waits for a reply. */
  private teardown(error: ChatError | null): void {
    this.generation++;
    this.sessionOpen = false;
    this.stopHealthCheck();
    this.abortOpening?.();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
    const reason = error ?? chatError('not-connected', 'The connection was closed.');
    for (const waiter of [...this.waiters]) waiter.fail(reason);
    this.waiters.clear();
    for (const upload of this.uploads.values()) upload.fail(reason);
    this.uploads.clear();
    this.unconfirmed.clear();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Requests and replies
  // -------------------------------------------------------------------------------------------------------------

  private send(request: ClientRequest): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) {
      throw new ChatFailure(chatError('not-connected', 'Not connected.'));
    }
    socket.send(JSON.stringify(request));
  }

  private requireSession(): GenesysEndpoints {
    if (!this.sessionOpen || !this.endpoints) throw new ChatFailure(chatError('not-connected', 'Not connected.'));
    return this.endpoints;
  }

  private addWaiter(waiter: Waiter, timeoutMs: number): void {
    const entry: Waiter = {
      offer: (frame) => {
        const result = waiter.offer(frame);
        if (result) {
          clearTimeout(timer);
          this.waiters.delete(entry);
        }
        return result;
      },
      fail: (error) => {
        clearTimeout(timer);
        this.waiters.delete(entry);
        waiter.fail(error);
      },
    };
    const timer = setTimeout(() => entry.fail(chatError('network', 'The chat service did not answer in time.')), timeoutMs);
    this.waiters.add(entry);
  }

  /**
   * Sends a request and resolves with the first frame carrying its tracingId that `isReply` accepts, or any error
   * frame carrying it (string/Error/429/GenerateUrlError). Rejects on timeout or when the socket goes.
   */
  private request(request: ClientRequest & { tracingId?: string }, isReply: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    const tracingId = request.tracingId ?? newId();
    const promise = new Promise<ServerFrame>((resolve, reject) => {
      this.addWaiter({
        offer: (frame) => {
          if (frame.tracingId !== tracingId) return null;
          if (isReply(frame) || frame.code >= 400 || frame.class === 'string' || frame.class === 'Error') {
            resolve(frame);
            return 'consumed';
          }
          return null;
        },
        fail: (error) => reject(new ChatFailure(error)),
      }, this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    });
    this.send({ ...request, tracingId });
    return promise;
  }

  private async getJwt(): Promise<string> {
    if (this.jwt && this.jwt.expiresAtMs - 30_000 > Date.now()) return this.jwt.value;
    const frame = await this.request({ action: 'getJwt', token: this.store.getOrCreate(), tracingId: newId() }, (f) => f.class === 'JwtResponse');
    if (frame.class !== 'JwtResponse') {
      throw new ChatFailure(chatError('unauthorized', `No history token: ${bodyText(frame)}`, { detail: frame }));
    }
    const exp = typeof frame.body.exp === 'number' ? frame.body.exp : 0;
    this.jwt = { value: frame.body.jwt, expiresAtMs: exp < 1e12 ? exp * 1000 : exp };
    return frame.body.jwt;
  }

  private awaitUpload(attachmentId: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.uploads.delete(attachmentId);
        reject(new ChatFailure(chatError('attachment-failed', 'The upload was not confirmed in time.')));
      }, UPLOAD_CONFIRM_TIMEOUT_MS);
      this.uploads.set(attachmentId, {
        offer: (frame) => {
          clearTimeout(timer);
          this.uploads.delete(attachmentId);
          if (frame.class === 'UploadSuccessEvent') resolve(frame.body.downloadUrl);
          else reject(this.uploadError(frame));
          return 'consumed';
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(new ChatFailure(error));
        },
      });
    });
  }

  private uploadError(frame: ServerFrame): ChatFailure {
    const text = bodyText(frame);
    const code = frame.class === 'GenerateUrlError' || frame.class === 'UploadFailureEvent' ? frame.body.errorCode : frame.code;
    if (code === WebMessagingErrorCode.FileTypeInvalid) {
      return new ChatFailure(chatError('attachment-type-not-allowed', text, { detail: frame }));
    }
    if (code === WebMessagingErrorCode.FileSizeInvalid) return new ChatFailure(chatError('attachment-too-large', text, { detail: frame }));
    return new ChatFailure(chatError('attachment-failed', text, { detail: frame }));
  }

  private sendGuestMessage(
    id: string,
    message: Extract<ClientRequest, { action: 'onMessage' }>['message'],
    extraAttributes?: Record<string, string>,
  ): void {
    this.requireSession();
    const attributes = { ...this.options.customAttributes, ...extraAttributes };
    const hasAttributes = Object.keys(attributes).length > 0;
    if (hasAttributes && this.maxCustomDataBytes !== undefined && utf8Bytes(JSON.stringify(attributes)) > this.maxCustomDataBytes) {
      throw new ChatFailure(chatError('custom-attributes-too-large',
        `The page's custom attributes exceed ${this.maxCustomDataBytes} bytes.`, { detail: Object.keys(attributes) }));
    }
    this.send({
      action: 'onMessage', token: this.store.getOrCreate(), tracingId: id, message,
      ...(hasAttributes ? { channel: { metadata: { customAttributes: attributes } } } : {}),
    });
    this.unconfirmed.add(id);
  }

  private sendPresenceJoin(): void {
    try {
      const attributes = this.options.customAttributes ?? {};
      this.send({
        action: 'onMessage', token: this.store.getOrCreate(), tracingId: newId(),
        message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] },
        ...(Object.keys(attributes).length ? { channel: { metadata: { customAttributes: attributes } } } : {}),
      });
    } catch (error) {
      this.logger.warn('[genesys-chat] auto-start Join not sent:', error);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Health check
  // -------------------------------------------------------------------------------------------------------------

  private startHealthCheck(generation: number): void {
    this.stopHealthCheck();
    const interval = this.options.healthCheckIntervalMs ?? HEALTH_CHECK_INTERVAL_MS;
    this.healthTimer = setInterval(() => {
      if (generation !== this.generation || this.healthDeadline) return;
      try {
        this.send({ action: 'echo', token: this.store.getOrCreate(), tracingId: HEALTH_CHECK_TRACING_ID, message: { type: 'Text', text: 'ping' } });
      } catch {
        return;
      }
      this.healthDeadline = setTimeout(() => {
        this.healthDeadline = null;
        if (generation !== this.generation) return;
        this.logger.warn('[genesys-chat] no answer to the health check; closing the socket');
        this.drop(chatError('network', 'The connection stopped answering.'), true);
      }, this.options.healthCheckTimeoutMs ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS);
    }, interval);
  }

  private stopHealthCheck(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.healthDeadline) clearTimeout(this.healthDeadline);
    this.healthTimer = null;
    this.healthDeadline = null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Incoming frames
  // -------------------------------------------------------------------------------------------------------------

  private onRaw(data: unknown, generation: number): void {
    if (generation !== this.generation) return;
    if (typeof data !== 'string') {
      this.logger.warn('[genesys-chat] skipped a non-text frame');
      return;
    }
    const parsed = parseServerFrame(data);
    const tracingId = parsed.ok ? parsed.frame.tracingId : parsed.tracingId;
    if (tracingId === HEALTH_CHECK_TRACING_ID) {
      if (this.healthDeadline) clearTimeout(this.healthDeadline);
      this.healthDeadline = null;
      return;
    }
    if (!parsed.ok) {
      if (parsed.ignored) this.logger.debug('[genesys-chat]', parsed.error);
      else this.logger.warn('[genesys-chat] skipped a malformed frame:', parsed.error);
      return;
    }
    const frame = parsed.frame;
    for (const waiter of [...this.waiters]) {
      if (waiter.offer(frame) === 'consumed') return;
    }
    try {
      this.handle(frame);
    } catch (error) {
      this.logger.warn('[genesys-chat] frame handling failed; skipped:', error);
    }
  }

  private handle(frame: ServerFrame): void {
    switch (frame.class) {
      case 'StructuredMessage':
        this.handleMessage(frame.body);
        return;
      case 'TooManyRequestsErrorMessage': {
        const retryAfterSeconds = frame.body.retryAfter;
        this.emit({ type: 'rate-limited', retryAfterSeconds });
        this.failSend(frame, { code: 'rate-limited', message: frame.body.errorMessage, retryAfterSeconds });
        return;
      }
      case 'UploadSuccessEvent':
      case 'UploadFailureEvent':
        this.uploads.get(frame.body.attachmentId)?.offer(frame);
        return;
      case 'ConnectionClosedEvent':
        if (this.ending) return;
        this.drop(chatError('server', 'The conversation was closed from another window.', { detail: frame.body }), false);
        return;
      case 'SessionExpiredEvent':
        this.store.forget();
        this.drop(chatError('session-expired', 'The chat session expired.', { detail: frame.body }), false);
        return;
      case 'SessionClearedEvent':
        this.store.forget();
        this.emit({ type: 'cleared' });
        this.drop(undefined, true);
        return;
      case 'string':
      case 'Error':
        if (frame.code >= 400) this.handleError(frame);
        return;
      default:
        if (frame.code >= 400) this.handleError(frame);
    }
  }

  private handleMessage(body: StructuredMessageBody): void {
    const typing = typingOf(body);
    if (typing) {
      this.emit({ type: 'typing', ...typing });
      return;
    }
    const message = toChatMessage(body);
    if (message) {
      if (message.direction === 'inbound') this.unconfirmed.delete(message.id);
      this.emit({ type: 'messages', messages: [message], source: 'live' });
    }
    if (isReadOnlyDisconnect(body)) {
      this.readOnlySession = true;
      this.emit({ type: 'read-only' });
    }
  }

  /** An error frame: tied to a sent message (by tracingId) → send-failed; else a session-level condition. */
  private handleError(frame: ServerFrame): void {
    const code = frame.code;
    const text = bodyText(frame);
    if (code === WebMessagingErrorCode.SessionHasExpired) {
      this.store.forget();
      this.drop(chatError('session-expired', text, { detail: frame }), false);
      return;
    }
    if (code === WebMessagingErrorCode.SessionNotFound) {
      this.store.forget();
      this.drop(chatError('session-not-found', text, { detail: frame }), true);
      return;
    }
    let failure: SendFailure;
    if (code === WebMessagingErrorCode.MessageTooLong) failure = { code: 'message-too-long', message: text };
    else if (code === WebMessagingErrorCode.CustomAttributeSizeTooLarge) failure = { code: 'custom-attributes-too-large', message: text };
    else if (code === 409) failure = { code: 'read-only', message: text };
    else if (code === 429 || code === WebMessagingErrorCode.RequestRateTooHigh) failure = { code: 'rate-limited', message: text, retryAfterSeconds: 1 };
    else failure = { code: 'server', message: text };
    if (failure.code === 'read-only') {
      this.readOnlySession = true;
      this.emit({ type: 'read-only' });
    }
    if (failure.code === 'rate-limited') this.emit({ type: 'rate-limited', retryAfterSeconds: 1 });
    if (!this.failSend(frame, failure)) {
      this.emit({ type: 'error', error: chatError(failure.code, text, { detail: frame }) });
    }
  }

  /** Reports a send failure when the frame's tracingId is one of our messages. */
  private failSend(frame: ServerFrame, failure: SendFailure): boolean {
    const id = frame.tracingId;
    if (!id || !this.unconfirmed.has(id)) return false;
    this.unconfirmed.delete(id);
    this.emit({ type: 'send-failed', id, failure });
    return true;
  }

  private emit(event: TransportEvent): void {
    try {
      this.listener(event);
    } catch (error) {
      this.logger.warn('[genesys-chat] transport listener failed:', error);
    }
  }
}
