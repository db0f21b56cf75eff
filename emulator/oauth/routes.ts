import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.js';
import type { OAuthErrorResponse, OAuthTokenResponse } from '@genesys-chat/protocol/open-messaging.js';
import { OAUTH_TOKEN_PATH } from '@genesys-chat/protocol/open-messaging.js';
import { sendPlatformError } from '../http-errors.js';
import { answerPlatformFault, platformDelay } from '../platform/guard.js';
import { tokenStoreFor } from './tokens.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Client id and secret from `Authorization: Basic base64(id:secret)`, or null. */
function basicCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  const body: OAuthErrorResponse = { error, description, error_description: description };
  return reply.code(status).header('cache-control', 'no-store').type('application/json').send(body);
}

/**
 * `POST /oauth/token` (client credentials, HTTP Basic, form `grant_type=client_credentials`) and its control routes:
 * `GET /emulator/oauth/stats`, `DELETE /emulator/oauth/stats`, `GET /emulator/oauth/clients`,
 * `PUT /emulator/oauth/clients/:clientId`, `POST /emulator/oauth/expire`.
 */
export const oauthRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const tokens = tokenStoreFor(ctx);

  if (!app.hasContentTypeParser(FORM_TYPE)) {
    app.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
  }

  app.post(OAUTH_TOKEN_PATH, async (request, reply) => {
    tokens.stats.tokenRequests += 1;
    await platformDelay(ctx);
    // Faults reach the token endpoint only when their `path` filter names it, so a plain fault hits the API call.
    const fault = ctx.faults.active.platform;
    if (fault?.path !== undefined && answerPlatformFault(ctx, request.url.split('?')[0] ?? request.url, reply)) {
      tokens.stats.tokenRequestsRejected += 1;
      return reply;
    }
    const credentials = basicCredentials(request);
    const client = credentials ? tokens.authenticate(credentials.clientId, credentials.clientSecret) : null;
    if (!client) {
      tokens.stats.tokenRequestsRejected += 1;
      return oauthError(reply, 401, 'invalid_client', 'client authentication failed (HTTP Basic with a known client id and secret)');
    }
    const isForm = (request.headers['content-type'] ?? '').toLowerCase().startsWith(FORM_TYPE);
    const form = request.body;
    const grant = isForm && typeof form === 'object' && form !== null ? (form as Record<string, unknown>).grant_type : undefined;
    if (grant !== 'client_credentials') {
      tokens.stats.tokenRequestsRejected += 1;
      const hint = isForm ? 'grant_type must be client_credentials' : `send grant_type=client_credentials as ${FORM_TYPE}`;
      return oauthError(reply, 400, 'unsupported_grant_type', hint);
    }
    const { token, expiresIn } = tokens.issue(client);
    tokens.stats.tokensIssued += 1;
    const body: OAuthTokenResponse = { access_token: token, token_type: 'bearer', expires_in: expiresIn };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get('/emulator/oauth/stats', async () => ({ ...tokens.stats }));
  app.delete('/emulator/oauth/stats', async () => {
    tokens.resetStats();
    return { ...tokens.stats };
  });

  app.get('/emulator/oauth/clients', async () => ({ clients: tokens.listClients() }));

  app.put<{ Params: { clientId: string } }>('/emulator/oauth/clients/:clientId', async (request, reply) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null) return sendPlatformError(reply, 400, 'bad.request', 'body must be a JSON object');
    const { clientSecret, name, accessTokenValiditySeconds } = body as Record<string, unknown>;
    const existing = tokens.listClients().find((c) => c.clientId === request.params.clientId);
    const secret = clientSecret ?? existing?.clientSecret;
    const validity = accessTokenValiditySeconds ?? existing?.accessTokenValiditySeconds ?? 86_400;
    if (typeof secret !== 'string' || secret.length === 0) return sendPlatformError(reply, 400, 'bad.request', 'clientSecret must be a non-empty string');
    if (typeof validity !== 'number' || !Number.isInteger(validity) || validity < 1) {
      return sendPlatformError(reply, 400, 'bad.request', 'accessTokenValiditySeconds must be a positive integer');
    }
    const clientName = typeof name === 'string' ? name : existing?.name ?? request.params.clientId;
    tokens.putClient({ clientId: request.params.clientId, clientSecret: secret, name: clientName, accessTokenValiditySeconds: validity });
    return { clientId: request.params.clientId, name: clientName, accessTokenValiditySeconds: validity };
  });

  app.post('/emulator/oauth/expire', async () => ({ expired: tokens.expireAll() }));
};
