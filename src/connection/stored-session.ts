/**
 * Whether this browser already holds a session for a configuration (a returning visitor). The controller resumes
 * such a session quietly on page load (history, unread badge), while a new visitor connects only when they open
 * the chat: no socket, no Presence Join, no conversation for a page view that never opens it.
 */
import type { ChatConnectionConfig } from './config.js';
import { defaultStorage, directTokenKey, gatewayTokenKey, type TokenStorage } from '../session-store.js';

/** The storage key the transport for `config` keeps its session under (null: none can exist). */
export function storedSessionKey(config: ChatConnectionConfig): string | null {
  if (config.tokenEndpoint) return gatewayTokenKey(config.tokenEndpoint);
  if (config.deploymentId) return directTokenKey(config.deploymentId);
  return null;
}

/** True when a session token for `config` is stored (read only; storage errors count as "none"). */
export function hasStoredSession(config: ChatConnectionConfig, storage?: TokenStorage | null): boolean {
  const key = storedSessionKey(config);
  if (!key) return false;
  try {
    return Boolean((storage ?? defaultStorage()).getItem(key));
  } catch {
    return false;
  }
}
