/**
 * What a ChatConnectionConfig means for the connection: the same key = the same transport; the same conversation
 * key = the same transcript.
 */
import type { ChatConnectionConfig } from './config.js';

/** Everything the transport is built from; a change means a new transport. */
export function configKey(config: ChatConnectionConfig | null): string {
  if (!config) return '';
  const attributes = Object.entries(config.customAttributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  // `lang` is left out on purpose: it changes the UI, not the connection.
  return JSON.stringify([config.region, config.deploymentId, config.tokenEndpoint, config.skill, attributes, config.displayName]);
}

/** Which conversation a config points at: changing it means another transcript. */
export function conversationKey(config: ChatConnectionConfig | null): string {
  return config ? JSON.stringify([config.region, config.deploymentId, config.tokenEndpoint]) : '';
}
