import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type {
  OpenMessageNormalizedMessage, OpenMessagingChannel, OpenRecipient,
} from '@genesys-chat/protocol/open-messaging.js';
import type { MessageContent, Participant, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../world.js';
import { sendPlatformError } from '../http-errors.js';
import { platformGuard } from '../platform/guard.js';
import { sendValidationError } from './integration-routes.js';
import { openMessagingState } from './state.js';
import {
  validateInboundEvent, validateInboundMessage, validateInboundReceipt, validateStructuredResponse,
} from './validate.js';

const INBOUND = '/api/v2/conversations/messages/:integrationId/inbound/open';

type Params = { Params: { integrationId: string }; Querystring: { prefetchConversationId?: string } };

/** The guest as the World and the desk show them. */
function participant(from: OpenRecipient): Participant {
  const out: Participant = { id: from.id };
  if (from.nickname) out.nickname = from.nickname;
  if (from.firstName) out.firstName = from.firstName;
  if (from.lastName) out.lastName = from.lastName;
  if (from.image) out.image = from.image;
  return out;
}

function customer(from: OpenRecipient): { id: string; nickname?: string; firstName?: string; lastName?: string } {
  const out: { id: string; nickname?: string; firstName?: string; lastName?: string } = { id: from.id };
  if (from.nickname) out.nickname = from.nickname;
  if (from.firstName) out.firstName = from.firstName;
  if (from.lastName) out.lastName = from.lastName;
  return out;
}

/** `channel` of a response: Genesys' view, addressed to the integration. */
function responseChannel(integrationId: string, channel: { from?: OpenRecipient; to?: Partial<OpenRecipient>; time: string; messageId?: string }): OpenMessagingChannel {
  const out: OpenMessagingChannel = { id: integrationId, platform: 'Open', type: 'Private', time: channel.time };
  if (channel.messageId) out.messageId = channel.messageId;
  if (channel.from) {
    out.from = { ...channel.from };
    out.to = { id: integrationId };
  }
  if (channel.to) out.to = { ...channel.to };
  return out;
}

/**
 * The four inbound endpoints (spec §2, checklist §7.3), bearer token required:
 * `…/{integrationId}/inbound/open/message`, `/event`, `/receipt`, `/structured/response`.
 */
export const inboundRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const state = openMessagingState(ctx);
  const guard = platformGuard(ctx);
  const maxText = ctx.options.maxMessageLength;

  /** The integration, or a 404 (UNCONFIRMED: Genesys' answer for an unknown integration). */
  function integrationOr404(id: string, reply: FastifyReply): boolean {
    if (state.integrations.get(id)) return true;
    void sendPlatformError(reply, 404, 'not.found', `open integration ${id} not found`);
    return false;
  }

  /** The customer's not-ended conversation (indexed lookup in the World, no scan). */
  function currentConversation(integrationId: string, customerId: string): Conversation | undefined {
    return ctx.world.findOpenConversation(integrationId, customerId);
  }

  app.post<Params>(`${INBOUND}/message`, { onRequest: guard }, async (request, reply) => {
    const { integrationId } = request.params;
    if (!integrationOr404(integrationId, reply)) return reply;
    const checked = validateInboundMessage(request.body, maxText);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const conversation = ctx.world.findOrCreateOpenConversation(integrationId, customer(body.channel.from), body.metadata ?? {});
    const id = randomUUID();
    const attachments = (body.content ?? []).map((item) => ({ ...item.attachment }));
    const message: StructuredMessageBody = {
      id,
      type: 'Text',
      direction: 'Inbound',
      channel: { time: body.channel.time, type: 'Private', from: participant(body.channel.from) },
    };
    if (body.channel.messageId) message.channel = { ...message.channel, messageId: body.channel.messageId };
    if (body.text) message.text = body.text;
    if (attachments.length > 0) {
      message.content = attachments.map((attachment): MessageContent => ({
        contentType: 'Attachment',
        attachment: { ...attachment, id: attachment.id ?? randomUUID() },
      }));
    }
    if (body.metadata) message.metadata = { ...body.metadata };
    ctx.world.addGuestMessage(conversation, message);
    const response: OpenMessageNormalizedMessage = {
      id,
      channel: responseChannel(integrationId, body.channel),
      type: 'Text',
      direction: 'Inbound',
    };
    if (body.text) response.text = body.text;
    if (attachments.length > 0) response.content = attachments.map((attachment) => ({ contentType: 'Attachment', attachment }));
    if (body.metadata) response.metadata = { ...body.metadata };
    if (request.query.prefetchConversationId === 'true') response.conversationId = conversation.id;
    return response;
  });

  app.post<Params>(`${INBOUND}/event`, { onRequest: guard }, async (request, reply) => {
    const { integrationId } = request.params;
    if (!integrationOr404(integrationId, reply)) return reply;
    const checked = validateInboundEvent(request.body);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const id = randomUUID();
    // Typing never starts a conversation here (UNCONFIRMED in Genesys); without one it is accepted and dropped.
    const conversation = currentConversation(integrationId, body.channel.from.id);
    if (conversation) {
      ctx.world.addGuestMessage(conversation, {
        id,
        type: 'Event',
        direction: 'Inbound',
        channel: { time: body.channel.time, type: 'Private', from: participant(body.channel.from) },
        events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
      });
    }
    const response: OpenMessageNormalizedMessage = {
      id,
      channel: responseChannel(integrationId, body.channel),
      type: 'Event',
      events: body.events.map(() => ({ eventType: 'Typing', typing: { type: 'On' } })),
      direction: 'Inbound',
    };
    return response;
  });

  app.post<Params>(`${INBOUND}/receipt`, { onRequest: guard }, async (request, reply) => {
    const { integrationId } = request.params;
    if (!integrationOr404(integrationId, reply)) return reply;
    const checked = validateInboundReceipt(request.body);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const sent = state.sent.get(body.id);
    if (!sent || sent.integrationId !== integrationId) {
      return sendValidationError(reply, [`id ${body.id} does not reference an outbound message of this integration`]);
    }
    if (sent.customerId !== body.channel.to.id) return sendValidationError(reply, ['channel.to.id is not the recipient of that message']);
    state.receipts.push({
      id: body.id, integrationId, conversationId: sent.conversationId, status: body.status,
      ...(body.reasons ? { reasons: body.reasons } : {}),
      ...(body.isFinalReceipt !== undefined ? { isFinalReceipt: body.isFinalReceipt } : {}),
      receivedAt: new Date().toISOString(),
    });
    // Show the receipt on the desk: the transcript's copy of the message carries it as metadata.
    const conversation = ctx.world.getConversation(sent.conversationId);
    const original = conversation?.messages.find((m) => m.id === body.id);
    if (conversation && original) {
      original.metadata = { ...original.metadata, receiptStatus: body.status };
      ctx.world.emit('changed', conversation);
    }
    const response: OpenMessageNormalizedMessage = {
      id: body.id,
      channel: responseChannel(integrationId, body.channel),
      type: 'Receipt',
      status: body.status,
      direction: 'Outbound',
    };
    if (body.reasons) response.reasons = body.reasons;
    if (body.isFinalReceipt !== undefined) response.isFinalReceipt = body.isFinalReceipt;
    return response;
  });

  app.post<Params>(`${INBOUND}/structured/response`, { onRequest: guard }, async (request, reply) => {
    const { integrationId } = request.params;
    if (!integrationOr404(integrationId, reply)) return reply;
    const checked = validateStructuredResponse(request.body);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const origin = state.sent.get(body.originatingMessageId);
    if (!origin || origin.integrationId !== integrationId || origin.customerId !== body.channel.from.id) {
      return sendValidationError(reply, [`originatingMessageId ${body.originatingMessageId} is not an outbound message to this customer`]);
    }
    const conversation = ctx.world.findOrCreateOpenConversation(integrationId, customer(body.channel.from));
    const id = randomUUID();
    const buttonResponse = { type: body.buttonResponse.type, text: body.buttonResponse.text, payload: body.buttonResponse.payload };
    const message: StructuredMessageBody = {
      id,
      type: 'Structured',
      direction: 'Inbound',
      text: buttonResponse.text,
      channel: { time: body.channel.time, type: 'Private', from: participant(body.channel.from) },
      content: [{ contentType: 'ButtonResponse', buttonResponse }],
      metadata: { originatingMessageId: body.originatingMessageId },
    };
    if (body.channel.messageId) message.channel = { ...message.channel, messageId: body.channel.messageId };
    ctx.world.addGuestMessage(conversation, message);
    const response: OpenMessageNormalizedMessage = {
      id,
      channel: responseChannel(integrationId, body.channel),
      type: 'Structured',
      content: [{ contentType: 'ButtonResponse', buttonResponse }],
      direction: 'Inbound',
    };
    return response;
  });
};
