import type { Frame } from '@genesys-chat/protocol/web-messaging.js';
import type { WorldDeployment } from '../world-file.js';
import type { Conversation } from '../world.js';
import { fail, messageFrame, responseFrame } from '../web-messaging/frames.js';
import { optionalRecord, requireToken, type RequestContext } from '../web-messaging/request.js';
import type { WebMessagingService } from '../web-messaging/service.js';
import { webDeploymentTokens, type VerifiedIdentity } from './web-deployment-tokens.js';

/** Genesys' answer when the JWT in `data.code` is not accepted (web-messaging.md §2.8). */
export const AUTH_FAILED_TEXT = 'Session authentication failed';
/** Genesys' answer to a message from a session that must authenticate first (§2.8). */
export const AUTH_AGAIN_TEXT = 'Try authenticate again';

/**
 * Whether an anonymous session of this deployment may send messages: yes without authentication; with it, only when
 * the deployment allows an anonymous session to upgrade later (our reading of §2.8; UNCONFIRMED).
 */
export function anonymousMessagingAllowed(deployment: WorldDeployment | undefined): boolean {
  return deployment?.auth?.enabled !== true || deployment.auth.allowSessionUpgrade === true;
}

/** Marks a conversation as the verified customer's (the desk shows a shield from `since` on). */
function markAuthenticated(conversation: Conversation, identity: VerifiedIdentity, service: WebMessagingService): void {
  if (conversation.authenticated?.sub === identity.sub) return;
  conversation.authenticated = {
    sub: identity.sub, since: new Date().toISOString(), afterMessageId: conversation.messages.at(-1)?.id ?? '',
  };
  if (identity.name) conversation.authenticated.name = identity.name;
  if (identity.email) conversation.authenticated.email = identity.email;
  service.ctx.world.emit('changed', conversation);
}

/** The customer's conversation that is still going on this deployment (history across devices). */
function openConversationOf(service: WebMessagingService, deploymentId: string, sub: string): Conversation | undefined {
  return service.ctx.world.conversations().find((c) => c.channel === 'webmessaging' && c.deploymentId === deploymentId
    && c.authenticated?.sub === sub && c.state !== 'ended');
}

/**
 * `configureAuthenticatedSession` with `data.code` = the web deployment JWT from `oauthcodegrantjwtexchange`
 * (the Messenger transport sends `ConfigureAuthenticatedSession(authHandler.jwt)`):
 * - an expired JWT answers 401 (the transport refreshes and tries again), any other refusal 403 "Session
 *   authentication failed";
 * - a new token joins the customer's ongoing conversation when there is one (another device: `newSession:false`),
 *   else starts one;
 * - an anonymous session on the same token is upgraded when the deployment has `allowSessionUpgrade`, else 403;
 * - a session of another customer is refused (403).
 */
export function configureAuthenticatedSession(rc: RequestContext): Frame {
  const { service, socket, request } = rc;
  const token = requireToken(rc);
  if (request.deploymentId !== undefined && request.deploymentId !== socket.deploymentId) fail(400, 'deploymentId does not match the connection');
  if (request.startNew !== undefined && typeof request.startNew !== 'boolean') fail(400, 'startNew must be a boolean');
  optionalRecord(request.journeyContext, 'journeyContext');
  const deployment = service.deployment(socket.deploymentId);
  if (deployment?.auth?.enabled !== true) fail(4000, 'Authenticated messaging is not enabled for this deployment');
  const code = optionalRecord(request.data, 'data')?.code;
  if (typeof code !== 'string' || code === '') fail(4020, 'Missing parameter: data.code');
  const verified = webDeploymentTokens(service.ctx).verify(code);
  if ('problem' in verified) fail(verified.problem === 'expired' ? 401 : 403, verified.problem === 'expired' ? 'Authentication token expired' : AUTH_FAILED_TEXT);
  const { identity } = verified;
  if (identity.deploymentId !== socket.deploymentId) fail(403, AUTH_FAILED_TEXT);
  const startNew = request.startNew === true;

  const existing = service.sessions.get(socket.deploymentId, token);
  if (existing?.isExpired()) {
    if (!startNew) {
      service.expire(existing);
      fail(4006, 'Session has expired');
    }
    service.sessions.remove(existing);
  } else if (existing) {
    if (existing.identity && existing.identity.sub !== identity.sub) fail(403, AUTH_FAILED_TEXT);
    if (!existing.identity && deployment.auth.allowSessionUpgrade !== true) {
      fail(403, `${AUTH_FAILED_TEXT}: this deployment does not allow upgrading an anonymous session`);
    }
    let newSession = false;
    if (startNew && existing.readOnly) {
      existing.conversation = service.ctx.world.createWebConversation(socket.deploymentId, token);
      newSession = true;
    }
    existing.identity = identity;
    markAuthenticated(existing.conversation, identity, service);
    existing.touch();
    service.attach(socket, existing);
    return responseFrame('SessionResponse', 200, service.sessionResponse(existing, newSession, newSession), rc.tracingId);
  }

  const ongoing = startNew ? undefined : openConversationOf(service, socket.deploymentId, identity.sub);
  const session = service.createSession(socket.deploymentId, token, ongoing);
  session.identity = identity;
  markAuthenticated(session.conversation, identity, service);
  service.attach(socket, session);
  return responseFrame('SessionResponse', 200, service.sessionResponse(session, ongoing === undefined), rc.tracingId);
}

/** Sign-out (revoke): every session of that sign-in gets LogoutEvent, then its sockets leave it and it is gone. */
export function logOut(service: WebMessagingService, loginId: string): void {
  for (const session of service.sessions.all()) {
    if (session.identity?.loginId !== loginId) continue;
    session.broadcast(messageFrame('LogoutEvent', {}));
    for (const socket of [...session.sockets]) service.detach(socket);
    service.sessions.remove(session);
  }
}
