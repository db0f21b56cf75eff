import { perEmulator } from '../context.js';
import { integrationStoreFor, type IntegrationStore } from './integrations.js';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookDispatcher, type WebhookSettings } from './webhook.js';
import type { SkipReason } from './outbound.js';

/** An outbound payload the emulator sent, so receipts and button responses can reference it. */
export interface SentPayload {
  integrationId: string;
  conversationId: string;
  customerId: string;
  type: string;
}

/** A receipt the gateway posted for an outbound message. */
export interface ReceivedReceipt {
  id: string;
  integrationId: string;
  conversationId: string;
  status: string;
  reasons?: unknown[];
  isFinalReceipt?: boolean;
  receivedAt: string;
}

/** Everything the Open Messaging surface keeps for one emulator instance. */
export interface OpenMessagingState {
  integrations: IntegrationStore;
  settings: WebhookSettings;
  dispatcher: WebhookDispatcher;
  sent: Map<string, SentPayload>;
  receipts: ReceivedReceipt[];
  skipped: { messageId: string; conversationId: string; reason: SkipReason | 'unknown-integration' }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges settings from a plain object (emulator option `openMessaging`, control API body or environment) and
 * returns the problems found; valid fields are applied even when others are wrong.
 */
export function applySettings(target: WebhookSettings, input: unknown): string[] {
  if (!isRecord(input)) return ['settings must be a JSON object'];
  const problems: string[] = [];
  for (const key of ['timeoutMs', 'retryDelayMs', 'maxRetries'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push(`${key} must be a non-negative integer`);
    else target[key] = value;
  }
  if (input.outboundFrom !== undefined) {
    if (input.outboundFrom !== 'integration' && input.outboundFrom !== 'agent') problems.push('outboundFrom must be "integration" or "agent"');
    else target.outboundFrom = input.outboundFrom;
  }
  if (input.richContent !== undefined) {
    if (input.richContent !== 'text' && input.richContent !== 'structured') problems.push('richContent must be "text" or "structured"');
    else target.richContent = input.richContent;
  }
  const known = ['timeoutMs', 'retryDelayMs', 'maxRetries', 'outboundFrom', 'richContent'];
  for (const key of Object.keys(input)) if (!known.includes(key)) problems.push(`unknown setting "${key}" (known: ${known.join(', ')})`);
  return problems;
}

/**
 * Settings from `EMULATOR_WEBHOOK_TIMEOUT_MS`, `EMULATOR_WEBHOOK_RETRY_DELAY_MS`, `EMULATOR_WEBHOOK_MAX_RETRIES` and
 * `EMULATOR_OPEN_RICH_CONTENT` (`text` | `structured`).
 */
function settingsFromEnv(env: NodeJS.ProcessEnv): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  if (env.EMULATOR_OPEN_RICH_CONTENT) out.richContent = env.EMULATOR_OPEN_RICH_CONTENT;
  const map = { EMULATOR_WEBHOOK_TIMEOUT_MS: 'timeoutMs', EMULATOR_WEBHOOK_RETRY_DELAY_MS: 'retryDelayMs', EMULATOR_WEBHOOK_MAX_RETRIES: 'maxRetries' } as const;
  for (const [name, key] of Object.entries(map)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') out[key] = Number(raw);
  }
  return out;
}

/** The Open Messaging state of one emulator instance (created on first use). */
export const openMessagingState = perEmulator((ctx): OpenMessagingState => {
  const settings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS };
  const envProblems = applySettings(settings, settingsFromEnv(process.env));
  if (envProblems.length > 0) throw new Error(`bad webhook environment: ${envProblems.join('; ')}`);
  const problems = applySettings(settings, ctx.options.openMessaging);
  if (problems.length > 0) throw new Error(`bad openMessaging option: ${problems.join('; ')}`);
  const integrations = integrationStoreFor(ctx);
  return {
    integrations,
    settings,
    dispatcher: new WebhookDispatcher(() => settings, (id) => integrations.get(id), () => ctx.faults.active),
    sent: new Map(),
    receipts: [],
    skipped: [],
  };
});
