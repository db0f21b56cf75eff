import { randomUUID } from 'node:crypto';
import {
  isRecord, type Frame, type MessageContent, type MessageEvent, type StructuredMessageBody,
} from '@genesys-chat/protocol/web-messaging.js';
import { textLength } from '../context.js';
import { fail, messageFrame } from './frames.js';
import { optionalRecord, requireSession, type RequestContext } from './request.js';
import type { GuestSession } from './session.js';
import { AUTH_AGAIN_TEXT, anonymousMessagingAllowed } from '../auth/session-auth.js';

/** Genesys' text for any send on a read-only session. */
export const READ_ONLY_TEXT = 'Session is read-only, no new messages allowed';

/** `channel.metadata.customAttributes`, validated: strings only, within the byte budget (4013). */
function customAttributes(rc: RequestContext, session: GuestSession): Record<string, string> {
  const channel = optionalRecord(rc.request.channel, 'channel');
  const metadata = optionalRecord(channel?.metadata, 'channel.metadata');
  const attributes = optionalRecord(metadata?.customAttributes, 'channel.metadata.customAttributes');
  if (!attributes) return {};
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') fail(400, `customAttributes.${key} must be a string`);
    result[key] = value;
  }
  const deployment = rc.service.deployment(session.deploymentId);
  const limit = deployment ? rc.service.maxCustomDataBytes(deployment) : rc.service.ctx.options.maxCustomDataBytes;
  const size = Buffer.byteLength(JSON.stringify(result), 'utf8');
  if (size > limit) fail(4013, `Custom attributes exceed the maximum size of ${limit} bytes (got ${size})`);
  return result;
}

/** Checks the content items and fills in stored attachments (4009 unknown, 4010 not uploaded). */
function inboundContent(rc: RequestContext, session: GuestSession, raw: unknown): MessageContent[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) fail(400, 'message.content must be an array');
  return raw.map((item: unknown, index): MessageContent => {
    if (!isRecord(item) || typeof item.contentType !== 'string') fail(400, `message.content[${index}].contentType is required`);
    if (item.contentType === 'Attachment') {
      const attachment = optionalRecord(item.attachment, `message.content[${index}].attachment`);
      const id = attachment?.id;
      if (typeof id !== 'string') fail(4020, `Missing parameter: message.content[${index}].attachment.id`);
      const stored = rc.service.attachments.get(id);
      if (!stored || stored.sessionKey !== session.key) fail(4009, `Attachment not found: ${id}`);
      if (!stored.uploaded) fail(4010, `Attachment not successfully uploaded: ${id}`);
      return { contentType: 'Attachment', attachment: rc.service.attachments.describe(stored) };
    }
    if (item.contentType === 'ButtonResponse') {
      const br = optionalRecord(item.buttonResponse, `message.content[${index}].buttonResponse`);
      if (!br || typeof br.payload !== 'string' || typeof br.text !== 'string') {
        fail(400, `message.content[${index}].buttonResponse needs text and payload`);
      }
    }
    return item as MessageContent;
  });
}

function events(raw: unknown): MessageEvent[] {
  if (!Array.isArray(raw) || raw.length === 0) fail(400, 'message.events must be a non-empty array');
  return raw.map((event: unknown, index): MessageEvent => {
    if (!isRecord(event) || typeof event.eventType !== 'string') fail(400, `message.events[${index}].eventType is required`);
    return event as MessageEvent;
  });
}

/**
 * Presence Clear, as the transport SDK's "End user clear" sequence shows it (`uml/clearConversation/
 * clear_conversation_hld.puml`): the conversation ends, every connection of the guest hears SessionClearedEvent,
 * the session's information is dropped and every connection then gets ConnectionClosedEvent; the token starts afresh.
 */
