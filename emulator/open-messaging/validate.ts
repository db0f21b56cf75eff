import type {
  OpenInboundEvent, OpenInboundMessage, OpenInboundReceipt, OpenInboundStructuredResponse, OpenNormalizedMessage, OpenReasonCode,
} from '@genesys-chat/protocol/open-messaging.js';

/** Result of validating an inbound body: the typed body, or every problem found (for one 400). */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const ID_TYPES = ['Email', 'Phone', 'Opaque'];
const MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'];
const BUTTON_TYPES = ['Button', 'QuickReply', 'DatePicker'];
const RECEIPT_STATUSES = ['Delivered', 'Failed'];
const REASON_CODES: OpenReasonCode[] = [
  'MessageExpired', 'RateLimited', 'MessageNotAllowed', 'GeneralError', 'UnsupportedMessage', 'UnknownMessage',
  'InvalidMessageStructure', 'InvalidDestination', 'ServerError', 'MediaTypeNotAllowed', 'InvalidMediaContentLength',
  'RecipientOptedOut', 'DataFiltered',
];
const RECIPIENT_STRINGS = ['firstName', 'lastName', 'nickname', 'email', 'image'] as const;

/** The forum-reported text Genesys answers when a message has neither `text` nor `content`. */
export const MISSING_TEXT_OR_CONTENT =
  "should have required property 'content', should have required property '.text', should match some schema in anyOf";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** ISO-8601 date-time with a zone (`Z` or an offset), as `channel.time` requires. */
function isIsoTime(value: unknown): value is string {
  return typeof value === 'string'
    && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
    && !Number.isNaN(Date.parse(value));
}

function checkFrom(from: unknown, problems: string[]): void {
  if (!isRecord(from)) {
    problems.push('channel.from is required');
    return;
  }
  if (!nonEmptyString(from.id)) problems.push('channel.from.id is required');
  if (typeof from.idType !== 'string' || !ID_TYPES.includes(from.idType)) problems.push(`channel.from.idType must be one of ${ID_TYPES.join(', ')}`);
  for (const key of RECIPIENT_STRINGS) {
    if (from[key] !== undefined && typeof from[key] !== 'string') problems.push(`channel.from.${key} must be a string`);
  }
}

function checkChannel(body: Record<string, unknown>, problems: string[], direction: 'from' | 'to'): Record<string, unknown> | null {
  const channel = body.channel;
  if (!isRecord(channel)) {
    problems.push('channel is required');
    return null;
  }
  if (direction === 'from') checkFrom(channel.from, problems);
  else if (!isRecord(channel.to) || !nonEmptyString(channel.to.id)) problems.push('channel.to.id is required');
  if (!isIsoTime(channel.time)) problems.push('channel.time must be an ISO-8601 date-time');
  if (channel.messageId !== undefined && typeof channel.messageId !== 'string') problems.push('channel.messageId must be a string');
  return channel;
}

function checkMetadata(metadata: unknown, problems: string[]): void {
  if (metadata === undefined) return;
  if (!isRecord(metadata) || !Object.values(metadata).every((v) => typeof v === 'string')) {
    problems.push('metadata must be a map of strings');
  }
}

function checkAttachment(value: unknown, index: number, problems: string[]): void {
  const at = `content[${index}].attachment`;
  if (!isRecord(value)) {
    problems.push(`${at} is required`);
    return;
  }
  if (typeof value.mediaType !== 'string' || !MEDIA_TYPES.includes(value.mediaType)) problems.push(`${at}.mediaType must be one of ${MEDIA_TYPES.join(', ')}`);
  if (!nonEmptyString(value.url)) problems.push(`${at}.url is required`);
  if (!nonEmptyString(value.mime)) problems.push(`${at}.mime is required`);
  for (const key of ['filename', 'id', 'text', 'sha256'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') problems.push(`${at}.${key} must be a string`);
  }
}

function result<T>(body: unknown, problems: string[]): Validated<T> {
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: body as T };
}

/** A Text message carries a non-empty `text` (at most `maxTextLength`), or `content`, or both. */
function checkTextOrContent(body: Record<string, unknown>, maxTextLength: number, problems: string[]): void {
  const hasText = typeof body.text === 'string' && body.text.length > 0;
  const hasContent = Array.isArray(body.content) && body.content.length > 0;
  if (body.text !== undefined && typeof body.text !== 'string') problems.push('text must be a string');
  if (body.content !== undefined && !Array.isArray(body.content)) problems.push('content must be an array');
  if (!hasText && !hasContent) problems.push(MISSING_TEXT_OR_CONTENT);
  if (typeof body.text === 'string' && body.text.length > maxTextLength) problems.push(`text must be at most ${maxTextLength} characters`);
}

