/**
 * Shape changes between Open Messaging payloads and the widget's ChatMessage (src/model.ts). Pure functions.
 */
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import type { GatewayAttachment, GuestMessageFrame, QuickReplyFrame } from '@genesys-chat/protocol/gateway.js';
import type {
  OpenContentAttachment, OpenMediaType, OpenOutboundContent, OpenOutboundPayload,
} from '@genesys-chat/protocol/open-messaging.js';
import type { MessageContent } from '@genesys-chat/protocol/web-messaging.js';

const MEDIA_TYPES: readonly OpenMediaType[] = ['Image', 'Video', 'Audio', 'File', 'Link'];

/** Guesses a media type from a MIME type when the guest did not say. */
export function mediaTypeOf(mime: string): OpenMediaType {
  if (mime.startsWith('image/')) return 'Image';
  if (mime.startsWith('video/')) return 'Video';
  if (mime.startsWith('audio/')) return 'Audio';
  return 'File';
}

export function toOpenAttachment(attachment: GatewayAttachment): OpenContentAttachment {
  return {
    mediaType: attachment.mediaType ?? mediaTypeOf(attachment.mime),
    url: attachment.url,
    mime: attachment.mime,
    ...(attachment.filename ? { filename: attachment.filename } : {}),
  };
}

/** The guest's own message as the transcript shows it once Genesys accepted it. */
export function guestEcho(frame: GuestMessageFrame, time: string, displayName?: string): ChatMessage {
  return {
    id: frame.id,
    direction: 'inbound',
    role: 'guest',
    text: frame.text,
    content: (frame.attachments ?? []).map((a, index) => ({
      contentType: 'Attachment',
      attachment: { id: `${frame.id}-${index}`, ...toOpenAttachment(a) },
    })),
    time,
    state: 'sent',
    ...(displayName ? { sender: { name: displayName } } : {}),
  };
}

/** The guest's quick-reply answer as the transcript shows it. */
export function quickReplyEcho(frame: QuickReplyFrame, time: string, displayName?: string): ChatMessage {
  return {
    id: frame.id,
    direction: 'inbound',
    role: 'guest',
    text: frame.answer.text,
    content: [{ contentType: 'ButtonResponse', buttonResponse: frame.answer }],
    time,
    state: 'sent',
    ...(displayName ? { sender: { name: displayName } } : {}),
  };
}

/** A trimmed non-empty string (at most `max` characters), or undefined for anything else. */
function textOf(value: unknown, max = 256): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Outbound content items in Web Messaging shapes; unknown types pass through unchanged (never dropped). */
function toMessageContent(items: OpenOutboundContent[] | undefined, payloadId: string): MessageContent[] {
  if (!Array.isArray(items)) return [];
  const out: MessageContent[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item) || typeof item.contentType !== 'string') return;
    if (item.contentType === 'Attachment' && isRecord(item.attachment)) {
      const a = item.attachment as Partial<OpenContentAttachment>;
      out.push({
        contentType: 'Attachment',
        attachment: {
          id: typeof a.id === 'string' ? a.id : `${payloadId}-${index}`,
          ...(typeof a.mediaType === 'string' && MEDIA_TYPES.includes(a.mediaType) ? { mediaType: a.mediaType } : {}),
          ...(typeof a.url === 'string' ? { url: a.url } : {}),
          ...(typeof a.mime === 'string' ? { mime: a.mime } : {}),
          ...(typeof a.filename === 'string' ? { filename: a.filename } : {}),
          ...(typeof a.text === 'string' ? { text: a.text } : {}),
          ...(typeof a.contentSizeBytes === 'number' ? { fileSize: a.contentSizeBytes } : {}),
        },
      });
      return;
    }
    out.push(item as MessageContent);
  });
  return out;
}

/**
 * An agent's (or bot's) outbound Text/Structured webhook payload as a ChatMessage. The sender name is taken from
 * `channel.from` only when it is not the integration itself (Genesys puts the integration's name there; whether
 * agent names ever appear is UNCONFIRMED, spec §3.2).
 */
export function outboundToChatMessage(payload: OpenOutboundPayload): ChatMessage {
  // Every field of `channel.from` is remote input: only non-empty strings are used (a number or object would
  // break every later render of the transcript, and a reload would replay it).
  const from = isRecord(payload.channel.from) ? payload.channel.from as Record<string, unknown> : undefined;
  const isIntegration = !from || typeof from.id !== 'string' || !from.id || from.id === payload.channel.id;
  const name = !isIntegration
    ? textOf(from.nickname) ?? ([textOf(from.firstName), textOf(from.lastName)].filter(Boolean).join(' ') || undefined)
    : undefined;
  const image = from ? textOf(from.image) : undefined;
  return {
    id: payload.id,
    direction: 'outbound',
    role: 'agent',
    text: typeof payload.text === 'string' ? payload.text : '',
    content: toMessageContent(payload.content, payload.id),
    time: typeof payload.channel.time === 'string' ? payload.channel.time : new Date().toISOString(),
    state: 'sent',
    ...(name ? { sender: { name, ...(image ? { avatarUrl: image } : {}) } } : {}),
  };
}
