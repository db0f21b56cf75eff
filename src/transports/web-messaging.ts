/**
 * The direct transport: the browser speaks the Genesys Web Messaging guest protocol (web-messaging.md §2).
 *
 * One `connect()` opens one socket while config.json loads in parallel, configures the session with the token kept
 * in localStorage, and maps every server frame into a TransportEvent. It never reconnects by itself: when the socket
 * goes, it emits `closed` and the ChatController decides.
 *
 * Its helpers live in `./web-messaging/`: error-frame mapping, request/reply tracking, the health-check echo, socket
 * opening and refusals, incoming frames, attachment uploads, the history JWT and the guest's requests. The customer's
 * sign-in (authenticated messaging, §2.8) is `../connection/auth.ts` (the REST side) and `./web-messaging/session-auth.ts`
 * (the configure request and its answers); here only the order of steps (signIn, upgrade, signOut, LogoutEvent).
 */
import type {
  AuthCode, AuthEventDetail, ChatError, ChatFeatures, ChatMessage, QuickReplyAnswer,
} from '../model.js';
import {
  CUSTOM_MESSAGE_ID_KEY, DEFAULT_MAX_MESSAGE_LENGTH, HEALTH_CHECK_TRACING_ID, WebMessagingErrorCode,
  TYPING_THROTTLE_MS, webMessagingSocketUrl,
  type Attachment, type ClientRequest, type OnMessageRequest, type ServerFrame, type SessionResponseBody,
} from '../protocol/web-messaging.js';
import { RegionError, resolveRegion, type GenesysEndpoints } from '../protocol/regions.js';
import { parseServerFrame } from '../protocol/web-messaging-parse.js';
import { SessionStore, directTokenKey, type TokenStorage } from '../session-store.js';
import { ChatFailure, chatError } from '../connection/errors.js';
import { newId } from '../connection/ids.js';
import {
  deploymentVerdict, featuresFromConfig, limitsFrom, type ConfigOutcome,
} from '../connection/deployment-config.js';
import { fetchWebMessagingHistory, storedHistoryHint, type HistoryHint } from '../connection/history.js';
import { holdDeploymentConfig, pageFetch, readDeploymentConfig } from '../connection/config-reader.js';
import { whenIdle } from '../idle.js';
import { withTimeout } from '../connection/with-timeout.js';
import type {
  OutgoingMessage, SessionInfo, Transport, TransportEvent, TransportListener, UploadProgress,
} from './transport.js';
import { bodyText, sessionRefusal } from './web-messaging/error-frames.js';
import { PendingRequests } from './web-messaging/pending-requests.js';
import { HealthCheck } from './web-messaging/health-check.js';
import { OriginRefusals, awaitOpen, type SocketRefusal } from './web-messaging/socket-opening.js';
import { AttachmentUploads } from './web-messaging/attachment-uploads.js';
import { HistoryJwt } from './web-messaging/history-jwt.js';
import { EarlyHistory } from './web-messaging/early-history.js';
import { guestMessageRequest, presenceRequest, typingRequest } from './web-messaging/guest-requests.js';
import { FrameHandler } from './web-messaging/frame-handler.js';
import { AuthFailure, authFailure } from '../connection/auth-failure.js';
import { LazyAuth } from '../connection/lazy-auth.js';
import { authRequiredOf, configureRequest, isAuthRefusal } from './web-messaging/session-auth.js';
import { CONFIG_IDLE_WAIT_MS, openGuestSocket, type OpenedSocket } from './web-messaging/early-socket.js';

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
  /** Refresh the sign-in's JWT this long before it expires. Default 60 s (a test passes a negative value to play a slow clock). */
  authRefreshMarginMs?: number;
  /**
   * The transport is connected right after it is created: it opens its socket first, before the rest of its setup
   * (the handshake overlaps it), and the first connect() takes that socket.
   */
  openSocketNow?: boolean;
  /** A socket opened before the transport existed (the element's, on attach): the first connect() takes it when it is for this transport's URL, else closes it. */
  preopened?: OpenedSocket;
}

