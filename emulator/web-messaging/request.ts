import { isRecord, MAX_SESSION_TOKEN_LENGTH, type Frame } from '@genesys-chat/protocol/web-messaging.js';
import type { GuestSocket } from './guest-socket.js';
import type { GuestSession } from './session.js';
import type { WebMessagingService } from './service.js';
import { fail } from './frames.js';

/** What an action handler gets: the parsed request, its socket and the service. */
export interface RequestContext {
  service: WebMessagingService;
  socket: GuestSocket;
  request: Record<string, unknown>;
  action: string;
  tracingId: string | undefined;
}

/** An action handler answers with a frame (sent with the tracingId), or nothing, or throws FrameError. */
export type ActionHandler = (rc: RequestContext) => Frame | undefined | Promise<Frame | undefined>;

/** The request's `token`, validated (4020 when missing, 400 when not a usable string). */
export function requireToken(rc: RequestContext): string {
  const token = rc.request.token;
  if (token === undefined || token === null || token === '') fail(4020, 'Missing parameter: token');
  if (typeof token !== 'string') fail(400, 'token must be a string');
  if (token.length > MAX_SESSION_TOKEN_LENGTH) fail(400, `token must be at most ${MAX_SESSION_TOKEN_LENGTH} characters`);
  return token;
}

/** The configured session the request's token names: 4007 when unknown, 4006 when expired. */
export function requireSession(rc: RequestContext): GuestSession {
  const token = requireToken(rc);
  const session = rc.service.sessions.get(rc.socket.deploymentId, token);
  if (!session) fail(4007, 'Session not found');
  if (session.isExpired()) {
    rc.service.expire(session);
    fail(4006, 'Session has expired');
  }
  return session;
}

/** A string field of the request, or 4020. */
export function requireString(rc: RequestContext, field: string): string {
  const value = rc.request[field];
  if (typeof value !== 'string' || value === '') fail(4020, `Missing parameter: ${field}`);
  return value;
}

/** A record field (or undefined); 400 when present but not an object. */
export function optionalRecord(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) fail(400, `${name} must be an object`);
  return value;
}
