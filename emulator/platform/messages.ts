import type { FastifyPluginAsync } from 'fastify';
import type { MessageConversation, MessageData } from '@genesys-chat/protocol/open-messaging.js';
import type { StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../world.js';
import { sendPlatformError } from '../http-errors.js';
import { platformGuard } from './guard.js';

const BASE = '/api/v2/conversations/messages';

/** `MessageData.status` of a message: received (guest), or the latest receipt of an outbound one (else sent). */
function statusOf(message: StructuredMessageBody): string {
  if (message.direction === 'Inbound') return 'received';
  switch (message.metadata?.receiptStatus) {
    case 'Delivered': return 'delivery-success';
    case 'Failed': return 'delivery-failed';
    case 'Read': return 'read';
    default: return 'sent';
  }
}

/** The addresses Genesys would show: the customer's id and the integration (Open) or deployment (Web Messaging). */
function addresses(conversation: Conversation): { customer: string; business: string } {
  return conversation.channel === 'open'
    ? { customer: conversation.customerId ?? '', business: conversation.integrationId ?? '' }
    : { customer: conversation.sessionToken ? 'web-messaging-guest' : '', business: conversation.deploymentId ?? '' };
}

export function messageData(conversation: Conversation, message: StructuredMessageBody): MessageData {
  const { customer, business } = addresses(conversation);
  const inbound = message.direction === 'Inbound';
  const normalized: Record<string, unknown> = {
    id: message.id,
    channel: { platform: conversation.channel === 'open' ? 'Open' : 'Webmessaging', type: 'Private', ...message.channel },
    type: message.type,
    direction: message.direction,
  };
  if (message.text !== undefined) normalized.text = message.text;
  if (message.content) normalized.content = message.content;
  if (message.metadata) normalized.metadata = message.metadata;
  if (message.originatingEntity) normalized.originatingEntity = message.originatingEntity;
  const data: MessageData = {
    id: message.id,
    timestamp: message.channel?.time ?? conversation.createdAt,
    fromAddress: inbound ? customer : business,
    toAddress: inbound ? business : customer,
    direction: inbound ? 'inbound' : 'outbound',
    messengerType: conversation.channel,
    status: statusOf(message),
    normalizedMessage: normalized,
    conversationId: conversation.id,
    selfUri: `${BASE}/${encodeURIComponent(conversation.id)}/messages/${encodeURIComponent(message.id)}`,
  };
  if (message.channel?.messageId && inbound) data.providerMessageId = message.channel.messageId;
  return data;
}

function conversationView(ctx: EmulatorContext, conversation: Conversation): MessageConversation {
  const { customer, business } = addresses(conversation);
  const ended = conversation.state === 'ended';
  const messageRef = (m: StructuredMessageBody) => ({
    messageId: m.id,
    messageURI: `${BASE}/${encodeURIComponent(conversation.id)}/messages/${encodeURIComponent(m.id)}`,
    messageStatus: statusOf(m),
    messageTime: m.channel?.time ?? conversation.createdAt,
  });
  const participants: MessageConversation['participants'] = [{
    id: `${conversation.id}-customer`,
    purpose: 'customer',
    state: ended ? 'disconnected' : 'connected',
    direction: 'inbound',
    startTime: conversation.createdAt,
    type: conversation.channel === 'open' ? 'Open' : 'Webmessaging',
    fromAddress: { addressNormalized: customer },
    toAddress: { addressNormalized: business },
    messages: conversation.messages.filter((m) => m.direction === 'Inbound').map(messageRef),
  }];
  if (conversation.queueId) {
    const queue = ctx.world.queues.get(conversation.queueId);
    participants.push({
      id: `${conversation.id}-acd`, purpose: 'acd', state: conversation.state === 'waiting' ? 'connected' : 'disconnected',
      startTime: conversation.createdAt, queue: { id: conversation.queueId, ...(queue ? { name: queue.name } : {}) },
    });
  }
  if (conversation.agentId) {
    const agent = ctx.world.agents.get(conversation.agentId);
    participants.push({
      id: `${conversation.id}-agent`, purpose: 'agent', state: ended ? 'disconnected' : 'connected', direction: 'inbound',
      startTime: conversation.createdAt, user: { id: conversation.agentId, ...(agent ? { name: agent.name } : {}) },
      messages: conversation.messages.filter((m) => m.direction === 'Outbound').map(messageRef),
    });
  }
  return { id: conversation.id, participants, selfUri: `${BASE}/${encodeURIComponent(conversation.id)}` };
}

/**
 * Message lookups of the Platform API, bearer token required (SDK ConversationsApi):
 * `GET …/messages/{messageId}/details` (MessageData; ovotech's tester uses it to find a message's conversation,
 * platform-api.md §4.1), `GET …/messages/{conversationId}/messages/{messageId}` (MessageData) and
 * `GET …/messages/{conversationId}` (MessageConversation; Genesys' path parameter there is a conversation id).
 * Both channels' messages are found: Web Messaging guest and agent messages as well as Open Messaging ones.
 */
export const messageRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const guard = platformGuard(ctx);

  app.get<{ Params: { messageId: string } }>(`${BASE}/:messageId/details`, { onRequest: guard }, async (request, reply) => {
    const found = ctx.world.findMessage(request.params.messageId);
    if (!found) return sendPlatformError(reply, 404, 'not.found', `message ${request.params.messageId} not found`);
    return messageData(found.conversation, found.message);
  });

  app.get<{ Params: { conversationId: string; messageId: string } }>(`${BASE}/:conversationId/messages/:messageId`, { onRequest: guard }, async (request, reply) => {
    const found = ctx.world.findMessage(request.params.messageId);
    if (!found || found.conversation.id !== request.params.conversationId) {
      return sendPlatformError(reply, 404, 'not.found', `message ${request.params.messageId} not found in conversation ${request.params.conversationId}`);
    }
    return messageData(found.conversation, found.message);
  });

  app.get<{ Params: { conversationId: string } }>(`${BASE}/:conversationId`, { onRequest: guard }, async (request, reply) => {
    const conversation = ctx.world.getConversation(request.params.conversationId);
    if (!conversation) return sendPlatformError(reply, 404, 'not.found', `conversation ${request.params.conversationId} not found`);
    return conversationView(ctx, conversation);
  });
};
