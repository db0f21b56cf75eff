/**
 * Turns raw Web Messaging frames into typed values, and StructuredMessage bodies into ChatMessages.
 * Nothing here throws on bad input: a malformed frame becomes `{ ok: false, error }` for the transport to log and
 * skip, and malformed parts of a good message (a content item missing its payload) are dropped, not rendered.
 */
import type { ChatMessage, ChatSender, PresenceChange, SenderRole } from './model.js';
import {
  CUSTOM_MESSAGE_ID_KEY, isRecord,
  type FrameClass, type MessageContent, type MessageEvent, type PresenceType, type ServerFrame,
  type StructuredMessageBody,
} from './web-messaging.js';

/** How long an agent typing indicator shows when the event carries no duration (UNCONFIRMED: spec is silent). */
export const DEFAULT_TYPING_DURATION_MS = 5_000;

export type FrameParseResult =
  | { ok: true; frame: ServerFrame }
  /** `ignored`: a well-formed frame of a class the widget does not use (LogoutEvent, ResumeTokenResponse, …). */
  | { ok: false; error: string; ignored?: boolean; tracingId?: string; /** The class of an ignored frame. */ ignoredClass?: string };

const IGNORED_CLASSES = new Set<string>(['LogoutEvent', 'ResumeTokenResponse', 'Unknown']);

