/**
 * The socket side of authenticated messaging (web-messaging.md §2.8): which configure request a session sends, and
 * what the answers mean. `configureAuthenticatedSession` carries the web deployment JWT in `data.code`, as the
 * Messenger transport sends it; failures come back as 401 (expired: refresh, send again) or 403 "Session
 * authentication failed"; a message from an anonymous session where sign-in is required gets 403 "Try authenticate
 * again".
 */
import type { AuthError } from '../../model.js';
import type { ClientRequest, ServerFrame } from '../../protocol/web-messaging.js';
import { newId } from '../../connection/ids.js';
import { bodyText } from './error-frames.js';

export interface ConfigureParams {
  deploymentId: string;
  token: string;
  startNew: boolean;
  /** The deployment JWT while signed in; null configures an anonymous session. */
  jwt: string | null;
}

export function configureRequest({ deploymentId, token, startNew, jwt }: ConfigureParams): ClientRequest {
  const base = { deploymentId, token, tracingId: newId(), ...(startNew ? { startNew: true } : {}) };
  return jwt ? { action: 'configureAuthenticatedSession', ...base, data: { code: jwt } } : { action: 'configureSession', ...base };
}

/** An answer to configureAuthenticatedSession that refuses the sign-in (after the one retry of a 401). */
export function isAuthRefusal(frame: ServerFrame): boolean {
  return frame.code === 401 || frame.code === 403;
}

/** 403 "Try authenticate again" (a message refused until the customer signs in), else null. */
export function authRequiredOf(frame: ServerFrame): AuthError | null {
  if (frame.code !== 403) return null;
  const text = bodyText(frame);
  return /authenticate/i.test(text) ? { code: 'auth-required', message: text, status: 403 } : null;
}
