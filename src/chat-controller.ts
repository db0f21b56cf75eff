/**
 * ChatController: the Lit ReactiveController behind `<genesys-chat>`. It owns the connection state machine, the
 * transcript, the outbox and the reconnect policy; transports only speak the wire protocol and the element only
 * renders what it reads here.
 *
 * States: idle → connecting → online ⇄ reconnecting / offline; ended (read-only); failed (fatal configuration error).
 *
 * Its helpers live in `./connection/`: reconnect timing, browser network signals, history gap filling, sending the
 * outbox, the typing indicator, the 429 pause, attachment checks and the host's DOM events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  DEFAULT_FEATURES,
  type AuthCode, type AuthEventDetail, type ChatAvailability, type ChatError, type ChatFeatures, type ChatLimits, type ChatMessage,
  type ChatSender, type ChatStatus, type QuickReplyAnswer, type SendFailure,
  type StatusEventDetail,
} from './model.js';
import {
  DEFAULT_MAX_FILE_SIZE_KB, DEFAULT_MAX_MESSAGE_LENGTH, type Attachment, type MessageContent,
} from './protocol/web-messaging.js';
import type { Transport, TransportEvent, UploadProgress } from './transports/transport.js';
import { createTransport, isCompleteConfig, type TransportDeps } from './transports/index.js';
import { Backoff } from './transports/backoff.js';
import { Transcript } from './transcript.js';
import { Outbox, type OutboxEntry } from './connection/outbox.js';
import { ChatFailure, chatError } from './connection/errors.js';
import type { ChatConnectionConfig } from './connection/config.js';
import { configKey, conversationKey } from './connection/config-keys.js';
import { attachmentRefusal } from './connection/attachment-rules.js';
import { HostEvents } from './connection/host-events.js';
import { BrowserSignals } from './connection/browser-signals.js';
import { ReconnectTimer } from './connection/reconnect-timer.js';
import { TypingIndicator } from './connection/typing-indicator.js';
import { SendPause } from './connection/send-pause.js';
import { fillGapFromHistory, mergeMessages } from './connection/history-sync.js';
import { newGuestMessage, retryEntryOf } from './connection/guest-messages.js';
import { sendQueued } from './connection/send-queued.js';
import { hasStoredSession } from './connection/stored-session.js';
import { AuthFailure } from './connection/auth-failure.js';

export type { ChatConnectionConfig } from './connection/config.js';

/** Test seams and tuning; the element passes none of these. */
export interface ChatControllerOptions {
  /** Builds the transport for a config. Default: `createTransport` (direct or gateway). */
  createTransport?: (config: ChatConnectionConfig) => Transport;
  transportDeps?: TransportDeps;
  backoff?: Backoff;
  /** Receives `online` / `offline`. Default `window` (none outside a browser). */
  window?: EventTarget | null;
  /** Receives `visibilitychange`. Default `document`. */
  document?: (EventTarget & { visibilityState?: string }) | null;
  /** Whether the network is up. Default `navigator.onLine` (true when unknown). */
  isOnline?: () => boolean;
  logger?: Pick<Console, 'warn' | 'debug'>;
  /**
   * Whether the visitor has asked for the chat (opened it; an inline chat is always asked for). While false, a new
   * visitor is not connected at all, and a stored session is resumed quietly: history and live messages (the
   * unread badge) but no new conversation; a stored session the server no longer knows is dropped, not replaced.
   * Default: always (connect as soon as the host is attached). The element passes its open state.
   */
  engaged?: () => boolean;
  /** Whether a session for `config` is stored in this browser. Default: looks in the transports' storage. */
  hasStoredSession?: (config: ChatConnectionConfig) => boolean;
  /** The customer went from signed in to signed out (the element calls its auth provider's `onSignOut`). */
  onSignOut?: () => void;
  /**
   * Whether attaching the host wakes the connection at once (see wake()). Default: always. The element says no until
   * its first update, which wakes it with every property the page set by then (before the element was defined, or
   * right after attaching it).
   */
  wakeOnAttach?: () => boolean;
}

const DEFAULT_LIMITS: ChatLimits = {
  maxMessageLength: DEFAULT_MAX_MESSAGE_LENGTH,
  allowedFileTypes: [],
  maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB,
  blockedExtensions: [],
};

