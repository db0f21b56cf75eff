import type { RawData } from 'ws';
import { isRecord, type Frame } from '@genesys-chat/protocol/web-messaging.js';
import { FrameError, responseFrame, stringError } from './frames.js';
import type { ActionHandler, RequestContext } from './request.js';
import type { GuestSocket } from './guest-socket.js';
import type { WebMessagingService } from './service.js';
import { closeSession, configureSession, echo, getConfiguration, getJwt } from './session-actions.js';
import { onMessage } from './message-action.js';
import { deleteAttachment, getAttachment, onAttachment } from './attachment-actions.js';
import { sessionKey } from './session.js';
import { configureAuthenticatedSession } from '../auth/session-auth.js';

const handlers: Record<string, ActionHandler> = {
  configureSession, configureAuthenticatedSession, onMessage, echo, getJwt, getConfiguration, closeSession, onAttachment,
  deleteAttachment, getAttachment,
};

/** Actions Genesys knows that the emulator does not offer. */
const unavailable = new Set(['disconnectCustomer', 'resumeToken']);

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Forced (fault) or real per-session rate limit: the 429 frame, or null when the request may go on. */
function rateLimited(service: WebMessagingService, socket: GuestSocket, request: Record<string, unknown>, action: string, tracingId?: string): Frame | null {
  const key = typeof request.token === 'string' ? sessionKey(socket.deploymentId, request.token) : `socket:${socket.id}`;
  const retryAfter = service.ctx.faults.takeRateLimit() ?? service.limiter.hit(key);
  if (retryAfter === null) return null;
  return responseFrame('TooManyRequestsErrorMessage', 429, {
    errorCode: 429, errorMessage: `${upperFirst(action)} rate too high for this session`, retryAfter,
  }, tracingId);
}

/**
 * Handles one text frame from a guest socket. Whatever comes in, the socket gets an answer or a documented
 * silence, and nothing thrown escapes: a bad frame never closes the socket or stops the emulator.
 */
export async function dispatchFrame(service: WebMessagingService, socket: GuestSocket, data: RawData, isBinary: boolean): Promise<void> {
  if (isBinary) {
    socket.reply(stringError(400, 'Binary frames are not supported; send JSON text'));
    return;
  }
  let request: unknown;
  try {
    request = JSON.parse(data.toString());
  } catch {
    socket.reply(stringError(400, 'Invalid JSON'));
    return;
  }
  if (!isRecord(request)) {
    socket.reply(stringError(400, 'A request must be a JSON object'));
    return;
  }
  const tracingId = typeof request.tracingId === 'string' ? request.tracingId : undefined;
  const action = request.action;
  if (typeof action !== 'string') {
    socket.reply(stringError(400, 'Missing or invalid action', tracingId));
    return;
  }
  if (unavailable.has(action)) {
    socket.reply(stringError(4000, `${action} is not available in the emulator`, tracingId));
    return;
  }
  const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
  if (!handler) {
    socket.reply(stringError(400, `Unknown action: ${action.slice(0, 64)}`, tracingId));
    return;
  }
  const limited = rateLimited(service, socket, request, action, tracingId);
  if (limited) {
    socket.reply(limited);
    return;
  }
  const rc: RequestContext = { service, socket, request, action, tracingId };
  try {
    const frame = await handler(rc);
    if (frame) socket.reply(frame);
  } catch (error) {
    if (error instanceof FrameError) {
      const frame = { ...error.frame };
      if (tracingId !== undefined) frame.tracingId = tracingId;
      socket.reply(frame);
      return;
    }
    service.logError(`action ${action} failed`, error);
    socket.reply(stringError(500, 'Internal error', tracingId));
  }
}
