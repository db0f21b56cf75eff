/**
 * The token endpoint: `POST /api/session` (new or resumed session) and `POST /api/session/renew`.
 * Hands out the server's own signed session token; never a Genesys token.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  GATEWAY_RENEW_PATH, GATEWAY_SESSION_PATH, GATEWAY_SOCKET_PATH, GATEWAY_UPLOAD_PATH, type GatewaySessionRequest,
  type GatewaySessionResponse,
} from '@genesys-chat/protocol/gateway.js';
import { rateLimitHook, type HitLimiter } from './http-guards.js';
import type { Log } from './oauth.js';
import { tokenProfile, type Session, type SessionClaims, type SessionStore, type SessionTokens, type VerifiedCustomer } from './session.js';
import type { GuestProfile } from './store.js';

/** Maps a request (e.g. the site's session cookie) to a verified customer, or null for an anonymous guest. */
export type Authenticate = (request: FastifyRequest) => Promise<VerifiedCustomer | null>;

export interface SessionRoutesOptions {
  store: SessionStore;
  tokens: SessionTokens;
  limiter: HitLimiter;
  log: Log;
  /** Token lifetime. Default 900 s. */
  tokenTtlSeconds: number;
  /** How long after expiry a token may still resume its session through `resumeToken`. Default 24 h. */
  resumeWindowSeconds: number;
  authenticate?: Authenticate;
  /** Public base URL of this server (behind a proxy); otherwise derived from the request. */
  publicUrl?: string;
  /** The server takes uploads: answers carry `uploadUrl`. */
  uploads?: boolean;
}

/** This server's base URL as pages (and Genesys) reach it: `publicUrl`, else the request's own scheme and host. */
export function publicBaseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
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

  const respond = (request: FastifyRequest, session: Session, profile: GuestProfile, resumed: boolean): GatewaySessionResponse => {
    const exp = Math.floor(Date.now() / 1000) + options.tokenTtlSeconds;
    const base = publicBaseUrl(request, options.publicUrl);
    return {
      sessionId: session.sessionId,
      guestId: session.guestId,
      // The token carries the guest's routing data: a server that lost its memory recreates the same guest from it.
      token: tokens.sign({ sid: session.sessionId, gid: session.guestId, exp, p: tokenProfile(profile) }),
      expiresIn: options.tokenTtlSeconds,
      websocketUrl: `${base.replace(/^http/, 'ws')}${GATEWAY_SOCKET_PATH}`,
      renewUrl: `${base}${GATEWAY_RENEW_PATH}`,
      resumed,
      ...(options.uploads ? { uploadUrl: `${base}${GATEWAY_UPLOAD_PATH}` } : {}),
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

  /**
   * The session `resumeToken` may continue, if it belongs to the same (or no) verified customer. A session or guest
   * the store no longer knows (a restart without Redis) is recreated from the signed token: same session, same
   * guest id, so the same Genesys conversation.
   */
  const resumable = async (resumeToken: string | undefined, customer: VerifiedCustomer | null): Promise<{ claims: SessionClaims; profile: GuestProfile | undefined } | null> => {
    if (!resumeToken) return null;
    const claims = tokens.verify(resumeToken, options.resumeWindowSeconds * 1000);
    if (!claims) return null;
    const session = await store.session(claims.sid);
    if (session && session.guestId !== claims.gid) return null;
    const profile = await store.profile(claims.gid);
    const expectedGuest = customer ? tokens.guestIdFor(customer.id) : null;
    if (customer ? claims.gid !== expectedGuest : claims.gid.startsWith('v-') || profile?.customer !== undefined) return null;
    return { claims, profile: profile?.placeholder ? undefined : profile };
  };

  app.post<{ Body: GatewaySessionRequest }>(GATEWAY_SESSION_PATH, { schema: { body: sessionBody }, preHandler: limit }, async (request, reply) => {
    const customer = await identify(request, reply);
    if (customer === 'failed') return reply;
    const body = request.body ?? {};
    const existing = await resumable(body.resumeToken, customer);
    if (existing) {
      const { claims, profile } = existing;
      // Recreated from the token when the store lost the guest; the request's routing data wins either way.
      const { session, profile: updated } = await store.create({
        guestId: claims.gid,
        sessionId: claims.sid,
        ...(profile ? {} : { restored: true }),
        ...(profile ? {} : { ...(claims.p?.s !== undefined ? { skill: claims.p.s } : {}), ...(claims.p?.a ? { customAttributes: claims.p.a } : {}), ...(claims.p?.n !== undefined ? { displayName: claims.p.n } : {}) }),
        ...(body.skill !== undefined ? { skill: body.skill } : {}),
        ...(body.customAttributes ? { customAttributes: { ...(profile ? {} : claims.p?.a), ...body.customAttributes } } : {}),
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(customer ? { customer } : {}),
      });
      if (!profile) log.info({ session: claims.sid }, 'gateway session recreated from its token');
      return respond(request, session, updated, true);
    }
    const { session, profile } = await store.create({
      ...(body.skill !== undefined ? { skill: body.skill } : {}),
      ...(body.customAttributes ? { customAttributes: body.customAttributes } : {}),
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(customer ? { customer, guestId: tokens.guestIdFor(customer.id) } : {}),
    });
    log.info({ session: session.sessionId, verified: Boolean(customer) }, 'gateway session created');
    return respond(request, session, profile, false);
  });

  app.post<{ Body: { token: string } }>(GATEWAY_RENEW_PATH, { schema: { body: renewBody }, preHandler: limit }, async (request, reply) => {
    const claims = tokens.verify(request.body.token);
    const session = claims ? await store.session(claims.sid) : undefined;
    const guest = session ? await store.profile(session.guestId) : undefined;
    if (!claims || !session || !guest) {
      return reply.code(401).send({ error: 'unauthorized', message: 'The token is invalid or expired; start a new session.' });
    }
    if (guest.customer) {
      // A verified session stays verified only while the site still says who the customer is.
      const customer = await identify(request, reply);
      if (customer === 'failed') return reply;
      if (!customer || tokens.guestIdFor(customer.id) !== session.guestId) {
        return reply.code(401).send({ error: 'unauthorized', message: 'The signed-in customer changed; start a new session.' });
      }
    }
    return respond(request, session, guest, true);
  });
};
