import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { OPEN_INTEGRATIONS_PATH } from '@genesys-chat/protocol/open-messaging.js';
import type { EmulatorContext } from '../context.js';
import { platformError, sendPlatformError } from '../http-errors.js';
import { platformGuard } from '../platform/guard.js';
import { integrationView, parseIntegrationFields } from './integrations.js';
import { openMessagingState } from './state.js';

/** A 400 with every validation problem: joined in `message`, one entry each in `errors`. */
export function sendValidationError(reply: FastifyReply, problems: string[]): FastifyReply {
  const body = platformError(400, 'bad.request', problems.join('; '));
  body.errors = problems.map((message) => ({ code: 'bad.request', message }));
  return reply.code(400).type('application/json').send(body);
}

function positiveInt(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 ? value : null;
}

/** Integration CRUD under `/api/v2/conversations/messaging/integrations/open` (spec §1.1), bearer token required. */
export const integrationRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const { integrations } = openMessagingState(ctx);
  const guard = platformGuard(ctx);
  const notFound = (reply: FastifyReply, id: string) => sendPlatformError(reply, 404, 'not.found', `open integration ${id} not found`);

  app.post(OPEN_INTEGRATIONS_PATH, { onRequest: guard }, async (request, reply) => {
    const parsed = parseIntegrationFields(request.body, 'create');
    if ('problems' in parsed) return sendValidationError(reply, parsed.problems);
    const { outboundNotificationWebhookUrl: url, outboundNotificationWebhookSignatureSecretToken: secret } = parsed.fields;
    if (url === undefined || secret === undefined) return sendValidationError(reply, ['webhook url and secret are required']);
    const record = integrations.create({ ...parsed.fields, outboundNotificationWebhookUrl: url, outboundNotificationWebhookSignatureSecretToken: secret });
    return reply.code(200).send(integrationView(record));
  });

  app.get<{ Querystring: { pageSize?: string; pageNumber?: string } }>(OPEN_INTEGRATIONS_PATH, { onRequest: guard }, async (request, reply) => {
    const pageSize = positiveInt(request.query.pageSize, 25);
    const pageNumber = positiveInt(request.query.pageNumber, 1);
    if (pageSize === null || pageNumber === null) return sendValidationError(reply, ['pageSize and pageNumber must be positive integers']);
    const all = integrations.list();
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
    const uri = (n: number) => `${OPEN_INTEGRATIONS_PATH}?pageSize=${pageSize}&pageNumber=${n}`;
    const listing: Record<string, unknown> = {
      entities: page.map((record) => integrations.completeOnRead(record)),
      pageSize, pageNumber, total: all.length, pageCount,
      firstUri: uri(1), lastUri: uri(pageCount), selfUri: uri(pageNumber),
    };
    if (pageNumber < pageCount) listing.nextUri = uri(pageNumber + 1);
    if (pageNumber > 1) listing.previousUri = uri(pageNumber - 1);
    return listing;
  });

  app.get<{ Params: { id: string } }>(`${OPEN_INTEGRATIONS_PATH}/:id`, { onRequest: guard }, async (request, reply) => {
    const record = integrations.get(request.params.id);
    return record ? integrations.completeOnRead(record) : notFound(reply, request.params.id);
  });

  app.patch<{ Params: { id: string } }>(`${OPEN_INTEGRATIONS_PATH}/:id`, { onRequest: guard }, async (request, reply) => {
    if (!integrations.get(request.params.id)) return notFound(reply, request.params.id);
    const parsed = parseIntegrationFields(request.body, 'update');
    if ('problems' in parsed) return sendValidationError(reply, parsed.problems);
    const record = integrations.update(request.params.id, parsed.fields);
    return record ? integrationView(record) : notFound(reply, request.params.id);
  });

  app.delete<{ Params: { id: string } }>(`${OPEN_INTEGRATIONS_PATH}/:id`, { onRequest: guard }, async (request, reply) => {
    if (!integrations.delete(request.params.id)) return notFound(reply, request.params.id);
    return reply.code(204).send();
  });
};
