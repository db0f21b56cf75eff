/**
 * The gateway guest protocol: small JSON frames between the widget's GatewayTransport and our server
 * (server/guest-socket.ts) over one WebSocket. Documented in docs/server.md. Shared by both ends, so it stays
 * browser-safe (no Node APIs).
 *
 * Every frame is one JSON object with a `type`. The first client frame must be `auth` (the token never travels in
 * the URL, which ends up in access logs). A frame that fails validation gets an `error` frame back; the socket lives.
 */
import type {
  ChatAvailability, ChatErrorCode, ChatFeatures, ChatLimits, ChatMessage, ChatSender, PresenceChange, SendFailure,
} from './model.js';
import type { AttachmentMediaType, ButtonResponseType } from './web-messaging.js';

/** The WebSocket path on the server. */
export const GATEWAY_SOCKET_PATH = '/api/gateway';
/** Token endpoint and its renewal. */
export const GATEWAY_SESSION_PATH = '/api/session';
export const GATEWAY_RENEW_PATH = '/api/session/renew';
export const GATEWAY_AVAILABILITY_PATH = '/api/availability';
/**
 * A guest's file upload (`POST`, the session token as `Authorization: Bearer`, the bytes as the body, `?filename=`):
 * Open Messaging has no upload API (spec §4.4), so the server keeps the file and Genesys fetches it from
 * `GET <path>/<id>`. Offered only when the session response carries `uploadUrl`.
 */
export const GATEWAY_UPLOAD_PATH = '/api/uploads';
/** An upload id: unguessable (the file's URL is its only key), URL-safe. */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
/** Client frames larger than this are refused (error frame, socket lives). */
export const MAX_GATEWAY_FRAME_BYTES = 64 * 1024;
/**
 * Server frames up to this size are taken by the widget. The server never sends a larger one: a `ready` transcript
 * is paged into `message` frames marked `replay`, and an agent message that alone would not fit is refused (Failed
 * receipt to Genesys, never Delivered).
 */
export const MAX_SERVER_FRAME_BYTES = 8 * 1024 * 1024;
/** The server fills a `ready` transcript up to about this many bytes; the rest follows as `replay` message frames. */
export const READY_TRANSCRIPT_BUDGET_BYTES = 48 * 1024;
/** How long the server waits for the `auth` frame before closing the socket. */
export const AUTH_TIMEOUT_MS = 10_000;

