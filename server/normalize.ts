/**
 * Shape changes between Open Messaging payloads and the widget's ChatMessage (src/model.ts). Pure functions.
 */
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import type { GatewayAttachment, GuestMessageFrame, QuickReplyFrame } from '@genesys-chat/protocol/gateway.js';
import type {
  OpenContentAttachment, OpenMediaType, OpenOutboundContent, OpenOutboundPayload,
} from '@genesys-chat/protocol/open-messaging.js';
import type { MessageContent } from '@genesys-chat/protocol/web-messaging.js';
import type { UploadRecord } from './upload-store.js';

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

/** A file the guest uploaded, as a message's attachment: the server's record of it, never what the guest says. */
export function uploadAttachment(record: UploadRecord): GatewayAttachment {
  return { url: record.url, mime: record.mime, filename: record.filename, mediaType: mediaTypeOf(record.mime) };
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

/** Longest sender name shown; Genesys' own limit is not documented, names are short. */
const MAX_NAME_LENGTH = 80;

/** A name from a remote payload: a non-empty string, control characters dropped, trimmed and capped; else undefined. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const name = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return name ? name.slice(0, MAX_NAME_LENGTH) : undefined;
}

/**
 * An agent's (or bot's) outbound Text/Structured webhook payload as a ChatMessage. The sender's name is
 * `channel.from.nickname` (Genesys puts the agent's name there when the integration is set to show it; otherwise the
 * integration's own name, which the site chose: UNCONFIRMED which one a real org sends, spec §3.2), else first and
 * last name. Every field is checked: a number or object where a string belongs is ignored, never rendered.
 */
export function outboundToChatMessage(payload: OpenOutboundPayload): ChatMessage {
  const from: unknown = payload.channel.from;
  const sender = isRecord(from) ? from : {};
  const name = cleanName(sender.nickname)
    ?? cleanName([cleanName(sender.firstName), cleanName(sender.lastName)].filter(Boolean).join(' '));
  const avatarUrl = typeof sender.image === 'string' ? sender.image : undefined; // the widget checks its protocol
  return {
    id: payload.id,
    direction: 'outbound',
    role: 'agent',
    text: typeof payload.text === 'string' ? payload.text : '',
    content: toMessageContent(payload.content, payload.id),
    time: typeof payload.channel.time === 'string' ? payload.channel.time : new Date().toISOString(),
    state: 'sent',
    ...(name ? { sender: { name, ...(avatarUrl ? { avatarUrl } : {}) } } : {}),
  };
}

/** The server's greeting for a new guest (gateway mode): a bot message in their transcript only. */
export function welcomeMessage(guestId: string, text: string, time = new Date().toISOString()): ChatMessage {
  return {
    id: `welcome-${guestId}`,
    direction: 'outbound',
    role: 'bot',
    text,
    content: [],
    time,
    state: 'sent',
  };
}
