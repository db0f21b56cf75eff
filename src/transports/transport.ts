/**
 * The one small interface every transport implements (direct Web Messaging, gateway). A transport knows nothing of
 * the UI: it opens one connection when asked, maps wire frames into normalized events, and reports when the
 * connection ends. The ChatController owns state, the outbox and the reconnect policy (backoff); a transport never
 * reconnects by itself.
 */
import type {
  AuthCode, AuthEventDetail, ChatAvailability, ChatError, ChatFeatures, ChatLimits, ChatMessage, ChatSender, QuickReplyAnswer, SendFailure,
} from '../model.js';
import type { Attachment } from '../protocol/web-messaging.js';

/** What the session looks like once configured. */
export interface SessionInfo {
  /** true when an existing conversation was resumed (history should be fetched and merged). */
  resumed: boolean;
  /** true when the session is history-only (after a disconnect); the composer is disabled. */
  readOnly: boolean;
  limits: ChatLimits;
  /** Epoch ms when the session expires, if the server says. */
  expiresAt?: number;
}

export type TransportEvent =
  /** The session is configured (new or resumed): the controller goes `online` and fills gaps from history. */
  | { type: 'session'; session: SessionInfo }
  /** Limits known only after the session went online (direct: a config.json that arrived after the session). */
  | { type: 'limits'; limits: ChatLimits }
  /** Feature flags (direct: config.json, fetched in parallel with the socket; gateway: the session response). */
  | { type: 'features'; features: Partial<ChatFeatures> }
  /**
   * Messages, normalized. Guest echoes arrive as `direction: 'inbound'`, `state: 'sent'`, with the client's id.
   * `source: 'history'` marks a page of history (already complete and de-duplicated by the controller).
   */
  | { type: 'messages'; messages: ChatMessage[]; source: 'live' | 'history' }
  /** The agent (or bot) is typing; hide after `durationMs` or at their next message. */
  | { type: 'typing'; sender?: ChatSender; durationMs: number }
  /** A message the controller sent was refused; `id` is the client id (matched through the tracingId). */
  | { type: 'send-failed'; id: string; failure: SendFailure }
  /** The conversation became read-only (agent/bot disconnect with readOnly, session read-only on resume). */
  | { type: 'read-only' }
  /** The guest cleared the conversation (Presence Clear -> SessionClearedEvent): drop the transcript. */
  | { type: 'cleared' }
  /** The server rate-limited a request (429): pause sends for `retryAfterSeconds`. */
  | { type: 'rate-limited'; retryAfterSeconds: number }
  /** Availability from the gateway server. */
  | { type: 'availability'; availability: ChatAvailability }
  /** A problem worth telling; `fatal` ones stop reconnecting. */
  | { type: 'error'; error: ChatError }
  /** The customer's sign-in changed (authenticated messaging, §2.8). */
  | { type: 'auth'; auth: AuthEventDetail }
  /**
   * The connection is gone. `reconnect: false` means do not try again (fatal error, session closed by the guest,
   * another tab closed every connection); otherwise the controller schedules a reconnect with backoff.
   */
  | { type: 'closed'; reconnect: boolean; error?: ChatError };

export type TransportListener = (event: TransportEvent) => void;

/** A message the guest sends. `id` is fresh per message and survives retries (idempotency). */
export interface OutgoingMessage {
  id: string;
  text: string;
  /** Attachment ids from `uploadAttachment`. */
  attachmentIds?: string[];
  customAttributes?: Record<string, string>;
}

export interface UploadProgress { loaded: number; total: number }

export interface Transport {
  /** Receives every event; set once by the controller before `connect()`. */
  onEvent(listener: TransportListener): void;
  /**
   * Opens one connection and configures the session. Resolves after the `session` event; rejects with a ChatError
   * (the transport also emits `closed`). Calling it while connected is a no-op.
   */
  connect(): Promise<void>;
  /** Closes the connection without ending the conversation (page hidden, element removed). Emits nothing. */
  disconnect(): void;
  /** Sends one guest message. Throws a ChatError (code `not-connected`) when there is no open session. */
  sendMessage(message: OutgoingMessage): void;
  /** Answers a quick reply or button of the message `originatingMessageId`. `id` is the client id of the answer. */
  sendQuickReply(id: string, answer: QuickReplyAnswer, originatingMessageId: string): void;
  /** Tells the agent the guest is typing. The transport throttles (at most once per 5 s). */
  sendTyping(): void;
  /** Fetches the whole history of the current session, oldest first. */
  fetchHistory(): Promise<ChatMessage[]>;
  /** Uploads a file, reporting progress; resolves with the attachment to reference in `sendMessage`. */
  uploadAttachment?(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment>;
  /** Removes an uploaded attachment before it is sent. */
  deleteAttachment?(attachmentId: string): Promise<void>;
  /** Ends the conversation from the guest's side (closeSession). */
  endConversation(): Promise<void>;
  /** Leaves a read-only conversation and starts a fresh one (direct: closeSession then configureSession startNew). */
  startNewConversation(): Promise<void>;
  /** Clears the conversation for the guest (direct: Presence Clear → SessionClearedEvent, then `cleared`). */
  clearConversation?(): Promise<void>;
  /** Forgets the stored session (the page's user logged out). */
  forgetSession(): void;
  /**
   * Authenticated messaging (§2.8): redeems the page's code; an open anonymous session is upgraded when the
   * deployment allows it, else replaced by an authenticated one. Rejects with an AuthFailure.
   */
  signIn?(code: AuthCode): Promise<void>;
  /** Ends the sign-in (revoke), forgets the stored sign-in and session, and emits `cleared` and `closed`. */
  signOut?(): Promise<void>;
}
