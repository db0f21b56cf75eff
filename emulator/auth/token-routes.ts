import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { sendPlatformError } from '../http-errors.js';
import { bearerToken } from '../platform/guard.js';
import { identityProvider, isFailure } from './idp.js';
import { webDeploymentTokens } from './web-deployment-tokens.js';
import { allowOrigin, anyDeploymentAllows, requestOrigin } from '../web-messaging/cors.js';

const BASE = '/api/v2/webdeployments/token';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return sendPlatformError(reply, 400, 'bad.request', message);
}

/**
 * The web deployment token endpoints (WebDeploymentsApi; no Platform permissions, no OAuth client): the exchange of
 * an authorization code from the site's identity provider for a deployment JWT and refresh token, refresh, revoke.
 * Genesys redeems the code at the IdP itself; here the IdP lives in the same process (emulator/auth/idp.ts).
 */
export const tokenRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const idp = identityProvider(ctx);
  const tokens = webDeploymentTokens(ctx);
  const authDeployments = () => [...ctx.world.deployments.values()].filter((d) => d.auth?.enabled === true);

  // Browsers call these from the site: CORS for the origins an authenticated deployment allows.
  app.addHook('onRequest', async (request, reply) => {
    const origin = requestOrigin(request);
    if (origin && anyDeploymentAllows(authDeployments(), origin)) allowOrigin(reply, origin, 'POST, DELETE, OPTIONS');
  });
  for (const path of ['oauthcodegrantjwtexchange', 'refresh', 'revoke']) {
    app.options(`${BASE}/${path}`, async (request, reply) => {
      const origin = requestOrigin(request);
      if (!origin || !anyDeploymentAllows(authDeployments(), origin)) return sendPlatformError(reply, 403, 'origin.not.allowed', 'Origin is not allowed');
      return reply.code(204).send();
    });
  }

  app.post(`${BASE}/oauthcodegrantjwtexchange`, async (request, reply) => {
    const body = request.body;
    if (!isRecord(body)) return badRequest(reply, 'body must be a WebDeploymentsOAuthExchangeRequest');
    const deploymentId = body.deploymentId;
    if (typeof deploymentId !== 'string' || !deploymentId) return badRequest(reply, 'deploymentId is required');
    const deployment = ctx.world.deployments.get(deploymentId);
    if (!deployment) return sendPlatformError(reply, 404, 'not.found', `deployment ${deploymentId} not found`);
    if (deployment.auth?.enabled !== true) return badRequest(reply, `deployment ${deploymentId} does not have authentication enabled`);
    const oauth = body.oauth;
    if (!isRecord(oauth)) return badRequest(reply, 'oauth is required');
    if (typeof oauth.redirectUri !== 'string' || !oauth.redirectUri) return badRequest(reply, 'oauth.redirectUri is required');
    if (oauth.iss !== undefined && oauth.iss !== idp.issuer()) return badRequest(reply, 'oauth.iss is not the identity provider of this deployment');
    if (oauth.maxAge !== undefined && (typeof oauth.maxAge !== 'number' || oauth.maxAge < 0)) return badRequest(reply, 'oauth.maxAge must be a non-negative number');
    const redeemed = idp.redeem({ code: oauth.code, redirectUri: oauth.redirectUri, codeVerifier: oauth.codeVerifier });
    if (isFailure(redeemed)) return badRequest(reply, `authorization code rejected: ${redeemed.description}`);
    // The nonce the site sent to the IdP must come back with the code (replay protection).
    if ((redeemed.nonce ?? undefined) !== (typeof oauth.nonce === 'string' ? oauth.nonce : undefined)) {
      return badRequest(reply, 'oauth.nonce does not match the nonce of the authorization request');
    }
    return reply.header('Cache-Control', 'no-store').send(tokens.signIn(deploymentId, redeemed.user));
  });

  app.post(`${BASE}/refresh`, async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    if (typeof body.refreshToken !== 'string' || typeof body.deploymentId !== 'string') {
      return badRequest(reply, 'refreshToken and deploymentId are required');
    }
    const refreshed = tokens.refresh(body.refreshToken, body.deploymentId);
    if ('problem' in refreshed) {
      if (refreshed.problem === 'deployment') return badRequest(reply, 'deploymentId does not match the refresh token');
      return sendPlatformError(reply, 401, 'bad.credentials', refreshed.problem === 'revoked' ? 'refresh token revoked' : 'invalid refresh token');
    }
    return reply.header('Cache-Control', 'no-store').send(refreshed);
  });

  app.delete(`${BASE}/revoke`, async (request, reply) => {
    const jwt = bearerToken(request);
    if (!jwt) return sendPlatformError(reply, 401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
    if (!tokens.revoke(jwt)) return sendPlatformError(reply, 401, 'bad.credentials', 'Invalid login credentials.');
    return reply.code(204).send();
  });
};
