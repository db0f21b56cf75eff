/**
 * The gateway's session request (`POST <tokenEndpoint>`), without the rest of the gateway transport: the lazy
 * transport (transports/index.ts) sends it while the transport's chunk loads, so a first visit does not pay the chunk's
 * round trip before it. Reading the answer stays in the chunk (gateway.ts).
 */
import { ChatFailure, chatError } from '../connection/errors.js';
import type { GatewaySessionRequest } from '../protocol/gateway.js';
import { gatewayTokenKey, type TokenStorage } from '../session-store.js';

/** What the request is made of (a subset of GatewayTransportOptions). */
export interface GatewaySessionOptions {
  tokenEndpoint: string;
  skill?: string;
  customAttributes?: Record<string, string>;
  displayName?: string;
}

/** What is kept between page loads under gatewayTokenKey (session-store.ts). */
export interface StoredGatewaySession { token: string; sessionId: string; guestId: string }

/** The kept session for `tokenEndpoint`, or null (none, unreadable, or not a session: storage is page-writable). */
export function readStoredGatewaySession(storage: TokenStorage, tokenEndpoint: string): StoredGatewaySession | null {
  try {
    const raw = storage.getItem(gatewayTokenKey(tokenEndpoint));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && typeof (value as StoredGatewaySession).token === 'string') {
      return value as StoredGatewaySession;
    }
  } catch {
    // unreadable: start fresh
  }
  return null;
}

/** Sends the session request (resuming `resumeToken`'s session when given). Rejects with a ChatFailure `network`. */
export async function postGatewaySession(options: GatewaySessionOptions, fetchImpl: typeof fetch,
  resumeToken: string | undefined): Promise<Response> {
  const body: GatewaySessionRequest = {
    ...(options.skill ? { skill: options.skill } : {}),
    ...(options.customAttributes ? { customAttributes: options.customAttributes } : {}),
    ...(options.displayName ? { displayName: options.displayName } : {}),
    ...(resumeToken ? { resumeToken } : {}),
  };
  try {
    return await fetchImpl(options.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'include',
    });
  } catch (error) {
    throw new ChatFailure(chatError('network', 'The chat server cannot be reached.', { detail: error }));
  }
}
