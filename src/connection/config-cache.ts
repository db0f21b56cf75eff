/**
 * The deployment's last config.json, kept in the page's storage so the next page view starts with its Messenger
 * settings (launcher visibility and corner, colour, labels) instead of the defaults that config.json would correct a
 * round trip later: stale while the fresh answer is on its way, replaced by it when they differ. Only what the
 * settings are read from: the transport's verdict on the deployment (active, features, limits) always waits for the
 * fresh answer. A stored value is read back as remote data (messengerSettingsFromConfig validates every field).
 */
import { isRecord } from '../protocol/web-messaging.js';
import type { TokenStorage } from '../session-store.js';

/** A larger config.json is not kept (a deployment's is a few kB; storage is shared with the page). */
export const MAX_CACHED_CONFIG_CHARS = 64_000;

export function configCacheKey(deploymentId: string): string {
  return `genesys-chat:${deploymentId}:config`;
}

/** The config.json kept for `deploymentId` from `apiCdnBase`, or null (none, another region's, unreadable). */
export function readCachedConfig(storage: TokenStorage, apiCdnBase: string, deploymentId: string): Record<string, unknown> | null {
  try {
    const text = storage.getItem(configCacheKey(deploymentId));
    if (!text || text.length > MAX_CACHED_CONFIG_CHARS) return null;
    const kept: unknown = JSON.parse(text);
    return isRecord(kept) && kept.base === apiCdnBase && isRecord(kept.config) ? kept.config : null;
  } catch {
    return null; // storage blocked, or not JSON
  }
}

/** Keeps `config` (an `ok` answer) for the next page view; storage that refuses keeps nothing. */
export function keepConfig(storage: TokenStorage, apiCdnBase: string, deploymentId: string, config: Record<string, unknown>): void {
  try {
    const text = JSON.stringify({ base: apiCdnBase, config });
    if (text.length <= MAX_CACHED_CONFIG_CHARS) storage.setItem(configCacheKey(deploymentId), text);
    else forgetConfig(storage, deploymentId);
  } catch {
    // full or blocked storage: the next page view reads config.json first, as the first one did
  }
}

/** Drops the kept copy (the deployment is gone or inactive, or its answer grew past the cap). */
export function forgetConfig(storage: TokenStorage, deploymentId: string): void {
  try {
    storage.removeItem(configCacheKey(deploymentId));
  } catch {
    // blocked storage kept nothing either
  }
}
