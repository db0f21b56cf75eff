import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { webMessagingService } from '../web-messaging/service.js';
import { idpRoutes } from './idp-routes.js';
import { logOut } from './session-auth.js';
import { tokenRoutes } from './token-routes.js';
import { webDeploymentTokens } from './web-deployment-tokens.js';

/**
 * Authenticated Web Messaging (web-messaging.md §2.8), emulator side: the site's OpenID Connect provider (`/idp`),
 * Genesys' web deployment token endpoints, and sign-out reaching the guest sockets. `configureAuthenticatedSession`
 * itself is a guest socket action (session-auth.ts, dispatched by the Web Messaging surface).
 */
export const authPlugin: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const tokens = webDeploymentTokens(ctx);
  const service = webMessagingService(ctx);
  tokens.onRevoke = (loginId) => logOut(service, loginId);
  app.addHook('onClose', async () => {
    tokens.onRevoke = null;
  });
  await app.register(idpRoutes, { ctx });
  await app.register(tokenRoutes, { ctx });
};
