import type { FastifyInstance } from 'fastify';
import { HISTORY_PAGE_SIZE, HISTORY_PATH, type HistoryPage } from '@genesys-chat/protocol/web-messaging.js';
import { sendPlatformError } from '../http-errors.js';
import { allowOrigin, anyDeploymentAllows, requestOrigin } from './cors.js';
import { originAllowed } from './origin.js';
import type { WebMessagingService } from './service.js';

/** Largest page Genesys serves. UNCONFIRMED; the Platform API's usual cap. */
export const MAX_HISTORY_PAGE_SIZE = 100;

function positiveInt(value: unknown, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** `GET /api/v2/webmessaging/messages`: the session's transcript, newest first, paged, for the getJwt bearer. */
export function registerHistory(app: FastifyInstance, service: WebMessagingService): void {
  app.options(HISTORY_PATH, async (request, reply) => {
    const origin = requestOrigin(request);
    if (!origin || !anyDeploymentAllows(service.ctx.world.deployments.values(), origin)) {
      return sendPlatformError(reply, 403, 'origin.not.allowed', 'Origin is not allowed');
    }
    allowOrigin(reply, origin);
    return reply.code(204).send();
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(HISTORY_PATH, async (request, reply) => {
    const origin = requestOrigin(request);
    const auth = request.headers.authorization;
    const jwt = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const claims = jwt ? service.jwt.verify(jwt) : null;
    if (!claims) {
      // Readable by the pages the preflight let through (no JWT says which deployment): a browser then sees the 401
      // and not an opaque network failure. Genesys' headers on a refusal are UNCONFIRMED.
      if (origin && anyDeploymentAllows(service.ctx.world.deployments.values(), origin)) allowOrigin(reply, origin);
      return sendPlatformError(reply, 401, 'bad.credentials', 'Invalid or expired token');
    }
    const deployment = service.deployment(claims.deploymentId);
    if (!deployment || !originAllowed(deployment, origin)) {
      return sendPlatformError(reply, 403, 'origin.not.allowed', 'Origin is not an allowed domain of this deployment');
    }
    if (origin) allowOrigin(reply, origin);
    const pageSize = positiveInt(request.query.pageSize, HISTORY_PAGE_SIZE);
    const pageNumber = positiveInt(request.query.pageNumber, 1);
    if (pageSize === null || pageSize > MAX_HISTORY_PAGE_SIZE) {
      return sendPlatformError(reply, 400, 'bad.request', `pageSize must be an integer from 1 to ${MAX_HISTORY_PAGE_SIZE}`);
    }
    if (pageNumber === null) return sendPlatformError(reply, 400, 'bad.request', 'pageNumber must be a positive integer');
    const session = service.sessions.getByKey(claims.sid);
    const messages = session?.conversation.messages ?? [];
    // Newest first: page n is the n-th run of pageSize counted back from the newest (only that page is copied).
    const end = Math.max(0, messages.length - (pageNumber - 1) * pageSize);
    const page: HistoryPage = {
      entities: messages.slice(Math.max(0, end - pageSize), end).reverse(),
      pageSize,
      pageNumber,
      total: messages.length,
      pageCount: Math.ceil(messages.length / pageSize),
    };
    return page;
  });
}
