import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isRecord, type MessageContent } from '@genesys-chat/protocol/web-messaging.js';
import { MAX_AGENT_TEXT_LENGTH } from '@genesys-chat/protocol/open-messaging.js';
import type { EmulatorContext } from '../context.js';
import { WorldError, type Conversation } from '../world.js';
import { integrationStoreFor } from '../open-messaging/integrations.js';
import { tokenStoreFor } from '../oauth/tokens.js';
import { FaultsValidationError, parseFaultsBody } from '../faults.js';
import { attachmentStore } from '../attachments.js';
import { sendPlatformError } from '../http-errors.js';
import { deploymentSettings, patchDeploymentSettings, registerAssets } from './deployment-settings.js';
import { knowledgeStoreFor } from '../knowledge/store.js';

/** A conversation as the control API shows it. */
export function conversationView(c: Conversation): Record<string, unknown> {
  return {
    id: c.id, channel: c.channel, deploymentId: c.deploymentId ?? null, integrationId: c.integrationId ?? null,
    sessionToken: c.sessionToken ?? null, customerId: c.customerId ?? null, customer: c.customer ?? null,
    customAttributes: c.customAttributes, state: c.state, readOnly: c.readOnly === true, queueId: c.queueId ?? null,
    agentId: c.agentId ?? null, createdAt: c.createdAt, messages: c.messages, authenticated: c.authenticated ?? null,
  };
}

/**
 * The world as a local dev tool needs it: Open Messaging integrations and OAuth clients with their ids and secrets
 * (live state, so PATCHed webhook URLs and changed lifetimes show), so the demo and tests can read them.
 */
function worldView(ctx: EmulatorContext): Record<string, unknown> {
  const file = ctx.world.file;
  return {
    deployments: file.deployments.map((d) => ({
      id: d.id, name: d.name ?? d.id, status: d.status, allowedDomains: d.allowedDomains,
      defaultQueueId: d.defaultQueueId ?? null, botId: d.botId ?? null, auth: d.auth ?? null,
    })),
    queues: file.queues,
    agents: file.agents,
    bots: (file.bots ?? []).map((b) => ({ id: b.id, name: b.name, nickname: b.nickname })),
    openMessaging: {
      integrations: integrationStoreFor(ctx).list().map((i) => ({
        id: i.id, name: i.name, outboundNotificationWebhookUrl: i.outboundNotificationWebhookUrl,
        outboundNotificationWebhookSignatureSecretToken: i.outboundNotificationWebhookSignatureSecretToken,
      })),
    },
    oauthClients: tokenStoreFor(ctx).listClients(),
    identityProvider: file.identityProvider ?? null,
    scheduleGroups: file.scheduleGroups ?? [],
    knowledgeBases: (file.knowledgeBases ?? []).map((kb) => ({
      id: kb.id, name: kb.name, coreLanguage: kb.coreLanguage, categories: kb.categories.length, documents: kb.documents.length,
      deploymentIds: file.deployments.filter((d) => d.messenger?.apps?.knowledge?.knowledgeBase?.id === kb.id).map((d) => d.id),
    })),
  };
}

/** Reads `{text?, content?, agentName?}`; throws WorldError(400) with the reason. */
function agentMessage(body: unknown): { text?: string; content?: MessageContent[]; agentName?: string } {
  if (!isRecord(body)) throw new WorldError('body must be a JSON object with text or content');
  const message: { text?: string; content?: MessageContent[]; agentName?: string } = {};
  if (body.text !== undefined) {
    if (typeof body.text !== 'string') throw new WorldError('text must be a string');
    if ([...body.text].length > MAX_AGENT_TEXT_LENGTH) throw new WorldError(`text is longer than ${MAX_AGENT_TEXT_LENGTH} characters`);
    message.text = body.text;
  }
  if (body.content !== undefined) {
    if (!Array.isArray(body.content) || !body.content.every((c) => isRecord(c) && typeof c.contentType === 'string')) {
      throw new WorldError('content must be an array of items with a contentType');
    }
    message.content = body.content as MessageContent[];
  }
  if (body.agentName !== undefined) {
    if (typeof body.agentName !== 'string') throw new WorldError('agentName must be a string');
    message.agentName = body.agentName;
  }
  if (!message.text && !message.content?.length) throw new WorldError('a message needs text or content');
  return message;
}

