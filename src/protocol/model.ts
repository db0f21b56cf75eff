/**
 * The widget's public data model: what a transport produces, what the controller keeps, what the element renders
 * and what its DOM events carry. Transport-neutral: the direct (Web Messaging) and gateway transports both map
 * their frames into these shapes.
 */
import type { ButtonResponse, MessageContent } from './web-messaging.js';

/** The connection state shown in the status bar and sent as `genesys-chat:status`. */
export type ChatStatus =
  | 'idle' // not started (no attributes yet, or closed by the page)
  | 'connecting' // first connection attempt
  | 'online' // session configured, messages flow
  | 'reconnecting' // lost the socket, retrying with backoff
  | 'offline' // the browser reports no network; waits for `online`
  | 'ended' // the agent or bot ended the conversation: read-only until a new one starts
  | 'failed'; // a fatal configuration error (bad region, unknown deployment, origin not allowed)

/** Who wrote a message. `system` lines are presence changes and notices. */
export type SenderRole = 'guest' | 'agent' | 'bot' | 'system';

/** Delivery of the guest's own messages; remote messages are always `sent`. */
export type DeliveryState = 'pending' | 'sent' | 'failed';

export interface ChatSender {
  name?: string;
  avatarUrl?: string;
}

/** Error codes a page can act on; details go to the console and the `error` event. */
export type ChatErrorCode =
  | 'bad-region'
  | 'missing-deployment'
  | 'deployment-not-found'
  | 'deployment-inactive'
  | 'origin-not-allowed'
  | 'offline'
  | 'network'
  | 'session-expired'
  | 'session-not-found'
  | 'message-too-long'
  | 'rate-limited'
  | 'read-only'
  | 'custom-attributes-too-large'
  | 'attachment-type-not-allowed'
  | 'attachment-too-large'
  | 'attachment-failed'
  | 'not-connected'
  | 'unauthorized'
  | 'server'
  | 'protocol'
  | 'unknown';

export interface ChatError {
  code: ChatErrorCode;
  /** A sentence for people (already localized when it reaches the UI's i18n layer by code). */
  message: string;
  /** Fatal errors stop reconnecting (status `failed`). */
  fatal: boolean;
  /** Seconds to wait before retrying (429). */
  retryAfterSeconds?: number;
  /** The raw frame or response, for the console and the `error` event. */
  detail?: unknown;
}