/** Statuses in which the controller wants a connection and is working on it (connect() is a no-op). */
const ACTIVE: ReadonlySet<ChatStatus> = new Set(['connecting', 'online', 'reconnecting', 'offline']);

export class ChatController implements ReactiveController {
  private readonly getConfig: () => ChatConnectionConfig | null;
  private readonly options: ChatControllerOptions;
  private readonly logger: Pick<Console, 'warn' | 'debug'>;
  private readonly transcript = new Transcript();
  private readonly outbox = new Outbox();
  private readonly events: HostEvents;
  private readonly signals: BrowserSignals;
  private readonly retryTimer: ReconnectTimer;
  private readonly typingIndicator: TypingIndicator;
  private readonly sendPause: SendPause;

  private statusValue: ChatStatus = 'idle';
  private featuresValue: ChatFeatures = { ...DEFAULT_FEATURES };
  private limitsValue: ChatLimits = { ...DEFAULT_LIMITS };
  private readOnlyValue = false;
  private availabilityValue: ChatAvailability | null = null;
  private lastErrorValue: ChatError | null = null;
  private authValue: AuthEventDetail = { state: 'signed-out' };

  private transport: Transport | null = null;
  private transportConfigKey = '';
  private transportConversationKey = '';
  /** The page wants a connection (connect() called, not disconnected, not ended/failed). */
  private wanted = false;
  private attached = false;
  private everOnline = false;
  /** Sends wait while history is checked for messages whose delivery is uncertain. */
  private syncing = false;
  /** The session generation whose history is loading (a close or a new session makes it stale), or null. */
  private historyLoadingFor: number | null = null;
  private sessionGeneration = 0;

  /**
   * @param host the element; the controller registers itself with `host.addController`.
   * @param getConfig reads the element's current connection settings (null or incomplete = do not connect).
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    getConfig: () => ChatConnectionConfig | null,
    options: ChatControllerOptions = {},
  ) {
    this.getConfig = getConfig;
    this.options = options;
    this.logger = options.logger ?? console;
    this.events = new HostEvents(host);
    this.retryTimer = new ReconnectTimer(options.backoff ?? new Backoff());
    this.typingIndicator = new TypingIndicator((sender) => {
      this.events.update();
      this.events.typing(sender ? { typing: true, sender } : { typing: false });
    });
    this.sendPause = new SendPause(() => {
      this.events.update();
      this.flush();
    });
    this.signals = new BrowserSignals(options, {
      online: () => this.onOnline(),
      offline: () => this.onOffline(),
      visible: () => this.onVisible(),
    });
    host.addController(this);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Read-only state
  // -------------------------------------------------------------------------------------------------------------

  get status(): ChatStatus { return this.statusValue; }
  /** Ordered by channel time, de-duplicated by id; a new array after each change. */
  get messages(): readonly ChatMessage[] { return this.transcript.messages; }
  get typing(): ChatSender | null { return this.typingIndicator.sender; }
  get features(): ChatFeatures { return this.featuresValue; }
  get limits(): ChatLimits { return this.limitsValue; }
  get readOnly(): boolean { return this.readOnlyValue; }
  get availability(): ChatAvailability | null { return this.availabilityValue; }
  get lastError(): ChatError | null { return this.lastErrorValue; }
  /** The customer's sign-in (authenticated messaging). */
  get auth(): AuthEventDetail { return this.authValue; }
  /** Epoch ms until which sends wait (429), or null. */
  get rateLimitedUntil(): number | null { return this.sendPause.until; }
  /** A resumed session's history is loading: from its SessionResponse until merged (or failed), while it lasts. */
  get historyLoading(): boolean { return this.historyLoadingFor === this.sessionGeneration; }

  // -------------------------------------------------------------------------------------------------------------
  // Lifecycle
  // -------------------------------------------------------------------------------------------------------------

  hostConnected(): void {
    this.attached = true;
    if (this.options.wakeOnAttach?.() ?? true) this.wake(); // the socket first: the network listeners can wait
    this.signals.listen(true);
  }

