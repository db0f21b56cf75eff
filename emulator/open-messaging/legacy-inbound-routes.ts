import type { FastifyPluginAsync } from 'fastify';
import { OPEN_LEGACY_INBOUND_PATH, type OpenNormalizedMessage, type OpenRecipient } from '@genesys-chat/protocol/open-messaging.js';
import type { EmulatorContext } from '../context.js';
import { platformGuard } from '../platform/guard.js';
import { sendValidationError } from './integration-routes.js';
import { acceptMessage, acceptReceipt, responseChannel } from './inbound-core.js';
import { openMessagingState } from './state.js';
import { validateLegacyInbound } from './validate.js';

/**
 * The deprecated single inbound endpoint `POST /api/v2/conversations/messages/inbound/open` (SDK
 * `postConversationsMessagesInboundOpen`, deprecated since v211.1.0, not removed), which Genesys' Slack and Ionic
 * blueprints still call. It takes an `OpenNormalizedMessage` whose `channel.to.id` names the integration and answers
 * with the normalized message, `direction` included, as the blueprints store it (spec §2.6).
 */
export const legacyInboundRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const state = openMessagingState(ctx);
  const guard = platformGuard(ctx);

  app.post(OPEN_LEGACY_INBOUND_PATH, { onRequest: guard }, async (request, reply) => {
    const checked = validateLegacyInbound(request.body, ctx.options.maxMessageLength);
    if (!checked.ok) return sendValidationError(reply, checked.problems);
    const body = checked.value;
    const integrationId = body.channel.to?.id ?? '';
    const integration = state.integrations.get(integrationId);
    // UNCONFIRMED: Genesys' answer for an unknown integration here; the per-integration endpoints answer 404.
    if (!integration) return sendValidationError(reply, [`channel.to.id ${integrationId} is not an open messaging integration`]);
    const from = body.channel.from as OpenRecipient;
    const channel = { from, time: body.channel.time, ...(body.channel.messageId ? { messageId: body.channel.messageId } : {}) };

    if (body.type === 'Receipt') {
      const id = body.id ?? '';
      const problem = acceptReceipt(ctx, state, integration.id, {
        id, customerId: from.id, status: body.status ?? 'Delivered',
        ...(body.reasons ? { reasons: body.reasons } : {}),
        ...(body.isFinalReceipt !== undefined ? { isFinalReceipt: body.isFinalReceipt } : {}),
      });
      if (problem) return sendValidationError(reply, [problem]);
      const answer: OpenNormalizedMessage = {
        id, channel: responseChannel(integration, channel), type: 'Receipt', direction: body.direction ?? 'Outbound',
      };
      if (body.status) answer.status = body.status;
      if (body.reasons) answer.reasons = body.reasons;
      if (body.isFinalReceipt !== undefined) answer.isFinalReceipt = body.isFinalReceipt;
      return answer;
    }

    const attachments = (body.content ?? []).map((item) => ({ ...item.attachment }));
    const { id } = acceptMessage(ctx, integration.id, {
      ...channel, attachments,
      ...(body.text ? { text: body.text } : {}),
      ...(body.metadata ? { metadata: body.metadata } : {}),
    });
    const answer: OpenNormalizedMessage = { id, channel: responseChannel(integration, channel), type: 'Text', direction: 'Inbound' };
    if (body.text) answer.text = body.text;
    if (attachments.length > 0) answer.content = attachments.map((attachment) => ({ contentType: 'Attachment', attachment }));
    if (body.metadata) answer.metadata = { ...body.metadata };
    return answer;
  });
};