/** Why one message could not be sent; the text stays in the transcript with a retry action. */
export interface SendFailure {
  code: ChatErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

export type PresenceChange = 'join' | 'disconnect' | 'clear' | 'session-expired';

export interface ChatMessage {
  /** Stable id: the client's own id for guest messages (carried as `customMessageId`), Genesys' id otherwise. */
  id: string;
  /** Genesys' sense: `inbound` = from the guest, `outbound` = from an agent or bot (or a system notice). */
  direction: 'inbound' | 'outbound';
  role: SenderRole;
  text: string;
  /** Rich content in Web Messaging shapes: attachments, quick replies, button responses, cards, carousels, … */
  content: MessageContent[];
  /** ISO-8601 channel time; the transcript orders by it. */
  time: string;
  state: DeliveryState;
  sender?: ChatSender;
  failure?: SendFailure;
  /** Set on system lines made from Presence events. */
  presence?: PresenceChange;
}

/** What the deployment (direct: config.json + SessionResponse; gateway: the server) turns on or off. */
export interface ChatFeatures {
  attachments: boolean;
  /** Show the agent's typing indicator. */
  agentTyping: boolean;
  /** Send the guest's typing (throttled). */
  guestTyping: boolean;
  markdown: boolean;
  autoStart: boolean;
  conversationClear: boolean;
  /** `ReadOnly`: a disconnect makes the session read-only; `Send`: a system line only; `false`: ignored. */
  conversationDisconnect: 'ReadOnly' | 'Send' | false;
  /** The deployment's brand colour (`messenger.styles.primaryColor`), used when the page sets no primary colour. */
  primaryColor?: string;
  /** The languages the deployment lists (config.json `languages`, e.g. `en-us`, `de`), when known. */
  languages?: string[];
  /** The deployment's default language (config.json `defaultLanguage`), when known. */
  defaultLanguage?: string;
}

export const DEFAULT_FEATURES: ChatFeatures = {
  attachments: false,
  agentTyping: true,
  guestTyping: true,
  markdown: false,
  autoStart: false,
  conversationClear: false,
  conversationDisconnect: 'ReadOnly',
};

/** Limits the composer and the attachment picker check before anything leaves the browser. */
export interface ChatLimits {
  maxMessageLength: number;
  maxCustomDataBytes?: number;
  /** MIME types or patterns (`image/*`); empty = any type. */
  allowedFileTypes: string[];
  maxFileSizeKB: number;
  blockedExtensions: string[];
}

/** Availability offered by the gateway server (`GET /api/availability`). */
export interface ChatAvailability {
  open: boolean;
  estimatedWaitSeconds?: number;
  agentsOnQueue?: number;
}

/** A quick reply or button answer the guest picked. */
export type QuickReplyAnswer = ButtonResponse;

// ---------------------------------------------------------------------------------------------------------------
// DOM events: `genesys-chat:<what>`, bubbling and composed, with a typed detail.
// ---------------------------------------------------------------------------------------------------------------

export interface StatusEventDetail { status: ChatStatus; previous: ChatStatus; error?: ChatError }
export interface MessageEventDetail {
  message: ChatMessage;
  /** `local`: the guest's own send/retry; `live`: from the socket; `history`: merged from history after a (re)connect. */
  source?: 'live' | 'history' | 'local';
}
export interface TypingEventDetail { typing: boolean; sender?: ChatSender }
export type ErrorEventDetail = ChatError;
export interface OpenEventDetail { mode: 'launcher' | 'inline' }
export type CloseEventDetail = OpenEventDetail;

/** What the page's sign-in produced (an OpenID Connect authorization code and what redeems it), §2.8 `oauth`. */
export interface AuthCode {
  code: string;
  /** The redirect URI the authorization request used (must match exactly). */
  redirectUri: string;
  /** The PKCE verifier, when the authorization request carried a challenge. */
  codeVerifier?: string;
  /** The nonce of the authorization request (the IdP puts it in the ID token). */
  nonce?: string;
  maxAge?: number;
  /** The IdP's issuer, when the page wants it checked. */
  iss?: string;
}

/** The page's sign-in, as the widget asks for it (`chat.auth`). */
export interface ChatAuthProvider {
  /** Signs the customer in at the site's identity provider and resolves with the authorization code. */
  getAuthCode(): Promise<AuthCode>;
  /** The customer was signed out (by `signOut()`, another device, or the server revoking the sign-in). */
  onSignOut?(): void;
}

export type AuthState = 'signed-out' | 'signing-in' | 'signed-in' | 'failed';

/** Why a sign-in step failed. */
export type AuthErrorCode =
  /** `signIn()` without a code and without `chat.auth`. */
  | 'no-provider'
  /** The page's code (or its verifier, nonce, redirect URI) was refused by oauthcodegrantjwtexchange. */
  | 'exchange-failed'
  /** The refresh token no longer works (revoked, expired). */
  | 'refresh-failed'
  /** 403 "Session authentication failed" to configureAuthenticatedSession. */
  | 'auth-failed'
  /** 403 "Try authenticate again": the deployment wants a signed-in customer before messages. */
  | 'auth-required'
  /** The transport (the gateway) has no authenticated messaging. */
  | 'unsupported'
  | 'network';

export interface AuthError { code: AuthErrorCode; message: string; status?: number }

export interface AuthEventDetail { state: AuthState; error?: AuthError }

export interface GenesysChatEventMap {
  'genesys-chat:auth': CustomEvent<AuthEventDetail>;
  'genesys-chat:status': CustomEvent<StatusEventDetail>;
  'genesys-chat:message': CustomEvent<MessageEventDetail>;
  'genesys-chat:typing': CustomEvent<TypingEventDetail>;
  'genesys-chat:error': CustomEvent<ErrorEventDetail>;
  'genesys-chat:open': CustomEvent<OpenEventDetail>;
  'genesys-chat:close': CustomEvent<CloseEventDetail>;
}