  /** The element left the page: close the socket, keep the conversation (a re-attached element resumes it). */
  hostDisconnected(): void {
    this.attached = false;
    this.signals.listen(false);
    this.disconnect();
  }

  /** Starts connecting with the current config. Idempotent while connecting, online, reconnecting or offline. */
  connect(): void {
    if (ACTIVE.has(this.statusValue) && this.wanted) return;
    if (this.statusValue === 'ended' && this.wanted) return;
    const config = this.getConfig();
    if (!isCompleteConfig(config)) return;
    // attempt() below connects at once when the browser is online: a new transport opens its socket straight away.
    this.useTransportFor(config, this.signals.isOnline());
    this.wanted = true;
    this.retryTimer.reset();
    this.attempt();
  }

  /** Closes the connection without ending the conversation. Queued messages stay queued. */
  disconnect(): void {
    this.wanted = false;
    this.retryTimer.cancel();
    this.setTyping(null);
    this.transport?.disconnect();
    this.outbox.connectionLost();
    if (this.statusValue !== 'failed' && this.statusValue !== 'ended') this.setStatus('idle');
  }

  /** The config changed: reconnect with the new one (a different deployment or endpoint starts a fresh transcript). */
  reconfigure(): void {
    const config = this.getConfig();
    if (this.transport && configKey(config) === this.transportConfigKey) {
      if (this.statusValue === 'idle' || this.statusValue === 'failed') this.wake();
      return;
    }
    const shouldConnect = this.wanted || this.attached;
    this.wanted = false;
    this.retryTimer.cancel();
    this.transport?.disconnect();
    this.transport = null;
    if (conversationKey(config) !== this.transportConversationKey) {
      this.transcript.clear();
      this.outbox.drain();
      this.readOnlyValue = false;
      this.everOnline = false;
    }
    this.lastErrorValue = null;
    this.setStatus('idle');
    if (shouldConnect) this.wake();
  }

  /**
   * Connects when the visitor wants the chat, or quietly when this browser holds a session to resume; a new visitor
   * who has not opened the chat stays idle (no socket, no conversation).
   */
  wake(): void {
    const config = this.getConfig();
    if (!isCompleteConfig(config)) return;
    if (this.isEngaged() || this.hasStoredSessionFor(config)) this.connect();
  }

  private isEngaged(): boolean {
    return this.options.engaged?.() ?? true;
  }

  private hasStoredSessionFor(config: ChatConnectionConfig | null): boolean {
    if (!isCompleteConfig(config)) return false;
    const check = this.options.hasStoredSession ?? ((c: ChatConnectionConfig) => hasStoredSession(c, this.options.transportDeps?.storage));
    return check(config);
  }

  /**
   * A quiet resume found no session to resume (a new session, or the stored one expired): close and forget it, and
   * wait until the visitor opens the chat. Nothing is started on their behalf.
   */
  private standDown(): void {
    this.wanted = false;
    this.retryTimer.cancel();
    this.sessionGeneration++;
    this.syncing = false;
    this.transport?.disconnect();
    this.transport?.forgetSession();
    this.outbox.connectionLost();
    this.everOnline = false;
    this.lastErrorValue = null;
    this.setTyping(null);
    this.setStatus('idle');
  }

  // -------------------------------------------------------------------------------------------------------------
  // Guest actions
  // -------------------------------------------------------------------------------------------------------------

  /**
   * Sends a message. Returns it (pending, or failed when the conversation cannot take it). While offline it waits in
   * the outbox and goes out once, in order, after reconnecting.
   * @throws ChatError `message-too-long` (transcript untouched) when over `limits.maxMessageLength`.
   */
  send(text: string, attachments: Attachment[] = []): ChatMessage {
    if (text.length > this.limitsValue.maxMessageLength) {
      throw new ChatFailure(chatError('message-too-long',
        `The message is longer than ${this.limitsValue.maxMessageLength} characters.`, { detail: { length: text.length } }));
    }
    if (!text.trim() && attachments.length === 0) {
      throw new ChatFailure(chatError('unknown', 'There is nothing to send.'));
    }
    const content: MessageContent[] = attachments.map((attachment) => ({ contentType: 'Attachment', attachment }));
    const message = newGuestMessage(text, content, this.getConfig()?.displayName);
    return this.enqueue(message, { id: message.id, text, attachmentIds: attachments.map((a) => a.id) });
  }