/** WebSocket close codes the server uses (4000–4999 are application codes). */
export const GatewayCloseCode = {
  /** The token is invalid or expired: get a new session (POST /api/session with `resumeToken`) and reconnect. */
  Unauthorized: 4001,
  /** The page's origin is not allowed: do not reconnect. */
  OriginNotAllowed: 4003,
  /** No `auth` frame in time. */
  AuthTimeout: 4008,
  /** The server is shutting down: reconnect later. */
  GoingAway: 1001,
  /** Too many sockets from this address: reconnect later (with backoff). */
  PolicyViolation: 1008,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// HTTP: token endpoint
// ---------------------------------------------------------------------------------------------------------------

/** `POST /api/session` body. */
export interface GatewaySessionRequest {
  skill?: string;
  customAttributes?: Record<string, string>;
  displayName?: string;
  /** A previous token of this browser (even expired, within the server's resume window): continue that session. */
  resumeToken?: string;
}

/** `POST /api/session` and `POST /api/session/renew` response. */
export interface GatewaySessionResponse {
  sessionId: string;
  /** The customer's id towards Genesys (`channel.from.id`, idType Opaque). */
  guestId: string;
  /** The server's own HMAC-signed token for this session (not a Genesys token). */
  token: string;
  /** Seconds until `token` expires; renew before then. */
  expiresIn: number;
  websocketUrl: string;
  /** Where to renew (`POST`, body `{token}`). */
  renewUrl: string;
  /** true when `resumeToken` continued an existing session. */
  resumed: boolean;
  /** Where the guest uploads a file (`POST`, see GATEWAY_UPLOAD_PATH); absent when the server takes no uploads. */
  uploadUrl?: string;
}

/** `POST <uploadUrl>` response: the file as the server keeps it. Send its `id` in a message frame's `uploads`. */
export interface GatewayUploadResponse {
  id: string;
  /** Where the file is served (what Genesys fetches, and what the guest's own transcript shows). */
  url: string;
  mime: string;
  filename: string;
  /** Bytes. */
  size: number;
  mediaType: AttachmentMediaType;
}

/** Any 4xx/5xx from the server's HTTP API. */
export interface GatewayHttpError {
  error: string;
  message: string;
  retryAfterSeconds?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Client -> server frames
// ---------------------------------------------------------------------------------------------------------------

/** An attachment the guest references by URL (Open Messaging has no upload API; Genesys fetches the URL). */
export interface GatewayAttachment {
  url: string;
  mime: string;
  filename?: string;
  mediaType?: AttachmentMediaType;
}

export interface AuthFrame {
  type: 'auth';
  token: string;
  /** The highest `seq` the client has seen; the `ready` transcript then holds only later entries. */
  lastSeq?: number;
}
export interface GuestMessageFrame {
  type: 'message';
  /** The client's id (a fresh UUID), sent to Genesys as `channel.messageId`; answered by an `ack` with this id. */
  id: string;
  text: string;
  /** Files elsewhere, by URL (only from the server's ATTACHMENT_ORIGINS). */
  attachments?: GatewayAttachment[];
  /** Files this guest uploaded to the server (GatewayUploadResponse ids); the server fills in URL, type and name. */
  uploads?: string[];
}
export interface GuestTypingFrame { type: 'typing' }
export interface QuickReplyFrame {
  type: 'quick-reply';
  id: string;
  answer: { type: ButtonResponseType; text: string; payload: string };
  originatingMessageId: string;
}
export interface PingFrame { type: 'ping'; id?: string }

export type GatewayClientFrame = AuthFrame | GuestMessageFrame | GuestTypingFrame | QuickReplyFrame | PingFrame;

// ---------------------------------------------------------------------------------------------------------------
// Server -> client frames
// ---------------------------------------------------------------------------------------------------------------

export interface GatewaySessionInfo {
  sessionId: string;
  guestId: string;
  /** true when the guest already had a conversation (the transcript holds what was missed). */
  resumed: boolean;
  readOnly: boolean;
  /** Epoch ms when the token used for this socket expires. */
  expiresAt: number;
}

export interface ReadyFrame {
  type: 'ready';
  session: GatewaySessionInfo;
  features: Partial<ChatFeatures>;
  limits: ChatLimits;
  availability?: ChatAvailability;
  /** Messages after the client's `lastSeq` (all buffered ones when absent), oldest first. */
  transcript: ChatMessage[];
  /** The highest sequence number in the guest's buffer (send it back as `lastSeq` on the next `auth`). */
  seq: number;
}
export interface ServerMessageFrame {
  type: 'message';
  seq: number;
  message: ChatMessage;
  /** true for a message the guest missed, sent right after `ready` (the part of the transcript `ready` had no room for). */
  replay?: boolean;
}
export interface AckFrame { type: 'ack'; id: string; state: 'sent' | 'failed'; failure?: SendFailure }
export interface ServerTypingFrame { type: 'typing'; durationMs: number; sender?: ChatSender }
/** Reserved: Open Messaging carries no presence events today (spec §4.3), so the server does not emit it yet. */
export interface PresenceFrame { type: 'presence'; presence: PresenceChange }
export interface AvailabilityFrame { type: 'availability'; availability: ChatAvailability }
export interface ServerErrorFrame {
  type: 'error';
  code: ChatErrorCode;
  message: string;
  /** The client frame id this error is about, when it had one. */
  ref?: string;
  retryAfterSeconds?: number;
}
export interface PongFrame { type: 'pong'; id?: string }

export type GatewayServerFrame =
  | ReadyFrame | ServerMessageFrame | AckFrame | ServerTypingFrame | PresenceFrame | AvailabilityFrame
  | ServerErrorFrame | PongFrame;

// ---------------------------------------------------------------------------------------------------------------
// Validation (hand-written: no schema library in the browser bundle)
// ---------------------------------------------------------------------------------------------------------------

export type ParseResult<T> = { ok: true; frame: T } | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isNonEmptyString(value: unknown, max = 1024): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}
function optionalString(value: unknown, max = 1024): boolean {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}
/** An absolute http(s) URL of at most 2,048 characters: every URL the gateway protocol carries, both ways. */
export function isHttpUrl(value: unknown): value is string {
  return isNonEmptyString(value, 2048) && /^https?:\/\//i.test(value);
}

const BUTTON_TYPES: readonly string[] = ['QuickReply', 'Button', 'DatePicker', 'Form', 'ListPicker'];
const MEDIA_TYPES: readonly string[] = ['Image', 'Video', 'Audio', 'File', 'Link'];
/**
 * Attachments per message: Genesys takes one attachment item per Open Messaging message (spec §6, SDK
 * `OpenMessageContent`; the emulator refuses more), so more is refused here, at the edge, not after a round trip.
 */
export const MAX_ATTACHMENTS_PER_MESSAGE = 1;

function parseJson(raw: string, maxLength = MAX_GATEWAY_FRAME_BYTES): ParseResult<Record<string, unknown>> {
  if (raw.length > maxLength) return { ok: false, error: 'frame too large' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'frame is not JSON' };
  }
  if (!isObject(value)) return { ok: false, error: 'frame is not a JSON object' };
  if (typeof value.type !== 'string') return { ok: false, error: 'frame has no "type"' };
  return { ok: true, frame: value };
}

