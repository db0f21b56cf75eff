/**
 * The token endpoint: `POST /api/session` (new or resumed session) and `POST /api/session/renew`.
 * Hands out the server's own signed session token; never a Genesys token.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  GATEWAY_RENEW_PATH, GATEWAY_SESSION_PATH, GATEWAY_SOCKET_PATH, type GatewaySessionRequest, type GatewaySessionResponse,
} from '@genesys-chat/protocol/gateway.js';
import { rateLimitHook, type RateLimiter } from './http-guards.js';
import type { Log } from './oauth.js';
import type { Guest, Session, SessionStore, SessionTokens, VerifiedCustomer } from './session.js';

/** Maps a request (e.g. the site's session cookie) to a verified customer, or null for an anonymous guest. */
export type Authenticate = (request: FastifyRequest) => Promise<VerifiedCustomer | null>;

export interface SessionRoutesOptions {
  store: SessionStore;
  tokens: SessionTokens;
  limiter: RateLimiter;
  log: Log;
  /** Token lifetime. Default 900 s. */
  tokenTtlSeconds: number;
  /** How long after expiry a token may still resume its session through `resumeToken`. Default 24 h. */
  resumeWindowSeconds: number;
  authenticate?: Authenticate;
  /** Public base URL of this server (behind a proxy); otherwise derived from the request. */
  publicUrl?: string;
}

const sessionBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    skill: { type: 'string', maxLength: 200 },
    displayName: { type: 'string', maxLength: 100 },
    customAttributes: {
      type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: 1000 },
      propertyNames: { maxLength: 100 },
    },
    resumeToken: { type: 'string', maxLength: 4096 },
  },
} as const;

const renewBody = {
  type: 'object', additionalProperties: false, required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 4096 } },
} as const;

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, options) => {
  const { store, tokens, log } = options;
  const limit = rateLimitHook(options.limiter);

  const baseUrl = (request: FastifyRequest) => options.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;

  const respond = (request: FastifyRequest, session: Session, resumed: boolean): GatewaySessionResponse => {
    const exp = Math.floor(Date.now() / 1000) + options.tokenTtlSeconds;
    const base = baseUrl(request);
    return {
      sessionId: session.sessionId,
      guestId: session.guestId,
      token: tokens.sign({ sid: session.sessionId, gid: session.guestId, exp }),
      expiresIn: options.tokenTtlSeconds,
      websocketUrl: `${base.replace(/^http/, 'ws')}${GATEWAY_SOCKET_PATH}`,
      renewUrl: `${base}${GATEWAY_RENEW_PATH}`,
      resumed,
    };
  };

  const identify = async (request: FastifyRequest, reply: FastifyReply): Promise<VerifiedCustomer | null | 'failed'> => {
    if (!options.authenticate) return null;
    try {
      return await options.authenticate(request);
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'authenticate hook failed');
      await reply.code(500).send({ error: 'server', message: 'Could not check who you are.' });
      return 'failed';
    }
  };

  /** The session `resumeToken` may continue, if it belongs to the same (or no) verified customer. */
  const resumable = (resumeToken: string | undefined, customer: VerifiedCustomer | null): { session: Session; guest: Guest } | null => {
    if (!resumeToken) return null;
    const claims = tokens.verify(resumeToken, options.resumeWindowSeconds * 1000);
    if (!claims) return null;
    const session = store.session(claims.sid);
    const guest = store.guest(claims.gid);
    if (!session || !guest || session.guestId !== guest.guestId) return null;
    const expectedGuest = customer ? tokens.guestIdFor(customer.id) : null;
    if (customer ? guest.guestId !== expectedGuest : guest.customer !== undefined) return null;
    return { session, guest };
  };

  app.post<{ Body: GatewaySessionRequest }>(GATEWAY_SESSION_PATH, { schema: { body: sessionBody }, preHandler: limit }, async (request, reply) => {
    const customer = await identify(request, reply);
    if (customer === 'failed') return reply;
    const body = request.body ?? {};
    const existing = resumable(body.resumeToken, customer);
    if (existing) {
      store.create({
        guestId: existing.guest.guestId,
        ...(body.skill !== undefined ? { skill: body.skill } : {}),
        ...(body.customAttributes ? { customAttributes: body.customAttributes } : {}),
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(customer ? { customer } : {}),
      });
      return respond(request, existing.session, true);
    }
    const { session } = store.create({
      ...(body.skill !== undefined ? { skill: body.skill } : {}),
      ...(body.customAttributes ? { customAttributes: body.customAttributes } : {}),
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(customer ? { customer, guestId: tokens.guestIdFor(customer.id) } : {}),
    });
    log.info({ session: session.sessionId, verified: Boolean(customer) }, 'gateway session created');
    return respond(request, session, false);
  });

  app.post<{ Body: { token: string } }>(GATEWAY_RENEW_PATH, { schema: { body: renewBody }, preHandler: limit }, async (request, reply) => {
    const claims = tokens.verify(request.body.token);
    const session = claims ? store.session(claims.sid) : undefined;
    const guest = session ? store.guest(session.guestId) : undefined;
    if (!claims || !session || !guest) {
      return reply.code(401).send({ error: 'unauthorized', message: 'The token is invalid or expired; start a new session.' });
    }
    if (guest.customer) {
      // A verified session stays verified only while the site still says who the customer is.
      const customer = await identify(request, reply);
      if (customer === 'failed') return reply;
      if (!customer || tokens.guestIdFor(customer.id) !== guest.guestId) {
        return reply.code(401).send({ error: 'unauthorized', message: 'The signed-in customer changed; start a new session.' });
      }
    }
    return respond(request, session, true);
  });
};
