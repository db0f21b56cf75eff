import type {
  OpenContentAttachment, OpenMediaType, OpenOutboundContent, OpenOutboundPayload, OpenRecipient,
} from '@genesys-chat/protocol/open-messaging.js';
import type { Attachment, MessageContent, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { Conversation } from '../world.js';
import type { IntegrationRecord } from './integrations.js';
import { richContentAsText, type RichContentStyle } from './rich-text.js';

/** Who appears as `channel.from` on webhook payloads (UNCONFIRMED: the doc example shows the integration). */
export type OutboundFromStyle = 'integration' | 'agent';

/** Why a World outbound message produced no webhook payload. */
export type SkipReason = 'presence-has-no-open-equivalent' | 'unsupported-event' | 'empty';

function mediaTypeFor(attachment: Attachment): OpenMediaType {
  if (attachment.mediaType) return attachment.mediaType;
  const mime = attachment.mime ?? '';
  if (mime.startsWith('image/')) return 'Image';
  if (mime.startsWith('video/')) return 'Video';
  if (mime.startsWith('audio/')) return 'Audio';
  return 'File';
}

function openAttachment(attachment: Attachment): OpenContentAttachment {
  const out: OpenContentAttachment = {
    mediaType: mediaTypeFor(attachment),
    url: attachment.url ?? '',
    mime: attachment.mime ?? 'application/octet-stream',
  };
  if (attachment.id) out.id = attachment.id;
  if (attachment.filename) out.filename = attachment.filename;
  if (attachment.text) out.text = attachment.text;
  if (attachment.sha256) out.sha256 = attachment.sha256;
  if (attachment.fileSize !== undefined) out.contentSizeBytes = attachment.fileSize;
  return out;
}

/** Web Messaging content -> Open content: attachments become `OpenContentAttachment`; others pass through. */
function openContent(item: MessageContent): OpenOutboundContent {
  if (item.contentType === 'Attachment' && 'attachment' in item && typeof item.attachment === 'object' && item.attachment !== null) {
    return { contentType: 'Attachment', attachment: openAttachment(item.attachment as Attachment) };
  }
  return { ...item };
}

/**
 * Turns a World outbound message of an Open conversation into the §3.2 webhook payload, or says why none is sent.
 * Text -> `Text`; attachments only -> `Text` with `content` (doc: "the same, plus content"); quick replies, cards and
 * carousels -> with `richContent: "text"` (default, the documented shape) a `Text` payload whose text lists them,
 * with `"structured"` a `Structured` payload carrying them (UNCONFIRMED for Open); Typing -> `Event` with
 * `typing.duration`; Presence (agent disconnect, join) -> nothing, because the Open event model has only Typing (§4.3).
 */
export function toOpenPayload(
  message: StructuredMessageBody,
  conversation: Conversation,
  integration: IntegrationRecord,
  fromStyle: OutboundFromStyle,
  richContent: RichContentStyle = 'text',
): { payload: OpenOutboundPayload } | { skip: SkipReason } {
  const time = message.channel?.time ?? new Date().toISOString();
  const to: Partial<OpenRecipient> = { id: conversation.customerId ?? '' };
  const from: Partial<OpenRecipient> = { nickname: integration.name, id: integration.id, idType: 'Opaque' };
  if (fromStyle === 'agent' && message.channel?.from?.nickname) from.nickname = message.channel.from.nickname;
  const base: OpenOutboundPayload = {
    id: message.id,
    channel: { id: integration.id, platform: 'Open', type: 'Private', to, from, time, messageId: message.id },
    type: 'Text',
    direction: 'Outbound',
  };
  if (message.type === 'Event') {
    const events = (message.events ?? []).filter((e) => e.eventType === 'Typing');
    if (events.length === 0) {
      const presence = (message.events ?? []).some((e) => e.eventType === 'Presence');
      return { skip: presence ? 'presence-has-no-open-equivalent' : 'unsupported-event' };
    }
    base.type = 'Event';
    base.events = events.map((event) => {
      const typing = 'typing' in event && typeof event.typing === 'object' && event.typing !== null ? event.typing as { duration?: unknown } : {};
      const duration = typeof typing.duration === 'number' ? typing.duration : 5000;
      return { eventType: 'Typing', typing: { type: 'On', duration } };
    });
    return { payload: base };
  }
  const all = message.content ?? [];
  if (richContent === 'text') {
    // The documented shape: text plus at most one attachment item (SDK OpenMessageContent).
    const attachments = all.filter((c) => c.contentType === 'Attachment').map(openContent).slice(0, 1);
    const text = [message.text ?? '', richContentAsText(all)].filter((part) => part.trim().length > 0).join('\n\n');
    if (!text && attachments.length === 0) return { skip: 'empty' };
    if (text) base.text = text;
    if (attachments.length > 0) base.content = attachments;
  } else {
    const content = all.map(openContent);
    if (!message.text && content.length === 0) return { skip: 'empty' };
    if (message.text) base.text = message.text;
    if (content.length > 0) {
      base.content = content;
      base.type = content.every((c) => c.contentType === 'Attachment') ? 'Text' : 'Structured';
    }
  }
  if (message.metadata && Object.keys(message.metadata).length > 0) base.metadata = { ...message.metadata };
  return { payload: base };
}
