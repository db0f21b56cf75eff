import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { OpenMessageNormalizedMessage } from '@genesys-chat/protocol/open-messaging.js';
import type { StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../world.js';
import { sendPlatformError } from '../http-errors.js';
import { platformGuard } from '../platform/guard.js';
import { sendValidationError } from './integration-routes.js';
import { openMessagingState } from './state.js';
import { acceptMessage, acceptReceipt, customer, participant, responseChannel } from './inbound-core.js';
import type { IntegrationRecord } from './integrations.js';
import {
  validateInboundEvent, validateInboundMessage, validateInboundReceipt, validateStructuredResponse,
} from './validate.js';

const INBOUND = '/api/v2/conversations/messages/:integrationId/inbound/open';

type Params = { Params: { integrationId: string }; Querystring: { prefetchConversationId?: string } };

/**
 * The four inbound endpoints (spec §2, checklist §7.3), bearer token required:
 * `…/{integrationId}/inbound/open/message`, `/event`, `/receipt`, `/structured/response`.
 */
export const inboundRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const state = openMessagingState(ctx);
  const guard = platformGuard(ctx);
  const maxText = ctx.options.maxMessageLength;

  /** The integration, or a 404 (UNCONFIRMED: Genesys' answer for an unknown integration). */
  function integrationOr404(id: string, reply: FastifyReply): IntegrationRecord | undefined {
    const integration = state.integrations.get(id);
    if (!integration) void sendPlatformError(reply, 404, 'not.found', `open integration ${id} not found`);
    return integration;
  }

  /** The customer's not-ended conversation (indexed lookup in the World, no scan). */
  function currentConversation(integrationId: string, customerId: string): Conversation | undefined {
    return ctx.world.findOpenConversation(integrationId, customerId);
  }

  app.post<Params>(`${INBOUND}/message`, { onRequest: guard }, async (request, reply) => {
    const integration = integrationOr404(request.params.integrationId, reply);
    if (!integration) return reply;
    const checked = validateInboundMessage(request.body, maxText);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const attachments = (body.content ?? []).map((item) => ({ ...item.attachment }));
    const { id, conversation } = acceptMessage(ctx, integration.id, {
      from: body.channel.from, time: body.channel.time, attachments,
      ...(body.channel.messageId ? { messageId: body.channel.messageId } : {}),
      ...(body.text ? { text: body.text } : {}),
      ...(body.metadata ? { metadata: body.metadata } : {}),
    });
    const response: OpenMessageNormalizedMessage = {
      id,
      channel: responseChannel(integration, body.channel),
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
    const integration = integrationOr404(request.params.integrationId, reply);
    if (!integration) return reply;
    const integrationId = integration.id;
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
      channel: responseChannel(integration, body.channel),
      type: 'Event',
      events: body.events.map(() => ({ eventType: 'Typing', typing: { type: 'On' } })),
      direction: 'Inbound',
    };
    return response;
  });

  app.post<Params>(`${INBOUND}/receipt`, { onRequest: guard }, async (request, reply) => {
    const integration = integrationOr404(request.params.integrationId, reply);
    if (!integration) return reply;
    const checked = validateInboundReceipt(request.body);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const problem = acceptReceipt(ctx, state, integration.id, {
      id: body.id, customerId: body.channel.to.id, status: body.status,
      ...(body.reasons ? { reasons: body.reasons } : {}),
      ...(body.isFinalReceipt !== undefined ? { isFinalReceipt: body.isFinalReceipt } : {}),
    });
    if (problem) return sendValidationError(reply, [problem]);
    const response: OpenMessageNormalizedMessage = {
      id: body.id,
      channel: responseChannel(integration, body.channel),
      type: 'Receipt',
      status: body.status,
      direction: 'Outbound',
    };
    if (body.reasons) response.reasons = body.reasons;
    if (body.isFinalReceipt !== undefined) response.isFinalReceipt = body.isFinalReceipt;
    return response;
  });

  app.post<Params>(`${INBOUND}/structured/response`, { onRequest: guard }, async (request, reply) => {
    const integration = integrationOr404(request.params.integrationId, reply);
    if (!integration) return reply;
    const integrationId = integration.id;
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
      channel: responseChannel(integration, body.channel),
      type: 'Structured',
      content: [{ contentType: 'ButtonResponse', buttonResponse }],
      direction: 'Inbound',
    };
    return response;
  });
};