/** `OpenInboundNormalizedMessage` (§2.2): from.id/idType, time, text or content, attachments with mediaType/url/mime. */
export function validateInboundMessage(body: unknown, maxTextLength: number): Validated<OpenInboundMessage> {
  if (!isRecord(body)) return { ok: false, problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  checkChannel(body, problems, 'from');
  checkTextOrContent(body, maxTextLength, problems);
  if (Array.isArray(body.content)) {
    if (body.content.length > 1) problems.push('content: only one attachment item is allowed');
    body.content.forEach((item, index) => checkAttachment(isRecord(item) ? item.attachment : undefined, index, problems));
  }
  checkMetadata(body.metadata, problems);
  return result<OpenInboundMessage>(body, problems);
}

/** `OpenInboundNormalizedEvent` (§2.3): only `eventType: "Typing"`. */
export function validateInboundEvent(body: unknown): Validated<OpenInboundEvent> {
  if (!isRecord(body)) return { ok: false, problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  checkChannel(body, problems, 'from');
  if (!Array.isArray(body.events) || body.events.length === 0) problems.push('events must be a non-empty array');
  else {
    body.events.forEach((event, index) => {
      if (!isRecord(event) || event.eventType !== 'Typing') problems.push(`events[${index}].eventType must be Typing`);
    });
  }
  return result<OpenInboundEvent>(body, problems);
}

/** `OpenInboundNormalizedReceipt` (§2.4): id, channel.to.id, time, status Delivered|Failed, optional reasons. */
export function validateInboundReceipt(body: unknown): Validated<OpenInboundReceipt> {
  if (!isRecord(body)) return { ok: false, problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  if (!nonEmptyString(body.id)) problems.push('id is required');
  checkChannel(body, problems, 'to');
  if (typeof body.status !== 'string' || !RECEIPT_STATUSES.includes(body.status)) problems.push('status must be one of Delivered, Failed');
  if (body.reasons !== undefined) {
    if (!Array.isArray(body.reasons)) problems.push('reasons must be an array');
    else {
      body.reasons.forEach((reason, index) => {
        if (!isRecord(reason) || !nonEmptyString(reason.message)) problems.push(`reasons[${index}].message is required`);
        else if (reason.code !== undefined && !REASON_CODES.includes(reason.code as OpenReasonCode)) problems.push(`reasons[${index}].code is not a known reason code`);
      });
    }
  }
  if (body.isFinalReceipt !== undefined && typeof body.isFinalReceipt !== 'boolean') problems.push('isFinalReceipt must be a boolean');
  return result<OpenInboundReceipt>(body, problems);
}

/** `OpenInboundStructuredResponseMessage` (§2.5): buttonResponse {type, text, payload}, originatingMessageId. */
export function validateStructuredResponse(body: unknown): Validated<OpenInboundStructuredResponse> {
  if (!isRecord(body)) return { ok: false, problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  checkChannel(body, problems, 'from');
  const answer = body.buttonResponse;
  if (!isRecord(answer)) problems.push('buttonResponse is required');
  else {
    if (typeof answer.type !== 'string' || !BUTTON_TYPES.includes(answer.type)) problems.push(`buttonResponse.type must be one of ${BUTTON_TYPES.join(', ')}`);
    if (!nonEmptyString(answer.text)) problems.push('buttonResponse.text is required');
    if (typeof answer.payload !== 'string') problems.push('buttonResponse.payload is required');
  }
  if (!nonEmptyString(body.originatingMessageId)) problems.push('originatingMessageId is required');
  return result<OpenInboundStructuredResponse>(body, problems);
}

/** Receipt statuses the deprecated model accepts (its enum still has `Read`; spec §4.1). */
const LEGACY_RECEIPT_STATUSES = ['Delivered', 'Failed', 'Read'];

function checkReasons(body: Record<string, unknown>, problems: string[]): void {
  if (body.reasons === undefined) return;
  if (!Array.isArray(body.reasons)) {
    problems.push('reasons must be an array');
    return;
  }
  body.reasons.forEach((reason, index) => {
    if (!isRecord(reason) || !nonEmptyString(reason.message)) problems.push(`reasons[${index}].message is required`);
    else if (reason.code !== undefined && !REASON_CODES.includes(reason.code as OpenReasonCode)) problems.push(`reasons[${index}].code is not a known reason code`);
  });
}

/**
 * `OpenNormalizedMessage` on the deprecated `POST /api/v2/conversations/messages/inbound/open` (§2.6), as the
 * Slack and Ionic blueprints send it: `channel.to.id` is the integration, `channel.from` the customer, `type` Text
 * (text or one `contentType: "Attachment"` item) or Receipt (`id` of an outbound message and `status`).
 */
export function validateLegacyInbound(body: unknown, maxTextLength: number): Validated<OpenNormalizedMessage> {
  if (!isRecord(body)) return { ok: false, problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  const channel = checkChannel(body, problems, 'from');
  if (channel) {
    if (!isRecord(channel.to) || !nonEmptyString(channel.to.id)) problems.push('channel.to.id is required (the integration id)');
    if (channel.platform !== undefined && channel.platform !== 'Open') problems.push('channel.platform must be Open');
    if (channel.type !== undefined && channel.type !== 'Private') problems.push('channel.type must be Private');
  }
  if (body.direction !== undefined && body.direction !== 'Inbound' && body.direction !== 'Outbound') problems.push('direction must be Inbound or Outbound');
  checkMetadata(body.metadata, problems);
  if (body.type === 'Text') {
    checkTextOrContent(body, maxTextLength, problems);
    if (Array.isArray(body.content)) {
      if (body.content.length > 1) problems.push('content: if contentType = Attachment only one item is allowed');
      body.content.forEach((item, index) => {
        if (!isRecord(item) || item.contentType !== 'Attachment') problems.push(`content[${index}].contentType must be Attachment`);
        checkAttachment(isRecord(item) ? item.attachment : undefined, index, problems);
      });
    }
  } else if (body.type === 'Receipt') {
    if (!nonEmptyString(body.id)) problems.push('id is required for a Receipt (the outbound message it references)');
    if (typeof body.status !== 'string' || !LEGACY_RECEIPT_STATUSES.includes(body.status)) problems.push(`status must be one of ${LEGACY_RECEIPT_STATUSES.join(', ')}`);
    checkReasons(body, problems);
    if (body.isFinalReceipt !== undefined && typeof body.isFinalReceipt !== 'boolean') problems.push('isFinalReceipt must be a boolean');
  } else {
    problems.push('type must be Text or Receipt (typing goes to /api/v2/conversations/messages/{integrationId}/inbound/open/event)');
  }
  return result<OpenNormalizedMessage>(body, problems);
}