function fail(error: string, tracingId?: string): FrameParseResult {
  return tracingId === undefined ? { ok: false, error } : { ok: false, error, tracingId };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Accepts numbers and numeric strings (some gateways stringify codes). */
function toCode(value: unknown): number | null {
  if (isFiniteNumber(value)) return value;
  if (isString(value) && /^\d+$/.test(value)) return Number(value);
  return null;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (isString(item)) out[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
  }
  return out;
}

/**
 * Parses one WebSocket frame (text, or already-parsed JSON) into a typed ServerFrame. Validates the envelope and the
 * body fields the widget reads; returns an error value for anything else.
 */
export function parseServerFrame(data: unknown): FrameParseResult {
  let value: unknown = data;
  if (isString(data)) {
    try {
      value = JSON.parse(data);
    } catch {
      return fail(`not JSON: ${data.slice(0, 80)}`);
    }
  }
  if (!isRecord(value)) return fail('frame is not a JSON object');
  const tracingId = isString(value.tracingId) ? value.tracingId : undefined;
  const cls = value.class;
  if (!isString(cls)) return fail('frame has no "class"', tracingId);
  const code = toCode(value.code);
  if (code === null) return fail(`frame ${cls} has no numeric "code"`, tracingId);
  const type = value.type === 'message' ? 'message' : 'response';
  if (IGNORED_CLASSES.has(cls)) {
    return { ok: false, ignored: true, ignoredClass: cls, error: `ignored class ${cls}`, ...(tracingId ? { tracingId } : {}) };
  }
  const body = validateBody(cls, value.body);
  if (typeof body === 'string') return fail(`${cls}: ${body}`, tracingId);
  const frame = { type, class: cls as FrameClass, code, body: body.value, ...(tracingId ? { tracingId } : {}) };
  return { ok: true, frame: frame as ServerFrame };
}

type BodyCheck = { value: unknown } | string;

function requireFields(body: unknown, fields: Record<string, 'string' | 'number' | 'boolean'>): BodyCheck {
  if (!isRecord(body)) return 'body is not an object';
  for (const [field, kind] of Object.entries(fields)) {
    if (typeof body[field] !== kind) return `body.${field} is not a ${kind}`;
  }
  return { value: body };
}

function validateBody(cls: string, body: unknown): BodyCheck {
  switch (cls) {
    case 'SessionResponse':
      return requireFields(body, { connected: 'boolean' });
    case 'StructuredMessage': {
      const message = validateStructuredMessage(body);
      return isString(message) ? message : { value: message };
    }
    case 'PresignedUrlResponse': {
      const check = requireFields(body, { attachmentId: 'string', url: 'string' });
      if (isString(check)) return check;
      const record = check.value as Record<string, unknown>;
      return { value: { ...record, headers: stringRecord(record.headers) } };
    }
    case 'UploadSuccessEvent':
      return requireFields(body, { attachmentId: 'string', downloadUrl: 'string' });
    case 'UploadFailureEvent':
    case 'AttachmentDeletedResponse':
      return requireFields(body, { attachmentId: 'string' });
    case 'JwtResponse':
      return requireFields(body, { jwt: 'string' });
    case 'TooManyRequestsErrorMessage': {
      if (!isRecord(body)) return 'body is not an object';
      const retryAfter = isFiniteNumber(body.retryAfter) && body.retryAfter >= 0 ? body.retryAfter : 1;
      const errorMessage = isString(body.errorMessage) ? body.errorMessage : 'Too many requests';
      return { value: { errorCode: toCode(body.errorCode) ?? 429, errorMessage, retryAfter } };
    }
    case 'GenerateUrlError':
      if (!isRecord(body)) return 'body is not an object';
      return { value: { ...body, errorCode: toCode(body.errorCode) ?? 0, errorMessage: isString(body.errorMessage) ? body.errorMessage : '' } };
    case 'ConnectionClosedEvent':
    case 'SessionExpiredEvent':
    case 'SessionClearedEvent':
    case 'GetConfigurationResponse':
      return { value: isRecord(body) ? body : {} };
    case 'string':
      return { value: isString(body) ? body : JSON.stringify(body ?? '') };
    case 'Error':
      return { value: isString(body) || isRecord(body) ? body : String(body) };
    default:
      return `unknown class ${cls}`;
  }
}

/** Validates a StructuredMessage body (live frame or history entity). Returns the body, or why it is malformed. */
export function validateStructuredMessage(value: unknown): StructuredMessageBody | string {
  if (!isRecord(value)) return 'message is not an object';
  if (!isString(value.id) || !value.id) return 'message has no id';
  if (value.direction !== 'Inbound' && value.direction !== 'Outbound') return 'message direction is not Inbound/Outbound';
  const type = isString(value.type) ? value.type : 'Text';
  const body: StructuredMessageBody = {
    id: value.id,
    type: type as StructuredMessageBody['type'],
    direction: value.direction,
  };
  if (isString(value.text)) body.text = value.text;
  if (value.channel !== undefined) {
    if (!isRecord(value.channel)) return 'message channel is not an object';
    const channel: NonNullable<StructuredMessageBody['channel']> = {};
    if (isString(value.channel.time)) channel.time = value.channel.time;
    if (isString(value.channel.messageId)) channel.messageId = value.channel.messageId;
    if (isString(value.channel.type)) channel.type = value.channel.type;
    if (isRecord(value.channel.from)) channel.from = stringRecord(value.channel.from);
    if (isRecord(value.channel.to)) channel.to = stringRecord(value.channel.to);
    body.channel = channel;
  }
  if (value.content !== undefined) {
    if (!Array.isArray(value.content)) return 'message content is not an array';
    body.content = value.content.filter(isUsableContent);
  }
  if (value.events !== undefined) {
    if (!Array.isArray(value.events)) return 'message events is not an array';
    body.events = value.events.filter(
      (event): event is MessageEvent => isRecord(event) && isString(event.eventType),
    );
  }
  if (value.metadata !== undefined) body.metadata = stringRecord(value.metadata);
  if (value.originatingEntity === 'Bot' || value.originatingEntity === 'Human') {
    body.originatingEntity = value.originatingEntity;
  }
  return body;
}

/**
 * A content item the UI can render: known types must carry their payload (a QuickReply without `quickReply`
 * would break the view); unknown types are kept as they came, for a readable fallback.
 */
function isUsableContent(item: unknown): item is MessageContent {
  if (!isRecord(item) || !isString(item.contentType)) return false;
  switch (item.contentType) {
    case 'Attachment':
      return isRecord(item.attachment) && isString(item.attachment.id);
    case 'QuickReply':
      return isRecord(item.quickReply) && isString(item.quickReply.text);
    case 'ButtonResponse':
      return isRecord(item.buttonResponse) && isString(item.buttonResponse.text);
    case 'Card':
      return isRecord(item.card) && isString(item.card.title);
    case 'Carousel':
      return isRecord(item.carousel) && Array.isArray(item.carousel.cards)
        && item.carousel.cards.every((card) => isRecord(card) && isString(card.title));
    default:
      return true;
  }
}

const PRESENCE_CHANGES: Partial<Record<PresenceType, PresenceChange>> = {
  Join: 'join',
  Disconnect: 'disconnect',
  Clear: 'clear',
  SessionExpired: 'session-expired',
};

function senderOf(body: StructuredMessageBody): ChatSender | undefined {
  const from = body.channel?.from;
  if (!from) return undefined;
  const fullName = [from.firstName, from.lastName].filter((part) => part).join(' ');
  const name = from.nickname || fullName || undefined;
  const sender: ChatSender = {};
  if (name) sender.name = name;
  if (from.image) sender.avatarUrl = from.image;
  return sender.name || sender.avatarUrl ? sender : undefined;
}

function roleOf(body: StructuredMessageBody): SenderRole {
  if (body.direction === 'Inbound') return 'guest';
  return body.originatingEntity === 'Bot' ? 'bot' : 'agent';
}

/** A parseable ISO time: the channel's, else when the frame arrived. */
function timeOf(body: StructuredMessageBody, receivedAt: string): string {
  const time = body.channel?.time;
  return time && !Number.isNaN(Date.parse(time)) ? time : receivedAt;
}

/** The first Presence event of a message, if any. */
export function presenceOf(body: StructuredMessageBody): PresenceType | undefined {
  for (const event of body.events ?? []) {
    if (event.eventType === 'Presence' && isRecord(event.presence) && isString(event.presence.type)) {
      return event.presence.type as PresenceType;
    }
  }
  return undefined;
}

/** True when an agent/bot Disconnect makes the session read-only (`metadata.readOnly: "true"`). */
export function isReadOnlyDisconnect(body: StructuredMessageBody): boolean {
  return body.direction === 'Outbound' && presenceOf(body) === 'Disconnect' && body.metadata?.readOnly === 'true';
}

/** An agent/bot typing indicator carried by the message, if any. */
export function typingOf(body: StructuredMessageBody): { sender?: ChatSender; durationMs: number } | undefined {
  if (body.direction !== 'Outbound') return undefined;
  for (const event of body.events ?? []) {
    if (event.eventType !== 'Typing') continue;
    const typing = isRecord(event.typing) ? event.typing : {};
    const duration = isFiniteNumber(typing.duration) && typing.duration > 0 ? typing.duration : DEFAULT_TYPING_DURATION_MS;
    const sender = senderOf(body);
    return sender ? { sender, durationMs: duration } : { durationMs: duration };
  }
  return undefined;
}

/**
 * Normalizes a StructuredMessage into a ChatMessage, or null when it is not something to show (typing events,
 * receipts, the guest's own presence events, empty messages).
 * - id: `metadata.customMessageId` (the guest's own id, echoed back) or Genesys' id;
 * - role: Inbound = guest; Outbound = bot when `originatingEntity` is Bot, else agent; Presence events = system;
 * - content: kept as it came (unknown types too), minus items missing their payload.
 */
export function toChatMessage(body: StructuredMessageBody, receivedAt: string = new Date().toISOString()): ChatMessage | null {
  if (body.type === 'Receipt') return null;
  const id = body.metadata?.[CUSTOM_MESSAGE_ID_KEY] || body.id;
  const time = timeOf(body, receivedAt);
  const sender = senderOf(body);
  const direction = body.direction === 'Inbound' ? 'inbound' : 'outbound';
  if (body.type === 'Event' || (body.events?.length && !body.text && !body.content?.length)) {
    const presence = presenceOf(body);
    const change = presence ? PRESENCE_CHANGES[presence] : undefined;
    if (!change || direction === 'inbound') return null;
    const line: ChatMessage = { id, direction, role: 'system', text: body.text ?? '', content: [], time, state: 'sent', presence: change };
    if (sender) line.sender = sender;
    return line;
  }
  const text = body.text ?? '';
  const content = body.content ?? [];
  if (!text && content.length === 0) return null;
  const message: ChatMessage = { id, direction, role: roleOf(body), text, content, time, state: 'sent' };
  if (sender) message.sender = sender;
  return message;
}