  /** Answers a quick reply or button of `message`; the answer shows as the guest's message. */
  answerQuickReply(message: ChatMessage, answer: QuickReplyAnswer): void {
    const local = newGuestMessage(answer.text, [{ contentType: 'ButtonResponse', buttonResponse: { ...answer } }], this.getConfig()?.displayName);
    this.enqueue(local, { id: local.id, text: answer.text, answer, originatingMessageId: message.id });
  }

  /** Sends a failed message again (same id, so a late echo of the first try still matches). */
  retry(messageId: string): void {
    const message = this.transcript.get(messageId);
    if (!message || message.state !== 'failed') return;
    const entry = retryEntryOf(message);
    const pending = this.transcript.update(messageId, { state: 'pending', failure: undefined });
    if (pending) this.events.message(pending, 'local');
    this.enqueue(pending ?? message, entry, true);
  }

  /** The guest is typing: tells the agent, at most once per 5 s, when the deployment allows it. */
  notifyTyping(): void {
    if (this.statusValue !== 'online' || this.readOnlyValue || !this.featuresValue.guestTyping) return;
    try {
      this.transport?.sendTyping();
    } catch (error) {
      this.logger.debug('[genesys-chat] typing not sent', error);
    }
  }

  /**
   * Uploads a file for the next message.
   * @throws (rejects) ChatError `attachment-type-not-allowed` / `attachment-too-large` before any upload.
   */
  uploadAttachment(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment> {
    const refusal = attachmentRefusal(file, this.featuresValue, this.limitsValue);
    if (refusal) return Promise.reject(new ChatFailure(refusal));
    const transport = this.transport;
    if (this.statusValue !== 'online' || !transport) {
      return Promise.reject(new ChatFailure(chatError('not-connected', 'Wait for the connection before attaching files.')));
    }
    if (!transport.uploadAttachment) {
      return Promise.reject(new ChatFailure(chatError('attachment-failed', 'This connection cannot upload files.')));
    }
    return transport.uploadAttachment(file, onProgress);
  }

  /** Removes an uploaded attachment that was not sent. */
  removeAttachment(id: string): Promise<void> {
    const transport = this.transport;
    if (!transport?.deleteAttachment || this.statusValue !== 'online') return Promise.resolve();
    return transport.deleteAttachment(id).catch((error: unknown) => {
      this.logger.warn('[genesys-chat] attachment not removed', error);
    });
  }

  /** Ends the conversation from the guest's side; the transcript stays, read-only. */
  async endConversation(): Promise<void> {
    const transport = this.transport;
    this.wanted = false;
    this.retryTimer.cancel();
    if (transport) {
      try {
        await transport.endConversation();
      } catch (error) {
        this.logger.warn('[genesys-chat] end conversation failed', error);
      }
    }
    this.becomeReadOnly(chatError('read-only', 'The conversation has ended.'));
  }

  /** Leaves the current (usually read-only) conversation and starts a fresh one with an empty transcript. */
  async startNewConversation(): Promise<void> {
    const config = this.getConfig();
    if (!isCompleteConfig(config)) return;
    this.useTransportFor(config);
    const transport = this.transport as Transport;
    this.transcript.clear();
    this.outbox.drain();
    this.readOnlyValue = false;
    this.lastErrorValue = null;
    this.setTyping(null);
    this.retryTimer.cancel();
    this.wanted = true;
    this.retryTimer.reset();
    this.setStatus('connecting');
    try {
      await transport.startNewConversation();
    } catch (error) {
      // `closed` already drove the state machine (reconnect or failed); keep the reason for the console
      this.logger.warn('[genesys-chat] new conversation not started yet', error);
    }
  }

  /** Clears the conversation (when the deployment allows it): the transcript empties and a new session starts. */
  async clearConversation(): Promise<void> {
    const transport = this.transport;
    if (!transport?.clearConversation || this.statusValue !== 'online') {
      throw new ChatFailure(chatError('not-connected', 'The conversation cannot be cleared now.'));
    }
    await transport.clearConversation();
  }

  /**
   * Signs the customer in with the page's authorization code and connects authenticated (an open anonymous
   * conversation is upgraded when the deployment allows it). Rejects with an AuthFailure.
   */
  async signIn(code: AuthCode): Promise<void> {
    const config = this.getConfig();
    if (!isCompleteConfig(config)) {
      throw this.authFailed(new AuthFailure({ code: 'unsupported', message: 'Set region and deployment-id before signing in.' }));
    }
    this.useTransportFor(config);
    const transport = this.transport as Transport;
    if (!transport.signIn) {
      throw this.authFailed(new AuthFailure({ code: 'unsupported', message: 'Sign-in needs the direct transport (region + deployment-id).' }));
    }
    await transport.signIn(code);
    if (this.statusValue === 'ended' || this.statusValue === 'failed') this.wanted = false;
    this.connect();
  }

  /** Signs the customer out: the sign-in is revoked, the stored session and transcript are gone. */
  async signOut(): Promise<void> {
    const config = this.getConfig();
    if (isCompleteConfig(config)) this.useTransportFor(config);
    this.readOnlyValue = false;
    await this.transport?.signOut?.();
  }

  private authFailed(failure: AuthFailure): AuthFailure {
    this.onAuth({ state: 'failed', error: failure.authError });
    return failure;
  }

  private onAuth(detail: AuthEventDetail): void {
    const previous = this.authValue.state;
    if (previous === detail.state && !detail.error) return;
    this.authValue = detail;
    this.events.update();
    this.events.auth(detail);
    if (previous === 'signed-in' && detail.state !== 'signed-in' && detail.state !== 'signing-in') this.options.onSignOut?.();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Connection state machine
  // -------------------------------------------------------------------------------------------------------------

  /** `connectingNow`: attempt() follows in this same task (see createTransport). */
  private useTransportFor(config: ChatConnectionConfig, connectingNow = false): void {
    const key = configKey(config);
    if (this.transport && key === this.transportConfigKey) return;
    this.transport?.disconnect();
    const factory = this.options.createTransport
      ?? ((c: ChatConnectionConfig) => createTransport(c, this.options.transportDeps, connectingNow));
    const transport = factory(config);
    this.transport = transport;
    this.transportConfigKey = key;
    this.transportConversationKey = conversationKey(config);
    transport.onEvent((event) => {
      if (transport === this.transport) this.onTransportEvent(event);
    });
  }

  private attempt(): void {
    this.retryTimer.cancel();
    const transport = this.transport;
    if (!this.wanted || !transport) return;
    if (!this.signals.isOnline()) {
      this.setStatus('offline');
      return;
    }
    this.setStatus(this.everOnline || this.statusValue === 'reconnecting' ? 'reconnecting' : 'connecting');
    transport.connect().catch((error: unknown) => {
      // the transport also emitted `closed`, which schedules the next try
      this.logger.debug('[genesys-chat] connect failed', error);
    });
  }

  private scheduleReconnect(immediately: boolean): void {
    this.retryTimer.cancel();
    if (!this.signals.isOnline()) {
      this.setStatus('offline');
      return;
    }
    this.setStatus('reconnecting');
    this.retryTimer.schedule(immediately, this.sendPause.until, () => this.attempt());
  }

  private onOnline(): void {
    if (!this.wanted || (this.statusValue !== 'offline' && this.statusValue !== 'reconnecting')) return;
    this.retryTimer.reset();
    this.attempt();
  }

  private onOffline(): void {
    if (!this.wanted || !ACTIVE.has(this.statusValue)) return;
    this.retryTimer.cancel();
    this.transport?.disconnect();
    this.outbox.connectionLost();
    this.sessionGeneration++;
    this.syncing = false;
    this.setTyping(null);
    this.setStatus('offline', chatError('offline', 'The network is down; messages wait until it is back.'));
  }

  private onVisible(): void {
    if (this.wanted && this.statusValue === 'reconnecting') this.attempt();
  }

  private onTransportEvent(event: TransportEvent): void {
    switch (event.type) {
      case 'session':
        this.onSession(event.session.readOnly, event.session.resumed, event.session.limits);
        break;
      case 'limits':
        this.limitsValue = event.limits;
        this.events.update();
        break;
      case 'features':
        this.featuresValue = { ...this.featuresValue, ...event.features };
        if (!this.featuresValue.agentTyping) this.setTyping(null);
        this.events.update();
        break;
      case 'messages':
        this.receive(event.messages, event.source);
        break;
      case 'typing':
        if (this.featuresValue.agentTyping) this.setTyping(event.sender ?? {}, event.durationMs);
        break;
      case 'send-failed':
        this.failMessage(event.id, event.failure);
        break;
      case 'read-only':
        this.becomeReadOnly(chatError('read-only', 'The conversation has ended.'));
        break;
      case 'cleared':
        this.transcript.clear();
        this.outbox.drain();
        this.setTyping(null);
        this.events.update();
        break;
      case 'rate-limited':
        this.pauseSends(event.retryAfterSeconds);
        break;
      case 'availability':
        this.availabilityValue = event.availability;
        this.events.update();
        break;
      case 'error':
        this.report(event.error);
        break;
      case 'auth':
        this.onAuth(event.auth);
        break;
      case 'closed':
        this.onClosed(event.reconnect, event.error);
        break;
    }
  }

  private onSession(readOnly: boolean, resumed: boolean, limits: ChatLimits): void {
    if (!resumed && !this.isEngaged()) {
      this.standDown(); // resuming quietly, but the server started a new session: not until the visitor asks
      return;
    }
    this.limitsValue = limits;
    this.everOnline = true;
    this.retryTimer.reset();
    if (!this.wanted) this.wanted = true;
    if (this.lastErrorValue && !this.lastErrorValue.fatal) this.lastErrorValue = null;
    const generation = ++this.sessionGeneration;
    // Decide before going online (which flushes): uncertain messages wait for the history check.
    this.syncing = resumed && this.outbox.hasUncertain();
    if (!resumed) this.outbox.settleUncertain();
    if (readOnly) {
      this.becomeReadOnly(chatError('read-only', 'The conversation has ended.'));
    } else {
      this.readOnlyValue = false;
      this.setStatus('online');
    }
    void this.syncAfterConnect(generation, resumed);
  }

  /**
   * After every (re)connect: fill the gap from history (merged by id), then send what waits. Messages whose delivery
   * is uncertain (sent just before the socket died) are only resent when history does not have them.
   */
  private async syncAfterConnect(generation: number, resumed: boolean): Promise<void> {
    const transport = this.transport;
    if (!transport || !resumed) return;
    this.historyLoadingFor = generation;
    await fillGapFromHistory({
      fetchHistory: (onNewest) => transport.fetchHistory(onNewest),
      isCurrent: () => generation === this.sessionGeneration,
      merge: (history) => this.receive(history, 'history'),
      done: () => {
        this.historyLoadingFor = null;
        this.events.update(); // a view waiting for the history renders now, also when it failed
        this.syncing = false;
        this.outbox.settleUncertain();
        this.flush();
      },
      logger: this.logger,
    });
  }

  private onClosed(reconnect: boolean, error: ChatError | undefined): void {
    this.outbox.connectionLost();
    this.setTyping(null);
    this.syncing = false;
    this.sessionGeneration++;
    if (!this.wanted) return;
    if (error?.fatal) {
      this.wanted = false;
      this.retryTimer.cancel();
      this.failQueued({ code: error.code, message: error.message });
      this.report(error, false);
      this.setStatus('failed', error);
      return;
    }
    if (!reconnect || this.readOnlyValue) {
      this.wanted = false;
      this.becomeReadOnly(error ?? chatError('read-only', 'The conversation has ended.'));
      if (error) this.report(error);
      return;
    }
    if (!this.isEngaged() && !this.hasStoredSessionFor(this.getConfig())) {
      this.standDown(); // the stored session is gone (expired, not found): a quiet resume does not start a new one
      return;
    }
    if (error && (this.statusValue === 'online' || error.code !== 'network')) this.report(error);
    // A clean close (e.g. after clearing the conversation) reconnects at once; trouble backs off.
    this.scheduleReconnect(!error || error.code === 'session-not-found');
  }

  private becomeReadOnly(reason: ChatError): void {
    this.readOnlyValue = true;
    this.failQueued({ code: reason.code, message: reason.message });
    if (reason.code !== 'read-only') this.lastErrorValue = reason;
    this.setTyping(null);
    this.setStatus('ended', reason.code === 'read-only' ? undefined : reason);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Transcript and outbox
  // -------------------------------------------------------------------------------------------------------------

  private enqueue(message: ChatMessage, entry: Omit<OutboxEntry, 'inFlight' | 'uncertain'>, isRetry = false): ChatMessage {
    const blocked = this.sendBlocker();
    if (blocked) {
      const failed: ChatMessage = { ...message, state: 'failed', failure: blocked };
      const { message: stored } = this.transcript.upsert(failed);
      this.events.message(stored, 'local');
      return stored;
    }
    if (!isRetry) {
      this.transcript.upsert(message);
      this.events.message(message, 'local');
    }
    this.outbox.add(entry);
    this.flush();
    return this.transcript.get(message.id) ?? message;
  }

  /** Why a new message cannot even wait in the outbox (the conversation is over or the widget cannot work). */
  private sendBlocker(): SendFailure | null {
    if (this.readOnlyValue || this.statusValue === 'ended') {
      return { code: 'read-only', message: 'The conversation has ended.' };
    }
    if (this.statusValue === 'failed') {
      const error = this.lastErrorValue;
      return { code: error?.code ?? 'not-connected', message: error?.message ?? 'Chat is unavailable.' };
    }
    return null;
  }

  /** Hands queued messages to the transport, in order, each once per connection. */
  private flush(): void {
    const transport = this.transport;
    if (!transport || this.statusValue !== 'online' || this.readOnlyValue || this.syncing) return;
    if (this.sendPause.active) return;
    sendQueued(transport, this.outbox, (id, failure) => this.failMessage(id, failure));
  }

  private receive(messages: readonly ChatMessage[], source: 'live' | 'history'): void {
    const changed = mergeMessages(this.transcript, this.outbox, messages, source, {
      agentSpoke: () => this.setTyping(null),
      changed: (message) => this.events.message(message, source, false),
    });
    if (changed) this.events.update();
  }

  private failMessage(id: string, failure: SendFailure): void {
    this.outbox.remove(id);
    const current = this.transcript.get(id);
    if (!current || current.state === 'sent') return;
    const failed = this.transcript.update(id, { state: 'failed', failure });
    if (failed) this.events.message(failed, 'local');
    this.report(chatError(failure.code, failure.message,
      failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds, detail: { id } } : { detail: { id } }), false);
  }

  /** Everything still queued fails with `failure` (the conversation ended or the widget failed); texts stay. */
  private failQueued(failure: SendFailure): void {
    for (const entry of this.outbox.drain()) {
      const current = this.transcript.get(entry.id);
      if (!current || current.state !== 'pending') continue;
      const failed = this.transcript.update(entry.id, { state: 'failed', failure });
      if (failed) this.events.message(failed, 'local');
    }
  }

  private pauseSends(retryAfterSeconds: number): void {
    this.sendPause.pause(retryAfterSeconds);
    this.events.update();
  }

  // -------------------------------------------------------------------------------------------------------------
  // State changes the host hears about
  // -------------------------------------------------------------------------------------------------------------

  private setStatus(status: ChatStatus, error?: ChatError): void {
    if (status === this.statusValue && !error) return;
    const previous = this.statusValue;
    this.statusValue = status;
    if (error) this.lastErrorValue = error;
    if (status === 'online') this.lastErrorValue = this.lastErrorValue?.fatal ? this.lastErrorValue : null;
    this.events.update();
    if (status === previous) return;
    const detail: StatusEventDetail = error ? { status, previous, error } : { status, previous };
    this.events.status(detail);
    if (status === 'online') this.flush();
  }

  private setTyping(sender: ChatSender | null, durationMs?: number): void {
    this.typingIndicator.set(sender, durationMs);
  }

  /** Records an error, logs it and dispatches `genesys-chat:error`. */
  private report(error: ChatError, keep = true): void {
    if (keep) this.lastErrorValue = error;
    this.logger.warn(`[genesys-chat] ${error.code}: ${error.message}`, error.detail ?? '');
    this.events.update();
    this.events.error(error);
  }
}
