/**
 * Points the Open Messaging integration's outbound webhook at this server (`--register-webhook`): GET the
 * integration (PATCH needs its `name`), then PATCH `outboundNotificationWebhookUrl` (spec open-messaging.md §1.1).
 * Needs `messaging:integration:view` and `messaging:integration:edit` on a real org.
 */
import { OPEN_INTEGRATIONS_PATH } from '@genesys-chat/protocol/open-messaging.js';
import type { PlatformClient } from './oauth.js';
import { WEBHOOK_PATH } from './webhook.js';

export async function registerWebhook(platform: PlatformClient, integrationId: string, publicUrl: string): Promise<string> {
  const path = `${OPEN_INTEGRATIONS_PATH}/${encodeURIComponent(integrationId)}`;
  const integration = await platform.platformFetch<{ name?: string }>(path, { priority: 'background' });
  const webhookUrl = `${publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
  await platform.platformFetch(path, {
    method: 'PATCH',
    priority: 'background',
    body: { name: integration?.name ?? integrationId, outboundNotificationWebhookUrl: webhookUrl },
  });
  return webhookUrl;
}