function validAttachment(value: unknown): value is GatewayAttachment {
  if (!isObject(value) || !isHttpUrl(value.url) || !isNonEmptyString(value.mime, 255)) return false;
  if (!optionalString(value.filename, 255)) return false;
  return value.mediaType === undefined || (typeof value.mediaType === 'string' && MEDIA_TYPES.includes(value.mediaType));
}

/**
 * Validates one client frame. `maxTextLength` caps message text (the server passes its configured limit).
 * Returns a short reason for the error frame when the frame is malformed.
 */
export function parseClientFrame(raw: string, maxTextLength = 4000): ParseResult<GatewayClientFrame> {
  const parsed = parseJson(raw);
  if (!parsed.ok) return parsed;
  const f = parsed.frame;
  switch (f.type) {
    case 'auth':
      if (!isNonEmptyString(f.token, 4096)) return { ok: false, error: 'auth needs a "token"' };
      if (f.lastSeq !== undefined && !(Number.isInteger(f.lastSeq) && (f.lastSeq as number) >= 0)) {
        return { ok: false, error: '"lastSeq" must be a non-negative integer' };
      }
      return { ok: true, frame: { type: 'auth', token: f.token, ...(f.lastSeq !== undefined ? { lastSeq: f.lastSeq as number } : {}) } };
    case 'message': {
      if (!isNonEmptyString(f.id, 128)) return { ok: false, error: 'message needs an "id"' };
      if (typeof f.text !== 'string') return { ok: false, error: 'message needs a "text" string' };
      if (f.text.length > maxTextLength) return { ok: false, error: `text is longer than ${maxTextLength} characters` };
      let attachments: GatewayAttachment[] | undefined;
      if (f.attachments !== undefined) {
        if (!Array.isArray(f.attachments) || f.attachments.length > MAX_ATTACHMENTS_PER_MESSAGE ||
          !f.attachments.every(validAttachment)) {
          return { ok: false, error: '"attachments" must be a list of one {url (http/https), mime, filename?, mediaType?}' };
        }
        attachments = f.attachments;
      }
      let uploads: string[] | undefined;
      if (f.uploads !== undefined) {
        if (!Array.isArray(f.uploads) || !f.uploads.every((id) => typeof id === 'string' && UPLOAD_ID_PATTERN.test(id))) {
          return { ok: false, error: '"uploads" must be a list of upload ids' };
        }
        uploads = f.uploads as string[];
      }
      if ((attachments?.length ?? 0) + (uploads?.length ?? 0) > MAX_ATTACHMENTS_PER_MESSAGE) {
        return { ok: false, error: `a message carries at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachment` };
      }
      if (f.text.trim() === '' && !attachments?.length && !uploads?.length) return { ok: false, error: 'message is empty' };
      return {
        ok: true,
        frame: { type: 'message', id: f.id, text: f.text, ...(attachments ? { attachments } : {}), ...(uploads ? { uploads } : {}) },
      };
    }
    case 'typing':
      return { ok: true, frame: { type: 'typing' } };
    case 'quick-reply': {
      const a = f.answer;
      if (!isNonEmptyString(f.id, 128)) return { ok: false, error: 'quick-reply needs an "id"' };
      if (!isNonEmptyString(f.originatingMessageId, 256)) return { ok: false, error: 'quick-reply needs "originatingMessageId"' };
      if (!isObject(a) || typeof a.type !== 'string' || !BUTTON_TYPES.includes(a.type) ||
        !isNonEmptyString(a.text, maxTextLength) || typeof a.payload !== 'string' || a.payload.length > maxTextLength) {
        return { ok: false, error: 'quick-reply needs "answer" {type, text, payload}' };
      }
      return {
        ok: true,
        frame: {
          type: 'quick-reply', id: f.id, originatingMessageId: f.originatingMessageId,
          answer: { type: a.type as ButtonResponseType, text: a.text, payload: a.payload },
        },
      };
    }
    case 'ping':
      if (!optionalString(f.id, 128)) return { ok: false, error: '"id" must be a string' };
      return { ok: true, frame: typeof f.id === 'string' ? { type: 'ping', id: f.id } : { type: 'ping' } };
    default:
      return { ok: false, error: `unknown frame type "${String(f.type).slice(0, 40)}"` };
  }
}

