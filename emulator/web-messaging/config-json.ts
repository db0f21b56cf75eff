import type { FastifyInstance } from 'fastify';
import type { DeploymentConfig } from '@genesys-chat/protocol/web-messaging.js';
import type { WorldDeployment } from '../world-file.js';
import { sendPlatformError } from '../http-errors.js';
import type { WebMessagingService } from './service.js';
import { decoratePublicConfig } from '../control/deployment-settings.js';

/** The public deployment config (what api-cdn serves), built from the world's deployment. */
export function deploymentConfig(deployment: WorldDeployment, baseUrl: string): DeploymentConfig {
  const wsUrl = baseUrl.replace(/^http/, 'ws');
  const messenger = structuredClone(deployment.messenger ?? { enabled: false });
  messenger.apps = messenger.apps ?? {};
  messenger.apps.conversations = { ...(messenger.apps.conversations ?? {}), messagingEndpoint: wsUrl };
  const languages = deployment.languages ?? ['en-us'];
  return decoratePublicConfig({
    id: deployment.id,
    version: '1',
    languages,
    defaultLanguage: deployment.defaultLanguage ?? languages[0] ?? 'en-us',
    apiEndpoint: baseUrl,
    status: deployment.status,
    headlessMode: { enabled: true },
    messenger,
    journeyEvents: { enabled: false },
    auth: { enabled: deployment.auth?.enabled === true, allowSessionUpgrade: deployment.auth?.allowSessionUpgrade === true },
  }, deployment, baseUrl);
}

/** `GET /webdeployments/v1/deployments/:id/config.json`: public (api-cdn answers any origin). */
export function registerConfigJson(app: FastifyInstance, service: WebMessagingService): void {
  app.get<{ Params: { id: string } }>('/webdeployments/v1/deployments/:id/config.json', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    const deployment = service.deployment(request.params.id);
    if (!deployment) return sendPlatformError(reply, 404, 'not.found', `Deployment ${request.params.id} not found`);
    reply.header('Cache-Control', 'no-cache');
    return deploymentConfig(deployment, service.ctx.publicUrl());
  });
  app.options('/webdeployments/v1/deployments/:id/config.json', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*').header('Access-Control-Allow-Methods', 'GET, OPTIONS').code(204).send();
  });
}
