import { randomUUID } from 'node:crypto';
import type { Frame, GetConfigurationResponseBody } from '@genesys-chat/protocol/web-messaging.js';
import { fail, messageFrame, responseFrame } from './frames.js';
import { optionalRecord, requireSession, requireToken, type RequestContext } from './request.js';

/** `configureSession`: start a session, resume one by its token, or (startNew) replace a read-only one. */
export function configureSession(rc: RequestContext): Frame {
  const { service, socket, request } = rc;
  const token = requireToken(rc);
  if (request.deploymentId !== undefined && request.deploymentId !== socket.deploymentId) {
    fail(400, 'deploymentId does not match the connection');
  }
  if (request.startNew !== undefined && typeof request.startNew !== 'boolean') fail(400, 'startNew must be a boolean');
  optionalRecord(request.journeyContext, 'journeyContext');
  const startNew = request.startNew === true;
  const existing = service.sessions.get(socket.deploymentId, token);

  if (existing && existing.isExpired()) {
    if (!startNew) {
      service.expire(existing);
      fail(4006, 'Session has expired');
    }
    service.sessions.remove(existing);
  } else if (existing) {
    // An authenticated session stays authenticated (web-messaging.md §2.7: 4017).
    if (existing.identity) fail(4017, 'Cannot downgrade an authenticated session to unauthenticated');
    let newSession = false;
    let cleared = false;
    if (startNew && existing.readOnly) {
      existing.conversation = service.ctx.world.createWebConversation(socket.deploymentId, token);
      newSession = true;
      cleared = true;
    }
    existing.touch();
    service.attach(socket, existing);
    return responseFrame('SessionResponse', 200, service.sessionResponse(existing, newSession, cleared), rc.tracingId);
  }
  const session = service.createSession(socket.deploymentId, token);
  service.attach(socket, session);
  return responseFrame('SessionResponse', 200, service.sessionResponse(session, true), rc.tracingId);
}

/** `echo`: the health check; the text comes straight back as an Inbound StructuredMessage. */
export function echo(rc: RequestContext): Frame {
  const message = optionalRecord(rc.request.message, 'message');
  const text = typeof message?.text === 'string' ? message.text : '';
  return responseFrame('StructuredMessage', 200, {
    id: randomUUID(), type: 'Text', text, direction: 'Inbound', channel: { time: new Date().toISOString() },
  }, rc.tracingId);
}

/** `getJwt`: a short-lived JWT for the history endpoint. */
export function getJwt(rc: RequestContext): Frame {
  const session = requireSession(rc);
  const exp = Math.floor(Date.now() / 1000) + rc.service.ctx.options.jwtValiditySeconds;
  const jwt = rc.service.jwt.sign({ deploymentId: session.deploymentId, sid: session.key, exp });
  return responseFrame('JwtResponse', 200, { jwt, exp }, rc.tracingId);
}

/** `getConfiguration`: the deployment's upload rules and limits. */
export function getConfiguration(rc: RequestContext): Frame {
  const requested = rc.request.deploymentId;
  if (requested !== undefined && requested !== rc.socket.deploymentId) fail(400, 'deploymentId does not match the connection');
  const deployment = rc.service.deployment(rc.socket.deploymentId);
  if (!deployment) fail(4007, 'Deployment not found');
  const body: GetConfigurationResponseBody = {
    deploymentId: deployment.id,
    blockedExtensions: rc.service.uploadRules(deployment).blockedExtensions,
    maxCustomDataBytes: rc.service.maxCustomDataBytes(deployment),
  };
  const media = rc.service.allowedMedia(deployment);
  if (media) body.allowedMedia = media;
  return responseFrame('GetConfigurationResponse', 200, body, rc.tracingId);
}

/** `closeSession`: this socket leaves the session; with closeAllConnections every other tab gets ConnectionClosedEvent. */
export function closeSession(rc: RequestContext): Frame {
  const session = requireSession(rc);
  if (rc.request.closeAllConnections !== undefined && typeof rc.request.closeAllConnections !== 'boolean') {
    fail(400, 'closeAllConnections must be a boolean');
  }
  if (rc.request.closeAllConnections === true) {
    for (const other of [...session.sockets]) {
      if (other === rc.socket) continue;
      other.reply(messageFrame('ConnectionClosedEvent', {}));
      rc.service.detach(other);
      other.ws.close(1000, 'Connection closed');
    }
  }
  rc.service.detach(rc.socket);
  return responseFrame('SessionResponse', 200, { connected: false }, rc.tracingId);
}