/** A loose structural check of a ChatMessage coming from the server. */
export function isChatMessage(value: unknown): value is ChatMessage {
  return isObject(value) && typeof value.id === 'string' && (value.direction === 'inbound' || value.direction === 'outbound') &&
    typeof value.role === 'string' && typeof value.text === 'string' && Array.isArray(value.content) &&
    typeof value.time === 'string' && typeof value.state === 'string';
}

function isAvailability(value: unknown): value is ChatAvailability {
  return isObject(value) && typeof value.open === 'boolean'
    && optionalCount(value.estimatedWaitSeconds) && optionalCount(value.agentsOnQueue);
}

/** A finite number >= 0 (a count, seconds, a size). */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
const optionalCount = (value: unknown): boolean => value === undefined || isCount(value);

const isStringList = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** What the composer and the upload checks read: a missing list or a string size would break them. */
function isLimits(value: unknown): boolean {
  return isObject(value) && typeof value.maxMessageLength === 'number' && value.maxMessageLength > 0
    && isStringList(value.allowedFileTypes) && isCount(value.maxFileSizeKB) && isStringList(value.blockedExtensions)
    && optionalCount(value.maxCustomDataBytes);
}

const FEATURE_SWITCHES = ['attachments', 'agentTyping', 'guestTyping', 'markdown', 'autoStart', 'conversationClear'] as const;

/**
 * The widget's features: each one it reads, when present, has its type (they are merged over the defaults). A key it
 * does not know is left alone, so a newer server's features do not turn an older widget away.
 */