export const DEFAULT_CONFIG_TIMEOUT_MS = 10_000;

function socketUrl(endpoints: GenesysEndpoints, options: WebMessagingTransportOptions): string {
  return webMessagingSocketUrl(endpoints.webMessagingUrl, options.deploymentId, options.application);
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
  private readonly requests: PendingRequests;
  private readonly uploads: AttachmentUploads;
  private readonly healthCheck: HealthCheck;
  private readonly jwt: HistoryJwt;
  /** A resumed session's history, asked for while its socket opened (askHistoryEarly); taken by fetchHistory. */
  private early: EarlyHistory | null = null;
  /** The history is asked for early once per transport (a page load), not on every reconnect attempt. */
  private askedEarly = false;
  /** How long this session's history is (a hint in storage, see storedHistoryHint), for the token it belongs to. */
  private historyLength: { token: string; hint: HistoryHint } | null = null;
  private readonly refusals: OriginRefusals;
  private readonly frames: FrameHandler;
  private lastTypingAt = -Infinity;
  private ending = false;
  private startNewPending = false;
  /** The server said this session is read-only (SessionResponse.readOnly, read-only Disconnect, 409). */
  private readOnlySession = false;
  private abortOpening: (() => void) | null = null;
  /** The socket opened before the first open() (`preopened`, `openSocketNow`), until that open() takes it. */
  private preopened: OpenedSocket | null = null;
  /** The customer's sign-in (§2.8): the next session is configured authenticated while it holds one. */
  private readonly auth: LazyAuth;

  constructor(options: WebMessagingTransportOptions) {
    this.options = options;
    this.WebSocketImpl = options.WebSocketImpl ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    // First: on a real network the handshake then overlaps the rest of the start (docs/bench.md, seventh pass).
    this.preopened = options.preopened ?? (options.openSocketNow ? this.openEarly() : null);
    this.store = new SessionStore(directTokenKey(options.deploymentId), options.storage);
    this.fetchImpl = options.fetchImpl ?? pageFetch;
    this.logger = options.logger ?? console;
    const token = (): string => this.store.getOrCreate();
    this.auth = new LazyAuth({
      deploymentId: options.deploymentId,
      apiBase: () => (this.endpoints ?? resolveRegion(options.region)).apiBase,
      fetchImpl: this.fetchImpl,
      ...(options.storage !== undefined ? { storage: options.storage } : {}),
      onExpired: (failure) => this.signInEnded('signed-out', failure, true),
      ...(options.authRefreshMarginMs !== undefined ? { refreshMarginMs: options.authRefreshMarginMs } : {}),
    });
    this.requests = new PendingRequests((request) => this.send(request), options.requestTimeoutMs);
    const request = this.requests.request.bind(this.requests);
    this.uploads = new AttachmentUploads({
      request, token, fetchImpl: this.fetchImpl,
      ...(options.XMLHttpRequestImpl ? { XMLHttpRequestImpl: options.XMLHttpRequestImpl } : {}),
    });
    this.jwt = new HistoryJwt(request, token, { storage: () => this.store.storage, key: `${this.store.key}:jwt` });
    this.refusals = new OriginRefusals(options.refusalsBeforeOriginError);
    this.frames = new FrameHandler({
      emit: (event) => {
        // A live message makes the history longer: a reload then asks for all its pages with the newest.
        if (event.type === 'messages') this.historyGrew(event.messages.length);
        this.emit(event);
      },
      drop: (error, reconnect) => this.drop(error, reconnect),
      forgetToken: () => this.forgetToken(),
      markReadOnly: () => {
        this.readOnlySession = true;
      },
      isEnding: () => this.ending,
      confirmUpload: (frame) => this.uploads.confirm(frame),
    });
    this.healthCheck = new HealthCheck({
      sendEcho: () => this.send({ action: 'echo', token: token(), tracingId: HEALTH_CHECK_TRACING_ID, message: { type: 'Text', text: 'ping' } }),
      onDead: () => {
        this.logger.warn('[genesys-chat] no answer to the health check; closing the socket');
        this.drop(chatError('network', 'The connection stopped answering.'), true);
      },
      ...(options.healthCheckIntervalMs !== undefined ? { intervalMs: options.healthCheckIntervalMs } : {}),
      ...(options.healthCheckTimeoutMs !== undefined ? { timeoutMs: options.healthCheckTimeoutMs } : {}),
    });
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
    this.dropPreopened();
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
    this.send(typingRequest(this.store.getOrCreate()));
  }

  async fetchHistory(onNewest?: (messages: ChatMessage[]) => void): Promise<ChatMessage[]> {
    const endpoints = this.requireSession();
    const load = (jwt: string) => this.loadHistory(endpoints, jwt, onNewest);
    // A JWT kept from the last page load saves the getJwt round trip; with it the history was usually asked for
    // while the socket opened already. One the server no longer takes is replaced: a refusal without CORS headers
    // reads as a network failure in a browser (Genesys' headers on a 401 are unconfirmed; the emulator's are readable),
    // so any failure of the kept one is tried once more with a fresh JWT.
    let withKept = this.takeEarlyHistory()?.take(onNewest) ?? null;
    if (!withKept) {
      const kept = this.jwt.kept();
      if (kept) withKept = load(kept);
    }
    if (!withKept) return load(await this.jwt.get());
    try {
      return await withKept;
    } catch (error) {
      if (!(error instanceof ChatFailure) || (error.code !== 'unauthorized' && error.code !== 'network')) throw error;
      this.jwt.forget();
      return load(await this.jwt.get());
    }
  }

  private loadHistory(endpoints: GenesysEndpoints, jwt: string, onNewest?: (messages: ChatMessage[]) => void,
    hint: HistoryHint = this.historyHint()): Promise<ChatMessage[]> {
    return fetchWebMessagingHistory({
      fetchImpl: this.fetchImpl,
      apiBase: endpoints.apiBase,
      jwt,
      onNewest,
      hint,
      onSkipped: (reason) => this.logger.warn('[genesys-chat] skipped a malformed history entry:', reason),
    });
  }

  /**
   * A stored session with a kept JWT: its history is asked for now, while the socket opens (EarlyHistory). Used when
   * the session is resumed with this token, dropped otherwise. Only on the page's first connection: a socket that
   * keeps failing must not download the history on every attempt (a reconnect asks once the session is back).
   * UNCONFIRMED, as the kept JWT itself: that Genesys takes it before the session is configured again (it is a bearer
   * JWT with an expiry; a refusal falls back as above).
   */
  private askHistoryEarly(endpoints: GenesysEndpoints, token: string | null): void {
    const jwt = token ? this.jwt.kept() : null;
    if (!token || !jwt) return;
    this.askedEarly = true;
    const hint = this.historyHint();
    // A dropped one does not leave its length behind: it may belong to the session before.
    const early: EarlyHistory = new EarlyHistory(token, (onNewest) => this.loadHistory(endpoints, jwt, onNewest, {
      total: () => hint.total(),
      remember: (total) => {
        if (!early.dropped) hint.remember(total);
      },
    }));
    this.early = early;
  }

  /** The history asked for early, when it was asked for this session's token; one for another token is dropped. */
  private takeEarlyHistory(): EarlyHistory | null {
    const early = this.early;
    this.early = null;
    if (early?.token === this.store.getOrCreate()) return early;
    early?.drop();
    return null;
  }

  private dropEarlyHistory(): void {
    this.early?.drop();
    this.early = null;
  }

  private historyHint(): HistoryHint {
    const token = this.store.getOrCreate();
    if (this.historyLength?.token !== token) {
      this.historyLength = { token, hint: storedHistoryHint(`${this.store.key}:history`, token, this.store.storage) };
    }
    return this.historyLength.hint;
  }

  /** The session is gone or replaced: its token and the JWT kept for it go. */
  private forgetToken(): void {
    this.dropEarlyHistory();
    this.store.forget();
    this.jwt.forget();
  }

  private historyGrew(count: number): void {
    const hint = this.historyHint();
    hint.remember((hint.total() ?? 0) + count);
  }

  async uploadAttachment(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment> {
    this.requireSession();
    return this.uploads.upload(file, onProgress);
  }

  async deleteAttachment(attachmentId: string): Promise<void> {
    this.requireSession();
    return this.uploads.remove(attachmentId);
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
    if (!this.readOnlySession) this.forgetToken();
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
      this.requests.add({
        offer: (frame) => {
          if (frame.class !== 'SessionClearedEvent') return null;
          resolve();
          return 'settled'; // the general handler still runs: forget the token, emit `cleared`
        },
        fail: (error) => reject(new ChatFailure(error)),
      });
    });
    this.send(presenceRequest(this.store.getOrCreate(), newId(), 'Clear'));
    await cleared;
  }

  forgetSession(): void {
    this.forgetToken();
  }

  async signIn(code: AuthCode): Promise<void> {
    this.emitAuth({ state: 'signing-in' });
    // A session bound to an earlier sign-in belongs to that customer: a new sign-in starts a session of its own.
    const replacing = this.auth.signedIn;
    try {
      await this.auth.exchange(code);
    } catch (error) {
      const failure = error instanceof AuthFailure ? error : authFailure('exchange-failed', 'The sign-in failed.');
      this.emitAuth({ state: 'failed', error: failure.authError });
      throw failure;
    }
    // A connection under way (a reload resuming quietly) finishes first, so its session can be upgraded.
    if (this.connecting) await this.connecting.catch(() => undefined);
    if (!this.sessionOpen) {
      if (replacing) this.forgetToken();
      return; // the next connect configures an authenticated session
    }
    const upgradable = !replacing && this.config?.kind === 'ok' && this.config.config.auth?.allowSessionUpgrade === true;
    if (upgradable && await this.upgrade()) return;
    // No upgrade: the anonymous conversation stays behind and an authenticated session starts on a new token.
    this.forgetToken();
    this.emit({ type: 'cleared' });
    this.drop(undefined, true);
  }

  async signOut(): Promise<void> {
    // The socket goes first: revoking logs out every socket of the sign-in (LogoutEvent), this one included.
    this.teardown(null);
    this.forgetToken();
    try {
      await this.auth.revoke();
    } catch (error) {
      const text = error instanceof AuthFailure ? error.message : 'unknown error';
      this.logger.warn(`[genesys-chat] sign-out not confirmed by the server (the sign-in is forgotten here): ${text}`);
    }
    this.emitAuth({ state: 'signed-out' });
    this.emit({ type: 'cleared' });
    this.emit({ type: 'closed', reconnect: true });
  }

  /** Upgrades the open anonymous session (same token, same conversation); false when the server refuses. */
  private async upgrade(): Promise<boolean> {
    const isSession = (f: ServerFrame): boolean => f.class === 'SessionResponse';
    try {
      let frame = await this.requests.request(this.configureRequest(false, await this.auth.currentJwt()), isSession);
      if (frame.code === 401) frame = await this.requests.request(this.configureRequest(false, await this.auth.refresh()), isSession);
      if (frame.class === 'SessionResponse' && frame.body.connected) {
        this.signedIn();
        return true;
      }
      this.logger.warn(`[genesys-chat] session upgrade refused (${frame.code}); starting an authenticated session`);
    } catch (error) {
      if (error instanceof AuthFailure) {
        this.signInEnded('failed', error, true);
        throw error;
      }
      this.logger.warn('[genesys-chat] session upgrade not answered; starting an authenticated session');
    }
    return false;
  }

  /** The JWT for the next configure while signed in, else null. A sign-in that cannot be refreshed ends here. */
  private async signInJwt(): Promise<string | null> {
    if (!this.auth.signedIn) return null;
    try {
      return await this.auth.currentJwt();
    } catch (error) {
      if (error instanceof AuthFailure && error.authError.code === 'refresh-failed') {
        this.signInEnded('signed-out', error, false); // continue anonymously on a new token
        return null;
      }
      throw error;
    }
  }

  private configureRequest(startNew: boolean, jwt: string | null): ClientRequest {
    return configureRequest({ deploymentId: this.options.deploymentId, token: this.store.getOrCreate(), startNew, jwt });
  }

  private signedIn(): void {
    this.auth.startTimer();
    this.emitAuth({ state: 'signed-in' });
  }

  /**
   * The sign-in is over (refused, expired, logged out elsewhere): forget it and the session token bound to the
   * customer, empty the transcript, and (`reconnect`) start again anonymously.
   */
  private signInEnded(state: 'signed-out' | 'failed', failure: AuthFailure | null, reconnect: boolean): void {
    this.auth.forget();
    this.forgetToken();
    this.emitAuth(failure ? { state, error: failure.authError } : { state });
    this.emit({ type: 'cleared' });
    if (reconnect) this.drop(failure ? chatError('unauthorized', failure.message) : undefined, true);
  }

  private emitAuth(auth: AuthEventDetail): void {
    this.emit({ type: 'auth', auth });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Connection
  // -------------------------------------------------------------------------------------------------------------

  /**
   * Where the socket goes (region, deployment, the browser's WebSocket), or the fatal error that says why there is
   * nowhere: one check for the constructor's early socket and for open().
   */
  private target(): { endpoints: GenesysEndpoints; url: string; WebSocketImpl: typeof WebSocket } | ChatError {
    let endpoints: GenesysEndpoints;
    try {
      endpoints = resolveRegion(this.options.region);
    } catch (error) {
      const message = error instanceof RegionError ? error.message : 'The region is not valid.';
      return chatError('bad-region', message, { fatal: true, detail: this.options.region });
    }
    if (!this.options.deploymentId) {
      return chatError('missing-deployment', 'The deployment-id attribute is missing.', { fatal: true });
    }
    const WebSocketImpl = this.WebSocketImpl;
    if (!WebSocketImpl) return chatError('network', 'This browser has no WebSocket support.', { fatal: true });
    return { endpoints, url: socketUrl(endpoints, this.options), WebSocketImpl };
  }

  /** The socket for the configured region and deployment; none when there is nowhere to go (open() then says why). */
  private openEarly(): OpenedSocket | null {
    return openGuestSocket(this.options.region, this.options.deploymentId, this.WebSocketImpl, this.options.application);
  }

  /** The socket opened before, when it is for `url` and not closing; one that is not taken is closed. */
  private takePreopened(url: string): OpenedSocket | null {
    const preopened = this.preopened;
    if (preopened?.url === url && preopened.socket.readyState <= 1) {
      this.preopened = null;
      return preopened;
    }
    this.dropPreopened();
    return null;
  }

  /** Closes the socket opened before if no open() took it. */
  private dropPreopened(): void {
    this.preopened?.socket.close();
    this.preopened = null;
  }

  private async open(startNew: boolean): Promise<void> {
    const target = this.target();
    if ('code' in target) throw this.fatal(target);
    const { endpoints, url, WebSocketImpl } = target;
    this.endpoints = endpoints;
    this.teardown(null);
    this.jwt.reset(); // a JWT belongs to one session; the token may have changed
    const generation = ++this.generation;
    const configTimeoutMs = this.options.configTimeoutMs ?? DEFAULT_CONFIG_TIMEOUT_MS;

    // The socket first (it is the critical path), then config.json, in the first idle moment while the socket opens
    // or else once the configure request went out. On a real network the page is idle during the handshakes, so both
    // connections (another host) are made at once and the deployment's settings (and its auto-start: the bot's
    // greeting) are in by `online`, not a few round trips after it; where the handshake is quicker than the page's
    // own start (this machine's loopback), fetching it then cost `online` 5 ms and the first render 15 (docs/bench.md).
    // It never gates `online`. A cached good answer (or another reader's, config-reader.ts) is reused.
    const preopened = this.takePreopened(url);
    let socket: WebSocket;
    try {
      socket = preopened?.socket ?? new WebSocketImpl(url);
    } catch (error) {
      // Some browsers refuse an address in the constructor (a blocked port: SecurityError); retrying will not help.
      const reason = error instanceof Error ? error.message : String(error);
      throw this.fatal(chatError('bad-region', `The browser refused the chat service's address: ${reason}`, { fatal: true, detail: url }));
    }
    this.socket = socket;
    // Read the stored token now, while the socket opens: the configure request needs it right after `open`.
    const storedToken = this.store.load();
    if (!startNew && !this.askedEarly) this.askHistoryEarly(endpoints, storedToken);
    const configSettled: { done: boolean; outcome: ConfigOutcome | null } = { done: false, outcome: null };
    let configRead: Promise<ConfigOutcome> | null = null;
    const configReady = (): Promise<ConfigOutcome> => {
      if (!configRead) {
        configRead = this.loadConfig(endpoints);
        void configRead.then((outcome) => Object.assign(configSettled, { done: true, outcome }), () => {});
      }
      return configRead;
    };

    const { opened, abort } = awaitOpen(socket);
    this.abortOpening = abort;
    const idle = new Promise<void>((resolve) => whenIdle(resolve, CONFIG_IDLE_WAIT_MS));
    // Other readers of config.json (the Messenger settings) wait as long, those held for the socket opened before too.
    const configHold = Promise.race([opened, idle]);
    holdDeploymentConfig(endpoints.apiCdnBase, this.options.deploymentId, configHold);
    preopened?.releaseConfig?.(configHold);
    void idle.then(() => {
      if (generation === this.generation) void configReady();
    });
    const refusal = await opened;
    if (this.abortOpening === abort) this.abortOpening = null;
    if (generation !== this.generation) throw new ChatFailure(chatError('not-connected', 'Connection superseded.'));
    if (refusal) {
      this.socket = null;
      return this.refusedBeforeOpen(refusal, configReady(), configTimeoutMs, generation);
    }
    socket.onmessage = (event: MessageEvent) => this.onRaw(event.data, generation);
    socket.onclose = (event: CloseEvent) => {
      if (generation !== this.generation) return;
      this.drop(chatError('network', 'The connection was lost.', { detail: { closeCode: event.code } }), true);
    };

    const configured = this.configure(startNew, generation); // sends the configure request now (anonymous)
    void configReady();
    const session = await configured;
    if (generation !== this.generation) throw new ChatFailure(chatError('not-connected', 'Connection superseded.'));
    // config.json never gates `online`: it usually came while the socket opened (then it is used now); when it is
    // late, the session goes online with the session's own limits and the config is applied when it lands.
    const verdict = configSettled.outcome;
    if (configSettled.done) {
      const fatal = deploymentVerdict(verdict, this.options.deploymentId);
      if (fatal) throw this.fatal(fatal);
    }
    const config = verdict?.kind === 'ok' ? verdict.config : undefined;
    const maxLength = this.options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    const limits = limitsFrom(session, config, maxLength);
    this.maxCustomDataBytes = limits.maxCustomDataBytes;
    const info: SessionInfo = { resumed: session.newSession === false, readOnly: session.readOnly === true, limits };
    if (typeof session.expirationDate === 'number') {
      info.expiresAt = session.expirationDate < 1e12 ? session.expirationDate * 1000 : session.expirationDate;
    }
    this.sessionOpen = true;
    this.startNewPending = false;
    this.refusals.sessionConfigured();
    this.healthCheck.start(() => generation === this.generation);
    this.readOnlySession = session.readOnly === true;
    if (!info.resumed && this.early) {
      // A new session under the stored token: what was asked for (and its length) belonged to the one before.
      this.dropEarlyHistory();
      this.historyHint().remember(0);
    }
    this.emit({ type: 'session', session: info });
    // The controller may have closed this connection on hearing of the session (a quiet resume that found a new one).
    if (generation !== this.generation) return;
    // The next page load asks for history at once when a JWT is kept: a new session has none yet (one kept for its
    // token belonged to the session before). A task later, so that the first render goes first.
    setTimeout(() => {
      if (generation !== this.generation) return;
      if (!info.resumed) this.jwt.forget();
      this.jwt.renewKept();
    }, 0);
    if (session.readOnly === true) this.emit({ type: 'read-only' });
    const autoStart = () => {
      if (session.newSession !== false && !session.readOnly && this.features?.autoStart && !session.autoStarted) {
        this.sendPresenceJoin();
      }
    };
    if (configSettled.done) {
      autoStart();
      return;
    }
    void withTimeout(configReady(), configTimeoutMs).then((late) => {
      if (generation !== this.generation || !this.sessionOpen) return;
      const fatal = deploymentVerdict(late, this.options.deploymentId);
      if (fatal) {
        this.fatal(fatal);
        return;
      }
      const lateLimits = limitsFrom(session, late?.kind === 'ok' ? late.config : undefined, maxLength);
      this.maxCustomDataBytes = lateLimits.maxCustomDataBytes;
      this.emit({ type: 'limits', limits: lateLimits });
      autoStart();
    });
  }

  /**
   * The socket ended before it opened: a fatal error when config.json or the refusals say why (deployment gone,
   * origin not allowed), else a network error to retry. Thrown.
   */
  private async refusedBeforeOpen(refusal: SocketRefusal, config: Promise<ConfigOutcome>, configTimeoutMs: number,
    generation: number): Promise<never> {
    const verdict = await withTimeout(config, configTimeoutMs);
    if (generation !== this.generation) throw new ChatFailure(chatError('not-connected', 'Connection superseded.'));
    const fatal = deploymentVerdict(verdict, this.options.deploymentId) ?? this.refusals.verdict(refusal, verdict);
    if (fatal) throw this.fatal(fatal);
    const error = chatError('network', 'The chat service cannot be reached.', { detail: refusal });
    this.emit({ type: 'closed', reconnect: true, error });
    throw new ChatFailure(error);
  }

  /**
   * configureSession on the open socket (configureAuthenticatedSession while signed in: an expired JWT is refreshed
   * and sent once more); resolves with the SessionResponse body.
   */
  private async configure(startNew: boolean, generation: number): Promise<SessionResponseBody> {
    let frame: ServerFrame;
    let authenticated = false;
    try {
      const jwt = this.auth.signedIn ? await this.signInJwt() : null; // anonymous: the request goes out at once
      authenticated = jwt !== null;
      frame = await this.requests.request(this.configureRequest(startNew, jwt), (f) => f.class === 'SessionResponse');
      if (authenticated && frame.code === 401) {
        frame = await this.requests.request(this.configureRequest(startNew, await this.auth.refresh()), (f) => f.class === 'SessionResponse');
      }
    } catch (error) {
      return this.configureFailed(error, generation);
    }
    if (frame.class === 'SessionResponse' && frame.body.connected) {
      if (authenticated) this.signedIn();
      return frame.body;
    }
    return this.configureRefused(frame, authenticated);
  }

  /**
   * The configure request got no answer (the socket went, a timeout) or the sign-in's JWT could not be had. The
   * failures live in functions of their own, as they do in configureRefused: V8 compiles a function whole on its first
   * call, and these are not run on a session's way up (docs/bench.md, fourteenth pass).
   */
  private configureFailed(error: unknown, generation: number): never {
    if (error instanceof AuthFailure) {
      if (generation === this.generation) this.signInEnded('failed', error, true);
      throw error;
    }
    const chat = error instanceof ChatFailure ? error : chatError('network', 'The session could not be configured.');
    // A stale generation means the socket already went (closed was emitted) or disconnect() was called.
    if (generation === this.generation) this.drop(chat, true);
    throw new ChatFailure(chat);
  }

  /** The configure request was answered with anything but a connected session: what that means, then thrown. */
  private configureRefused(frame: ServerFrame, authenticated: boolean): never {
    if (authenticated && isAuthRefusal(frame)) {
      const failure = authFailure('auth-failed', bodyText(frame), frame.code);
      this.signInEnded('failed', failure, true);
      throw failure;
    }
    if (!authenticated && frame.code === WebMessagingErrorCode.CannotDowngradeToUnauthenticated) {
      // 4017: the stored session belongs to a sign-in this page no longer holds; leave it, start anonymously anew.
      const error = chatError('unauthorized', bodyText(frame), { detail: { code: frame.code } });
      this.signInEnded('signed-out', null, false);
      this.drop(error, true);
      throw new ChatFailure(error);
    }
    if (frame.class === 'TooManyRequestsErrorMessage') {
      this.emit({ type: 'rate-limited', retryAfterSeconds: frame.body.retryAfter });
    }
    const error = sessionRefusal(frame);
    if (error.code === 'session-not-found' || error.code === 'session-expired') this.forgetToken();
    this.drop(error, !error.fatal && error.code !== 'session-expired');
    throw new ChatFailure(error);
  }

  private loadConfig(endpoints: GenesysEndpoints): Promise<ConfigOutcome> {
    if (this.config?.kind === 'ok') return Promise.resolve(this.config);
    return readDeploymentConfig(this.fetchImpl, endpoints.apiCdnBase, this.options.deploymentId).then((outcome) => {
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

  /** closeSession and wait (briefly) for the `connected: false` answer. */
  private async closeSession(): Promise<void> {
    if (!this.sessionOpen) return;
    this.ending = true;
    try {
      await this.requests.request(
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
    this.dropEarlyHistory();
    this.sessionOpen = false;
    this.healthCheck.stop();
    this.auth.stopTimer();
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
    this.requests.failAll(reason);
    this.uploads.failAll(reason);
    this.frames.reset();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Outgoing
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

  private sendGuestMessage(id: string, message: OnMessageRequest['message'], extraAttributes?: Record<string, string>): void {
    this.requireSession();
    const attributes = { ...this.options.customAttributes, ...extraAttributes };
    this.send(guestMessageRequest(this.store.getOrCreate(), id, message, attributes, this.maxCustomDataBytes));
    this.frames.sent(id);
  }

  private sendPresenceJoin(): void {
    try {
      this.send(presenceRequest(this.store.getOrCreate(), newId(), 'Join', this.options.customAttributes ?? {}));
    } catch (error) {
      this.logger.warn('[genesys-chat] auto-start Join not sent:', error);
    }
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
      this.healthCheck.answered();
      return;
    }
    if (!parsed.ok && parsed.ignoredClass === 'LogoutEvent') {
      // The sign-in was revoked (signed out on another device): this session belongs to nobody now.
      this.signInEnded('signed-out', null, true);
      return;
    }
    if (!parsed.ok) {
      if (parsed.ignored) this.logger.debug('[genesys-chat]', parsed.error);
      else this.logger.warn('[genesys-chat] skipped a malformed frame:', parsed.error);
      return;
    }
    const frame = parsed.frame;
    const authRequired = authRequiredOf(frame);
    if (authRequired && !this.auth.signedIn) this.emitAuth({ state: 'signed-out', error: authRequired });
    if (this.requests.offer(frame)) return;
    try {
      this.frames.handle(frame);
    } catch (error) {
      this.logger.warn('[genesys-chat] frame handling failed; skipped:', error);
    }
  }

  private emit(event: TransportEvent): void {
    try {
      this.listener(event);
    } catch (error) {
      this.logger.warn('[genesys-chat] transport listener failed:', error);
    }
  }
}