function registerAttachmentUpload(scope: FastifyInstance, ctx: EmulatorContext): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  scope.post<{ Querystring: { filename?: string; mime?: string } }>('/emulator/attachments', async (request, reply) => {
    const { filename, mime } = request.query;
    if (!filename || !mime) return sendPlatformError(reply, 400, 'bad.request', 'filename and mime query parameters are required');
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(mime)) return sendPlatformError(reply, 400, 'bad.request', 'mime must look like type/subtype');
    const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (data.length === 0) return sendPlatformError(reply, 400, 'bad.request', 'the body (file bytes) is empty');
    const store = attachmentStore(ctx);
    const described = store.describe(store.put(filename, mime, data));
    return reply.code(201).send({ id: described.id, url: described.url, mime: described.mime, filename: described.filename, mediaType: described.mediaType });
  });
}

/** Control API under /emulator (not a Genesys surface): world, conversations, agent actions, attachments, faults. */
export const controlRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const { world, faults } = ctx;

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof WorldError || error instanceof FaultsValidationError) {
      const status = error instanceof WorldError ? error.status : 400;
      return sendPlatformError(reply, status, status === 404 ? 'not.found' : status === 409 ? 'conflict' : 'bad.request', error.message);
    }
    const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    const message = status < 500 && error instanceof Error ? error.message : 'internal error';
    return sendPlatformError(reply, status, status < 500 ? 'bad.request' : 'internal.server.error', message);
  });

  app.get('/emulator/health', async () => ({ status: 'ok' }));
  app.get('/emulator/world', async () => worldView(ctx));
  app.get('/emulator/conversations', async () => world.conversations().map(conversationView));
  app.get<{ Params: { id: string } }>('/emulator/conversations/:id', async (request) =>
    conversationView(world.requireConversation(request.params.id)));

  app.post<{ Params: { id: string } }>('/emulator/conversations/:id/agent/messages', async (request, reply) => {
    const message = world.agentSend(request.params.id, agentMessage(request.body));
    return reply.code(201).send(message);
  });
  app.post<{ Params: { id: string } }>('/emulator/conversations/:id/agent/typing', async (request) => {
    world.agentTyping(request.params.id);
    return { ok: true };
  });
  app.post<{ Params: { id: string } }>('/emulator/conversations/:id/agent/take', async (request) => {
    const body: unknown = request.body ?? {};
    const agentId = isRecord(body) ? body.agentId : undefined;
    if (agentId !== undefined && typeof agentId !== 'string') throw new WorldError('agentId must be a string');
    return conversationView(world.takeConversation(request.params.id, agentId));
  });
  app.post<{ Params: { id: string } }>('/emulator/conversations/:id/agent/disconnect', async (request) => {
    world.agentDisconnect(request.params.id);
    return conversationView(world.requireConversation(request.params.id));
  });

  app.get('/emulator/faults', async () => faults.active);
  app.post('/emulator/faults', async (request) => {
    faults.apply(parseFaultsBody(request.body));
    return faults.active;
  });
  app.delete('/emulator/faults', async () => {
    faults.clear();
    return faults.active;
  });

  // A deployment's Messenger settings, changed at run time (JSON merge patch; config.json serves the result at once).
  app.get<{ Params: { id: string } }>('/emulator/deployments/:id', async (request) => {
    const deployment = world.deployments.get(request.params.id);
    if (!deployment) throw new WorldError(`deployment ${request.params.id} not found`, 404);
    return deploymentSettings(deployment);
  });
  app.patch<{ Params: { id: string } }>('/emulator/deployments/:id', async (request) =>
    deploymentSettings(patchDeploymentSettings(ctx, request.params.id, request.body)));

  // What guests did in the knowledge base (views, feedback, presentations, copies, searches), for tests and the desk.
  app.get<{ Querystring: { deploymentId?: string } }>('/emulator/knowledge/activity', async (request) =>
    knowledgeStoreFor(ctx).activity(request.query.deploymentId));

  registerAssets(app);
  await app.register(async (scope) => registerAttachmentUpload(scope, ctx));
};