function isFeatures(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { conversationDisconnect, primaryColor, languages, defaultLanguage } = value;
  return FEATURE_SWITCHES.every((name) => value[name] === undefined || typeof value[name] === 'boolean')
    && (conversationDisconnect === undefined || conversationDisconnect === false
      || conversationDisconnect === 'ReadOnly' || conversationDisconnect === 'Send')
    && optionalString(primaryColor, 64) && (languages === undefined || isStringList(languages))
    && optionalString(defaultLanguage, 64);
}

/** An ack's or error's reason: a code and a sentence, and a wait when there is one. */
function isFailure(value: unknown): boolean {
  return isObject(value) && typeof value.code === 'string' && typeof value.message === 'string'
    && optionalCount(value.retryAfterSeconds);
}

/** Validates one server frame (the transport's side). Unknown types are errors the transport logs and skips. */
export function parseServerFrame(raw: string): ParseResult<GatewayServerFrame> {
  const parsed = parseJson(raw, MAX_SERVER_FRAME_BYTES);
  if (!parsed.ok) return parsed;
  const f = parsed.frame;
  const bad = (what: string): ParseResult<GatewayServerFrame> => ({ ok: false, error: `malformed ${String(f.type)}: ${what}` });
  switch (f.type) {
    case 'ready': {
      const s = f.session;
      if (!isObject(s) || typeof s.sessionId !== 'string' || typeof s.guestId !== 'string') return bad('session');
      if (!isLimits(f.limits)) return bad('limits');
      if (!isFeatures(f.features)) return bad('features');
      if (!Array.isArray(f.transcript) || !f.transcript.every(isChatMessage)) return bad('transcript');
      if (typeof f.seq !== 'number') return bad('seq');
      if (f.availability !== undefined && !isAvailability(f.availability)) return bad('availability');
      return { ok: true, frame: f as unknown as ReadyFrame };
    }
    case 'message':
      if (!isChatMessage(f.message) || typeof f.seq !== 'number') return bad('message');
      return { ok: true, frame: f as unknown as ServerMessageFrame };
    case 'ack':
      if (typeof f.id !== 'string' || (f.state !== 'sent' && f.state !== 'failed')) return bad('id/state');
      if (f.failure !== undefined && !isFailure(f.failure)) return bad('failure');
      return { ok: true, frame: f as unknown as AckFrame };
    case 'typing':
      if (!isCount(f.durationMs)) return bad('durationMs');
      return { ok: true, frame: f as unknown as ServerTypingFrame };
    case 'presence':
      if (typeof f.presence !== 'string') return bad('presence');
      return { ok: true, frame: f as unknown as PresenceFrame };
    case 'availability':
      if (!isAvailability(f.availability)) return bad('availability');
      return { ok: true, frame: f as unknown as AvailabilityFrame };
    case 'error':
      if (!isFailure(f) || !optionalString(f.ref, 256)) return bad('code/message/ref/retryAfterSeconds');
      return { ok: true, frame: f as unknown as ServerErrorFrame };
    case 'pong':
      return { ok: true, frame: f as unknown as PongFrame };
    default:
      return { ok: false, error: `unknown frame type "${String(f.type).slice(0, 40)}"` };
  }
}

/**
 * The upload answer (`POST <uploadUrl>`) as the widget takes it: an id the server will accept back, an http(s) URL to
 * show, and strings where strings belong (a hostile or broken server's answer is refused, not rendered). null when not.
 */
export function parseUploadResponse(value: unknown): GatewayUploadResponse | null {
  if (!isObject(value)) return null;
  const { id, url, mime, filename, size, mediaType } = value;
  if (typeof id !== 'string' || !UPLOAD_ID_PATTERN.test(id)) return null;
  if (!isHttpUrl(url)) return null;
  if (!isNonEmptyString(mime, 255) || !isNonEmptyString(filename, 255) || !isCount(size)) return null;
  if (typeof mediaType !== 'string' || !MEDIA_TYPES.includes(mediaType)) return null;
  return { id, url, mime, filename, size, mediaType: mediaType as AttachmentMediaType };
}
