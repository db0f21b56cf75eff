import type { FastifyPluginAsync } from 'fastify';
import type { StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { OpenOutboundPayload } from '@genesys-chat/protocol/open-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../world.js';
import { sendPlatformError } from '../http-errors.js';
import { inboundRoutes } from './inbound-routes.js';
import { legacyInboundRoutes } from './legacy-inbound-routes.js';
import { integrationRoutes, sendValidationError } from './integration-routes.js';
import { toOpenPayload } from './outbound.js';
import { applySettings, openMessagingState } from './state.js';

/**
 * Open Messaging: integration CRUD, the inbound endpoints, and the outbound webhook (World `outbound` events of
 * `open` conversations become signed POSTs). Control routes: `GET /emulator/open-messaging`,
 * `GET|PUT /emulator/open-messaging/settings`, `GET|DELETE /emulator/webhooks/deliveries`,
 * `POST /emulator/open-messaging/conversations/:id/receipt`. See docs/emulator-open-messaging.md.
 */
export const openMessagingRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const state = openMessagingState(ctx);

  await app.register(integrationRoutes, { ctx });
  await app.register(inboundRoutes, { ctx });
  await app.register(legacyInboundRoutes, { ctx });

  const onOutbound = (conversation: Conversation, message: StructuredMessageBody): void => {
    if (conversation.channel !== 'open') return;
    const integration = conversation.integrationId ? state.integrations.get(conversation.integrationId) : undefined;
    if (!integration || !conversation.customerId) {
      state.skipped.push({ messageId: message.id, conversationId: conversation.id, reason: 'unknown-integration' });
      return;
    }
    const mapped = toOpenPayload(message, conversation, integration, state.settings.outboundFrom, state.settings.richContent);
    if ('skip' in mapped) {
      state.skipped.push({ messageId: message.id, conversationId: conversation.id, reason: mapped.skip });
      return;
    }
    send(conversation, mapped.payload);
  };

  function send(conversation: Conversation, payload: OpenOutboundPayload): void {
    state.sent.set(payload.id, {
      integrationId: conversation.integrationId ?? '', conversationId: conversation.id, customerId: conversation.customerId ?? '', type: payload.type,
    });
    state.dispatcher.enqueue({ integrationId: conversation.integrationId ?? '', conversationId: conversation.id, payload });
  }

  ctx.world.on('outbound', onOutbound);
  app.addHook('onClose', async () => {
    ctx.world.off('outbound', onOutbound);
    state.dispatcher.close();
    await state.dispatcher.idle();
  });

  app.get('/emulator/open-messaging', async () => ({
    // A local dev tool: secrets are listed so the demo and tests can configure the server.
    integrations: state.integrations.list().map((r) => ({
      id: r.id, name: r.name, outboundNotificationWebhookUrl: r.outboundNotificationWebhookUrl,
      outboundNotificationWebhookSignatureSecretToken: r.outboundNotificationWebhookSignatureSecretToken,
      webhookHeaders: r.webhookHeaders ?? {}, createStatus: r.createStatus,
    })),
    settings: { ...state.settings },
    receipts: state.receipts,
    skipped: state.skipped,
  }));

  app.get('/emulator/open-messaging/settings', async () => ({ ...state.settings }));
  app.put('/emulator/open-messaging/settings', async (request, reply) => {
    const next = { ...state.settings };
    const problems = applySettings(next, request.body);
    if (problems.length > 0) return sendValidationError(reply, problems);
    Object.assign(state.settings, next);
    return { ...state.settings };
  });

  app.get('/emulator/webhooks/deliveries', async () => ({ deliveries: state.dispatcher.attempts }));
  app.delete('/emulator/webhooks/deliveries', async () => {
    state.dispatcher.clearLog();
    return { deliveries: [] };
  });

  // Genesys posting a Receipt for a guest message (UNCONFIRMED which receipts real Genesys sends).
  app.post<{ Params: { id: string } }>('/emulator/open-messaging/conversations/:id/receipt', async (request, reply) => {
    const conversation = ctx.world.getConversation(request.params.id);
    if (!conversation || conversation.channel !== 'open') return sendPlatformError(reply, 404, 'not.found', `open conversation ${request.params.id} not found`);
    const input = typeof request.body === 'object' && request.body !== null ? request.body as Record<string, unknown> : {};
    const status = input.status ?? 'Delivered';
    if (status !== 'Delivered' && status !== 'Failed' && status !== 'Sent') {
      return sendValidationError(reply, ['status must be Sent, Delivered or Failed']);
    }
    const guestMessages = conversation.messages.filter((m) => m.direction === 'Inbound');
    const messageId = typeof input.messageId === 'string' ? input.messageId : guestMessages[guestMessages.length - 1]?.id;
    const referenced = conversation.messages.find((m) => m.id === messageId && m.direction === 'Inbound');
    if (!messageId || !referenced) return sendValidationError(reply, ['messageId must name a guest message of this conversation']);
    const integration = state.integrations.get(conversation.integrationId ?? '');
    if (!integration) return sendPlatformError(reply, 404, 'not.found', 'the conversation\'s integration no longer exists');
    const payload: OpenOutboundPayload = {
      id: messageId,
      channel: {
        id: integration.id, platform: 'Open', type: 'Private', time: new Date().toISOString(), messageId: referenced.channel?.messageId ?? messageId,
        to: { id: conversation.customerId ?? '' }, from: { nickname: integration.name, id: integration.id, idType: 'Opaque' },
      },
      type: 'Receipt',
      status,
      isFinalReceipt: true,
      direction: 'Outbound',
    };
    state.dispatcher.enqueue({ integrationId: integration.id, conversationId: conversation.id, payload });
    return { payload };
  });
};