function clearConversation(rc: RequestContext, session: GuestSession): void {
  const deployment = rc.service.deployment(session.deploymentId);
  if (deployment?.messenger?.apps?.conversations?.conversationClear?.enabled !== true) {
    fail(4000, 'Conversation clear is not enabled for this deployment');
  }
  const conversation = session.conversation;
  conversation.state = 'ended';
  rc.service.ctx.world.emit('changed', conversation);
  session.broadcast(messageFrame('SessionClearedEvent', {}));
  session.broadcast(messageFrame('ConnectionClosedEvent', {}));
  for (const socket of [...session.sockets]) rc.service.detach(socket);
  rc.service.sessions.remove(session);
}

/** `onMessage`: Text/Structured (echoed back Inbound to every tab) or Event (Typing, Presence Join/Clear). */
export function onMessage(rc: RequestContext): Frame | undefined {
  const { service } = rc;
  const session = requireSession(rc);
  const message = optionalRecord(rc.request.message, 'message');
  if (!message) fail(4020, 'Missing parameter: message');
  const type = message.type;
  if (type !== 'Text' && type !== 'Structured' && type !== 'Event') fail(400, 'message.type must be Text, Structured or Event');
  if (session.readOnly) fail(409, READ_ONLY_TEXT);
  if (!session.identity && type !== 'Event' && !anonymousMessagingAllowed(service.deployment(session.deploymentId))) fail(403, AUTH_AGAIN_TEXT);
  session.touch();
  const world = service.ctx.world;
  // The agent or bot ended it without read-only: the next message opens a new conversation on the same session.
  if (session.conversation.state === 'ended') {
    session.conversation = world.createWebConversation(session.deploymentId, session.token);
  }
  const conversation = session.conversation;
  const now = new Date().toISOString();

  if (type === 'Event') {
    const list = events(message.events);
    if (list.some((e) => e.eventType === 'Presence' && isRecord(e.presence) && e.presence.type === 'Clear')) {
      clearConversation(rc, session);
      return undefined;
    }
    world.addGuestMessage(conversation, {
      id: randomUUID(), type: 'Event', direction: 'Inbound', channel: { time: now }, events: list,
    });
    return undefined;
  }

  const text = message.text;
  if (text !== undefined && typeof text !== 'string') fail(400, 'message.text must be a string');
  const max = service.ctx.options.maxMessageLength;
  if (typeof text === 'string' && textLength(text, service.ctx.options.messageLengthUnit) > max) fail(4011, `Message exceeds the maximum length of ${max} characters`);
  const content = inboundContent(rc, session, message.content);
  if (!text && !(content && content.length > 0)) fail(400, 'A message needs text or content');
  const attributes = customAttributes(rc, session);
  const metadata = optionalRecord(message.metadata, 'message.metadata');

  // The real echo's shape (ovotech's fixtures): `originatingEntity: ""`, `channel {time, messageId}`,
  // `metadata.correlationId`; the guest's own metadata (`customMessageId`) is kept beside it.
  const body: StructuredMessageBody = {
    id: randomUUID(),
    type,
    direction: 'Inbound',
    channel: { time: now, messageId: randomUUID() },
    originatingEntity: '',
  };
  if (typeof text === 'string') body.text = text;
  if (content && content.length > 0) body.content = content;
  const kept: Record<string, string> = { correlationId: randomUUID() };
  if (metadata) {
    for (const [key, value] of Object.entries(metadata)) if (typeof value === 'string' && key !== 'correlationId') kept[key] = value;
  }
  body.metadata = kept;
  world.mergeAttributes(conversation, attributes);
  // The echo goes first, to the sender (with its tracingId) and to every other tab.
  rc.socket.deliver(messageFrame('StructuredMessage', body, 200, rc.tracingId));
  session.broadcast(messageFrame('StructuredMessage', body), rc.socket);
  // The customer's other devices (authenticated sessions sharing the conversation) see it too.
  for (const other of service.sessions.forConversation(conversation.id)) {
    if (other !== session) other.broadcast(messageFrame('StructuredMessage', body));
  }
  world.addGuestMessage(conversation, body);
  return undefined;
}
