import { createHmac, randomUUID } from 'node:crypto';
import {
  SIGNATURE_HEADER, WEBHOOK_MAX_RETRIES, WEBHOOK_RETRY_DELAY_MS, WEBHOOK_TIMEOUT_MS,
} from '@genesys-chat/protocol/open-messaging.js';
import type { OpenOutboundPayload } from '@genesys-chat/protocol/open-messaging.js';
import type { ActiveFaults } from '../faults.js';
import type { OutboundFromStyle } from './outbound.js';
import type { IntegrationRecord } from './integrations.js';
import type { RichContentStyle } from './rich-text.js';
import { nonCanonicalJson } from './noncanonical-json.js';

/** Delivery behaviour; defaults are Genesys' documented values (validate.html). Tests shorten them. */
export interface WebhookSettings {
  /** How long one attempt may take before it counts as a timeout. Default 10 000. */
  timeoutMs: number;
  /** Pause between attempts. Default 5 000. */
  retryDelayMs: number;
  /** Retries after the first attempt (timeout, network error, 429, 5xx). Default 5. */
  maxRetries: number;
  /** `channel.from` of payloads: the integration (doc example, default) or the agent's nickname. UNCONFIRMED. */
  outboundFrom: OutboundFromStyle;
  /** Quick replies, cards and carousels as text lines (documented shape, default) or as `Structured` content. */
  richContent: RichContentStyle;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  timeoutMs: WEBHOOK_TIMEOUT_MS,
  retryDelayMs: WEBHOOK_RETRY_DELAY_MS,
  maxRetries: WEBHOOK_MAX_RETRIES,
  outboundFrom: 'integration',
  richContent: 'text',
};

/** One HTTP attempt, as `GET /emulator/webhooks/deliveries` lists it. */
export interface DeliveryAttempt {
  /** Same for every attempt (and the duplicate copy) of one payload. */
  deliveryId: string;
  payloadId: string;
  payloadType: string;
  integrationId: string;
  conversationId: string;
  url: string;
  /** 1 for the first try, 2.. for retries. */
  attempt: number;
  /** 1, or 2 for the copy sent by the `webhook.duplicate` fault. */
  copy: number;
  /** The status used for the retry decision (the forced one when `webhook.status` is set); null on timeout/error. */
  status: number | null;
  /** What the receiver really answered, when a forced status replaced it. */
  receiverStatus?: number | null;
  error?: string;
  signature: 'valid' | 'bad' | 'missing';
  /**
   * `pending` (in flight), `delivered` (2xx), `retrying` (another attempt follows), `failed` (non-retryable status or
   * retries exhausted), `cancelled` (emulator closing).
   */
  outcome: 'pending' | 'delivered' | 'retrying' | 'failed' | 'cancelled';
  startedAt: string;
  durationMs: number;
  payload: OpenOutboundPayload;
}

/** `sha256=` + base64(HMAC-SHA256(secret, body bytes)): the `X-Hub-Signature-256` value (spec §3.3). */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;
}

function isRetryable(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

interface Job {
  integrationId: string;
  conversationId: string;
  payload: OpenOutboundPayload;
}

/**
 * Posts outbound payloads to integrations' webhooks the way Genesys does: compact JSON signed with the integration's
 * secret, one attempt plus up to `maxRetries` retries `retryDelayMs` apart on timeout, network error, 429 or 5xx,
 * none on other statuses. Deliveries of one conversation go out in order (a retrying payload holds later ones back).
 * Every attempt is recorded.
 */
export class WebhookDispatcher {
  readonly attempts: DeliveryAttempt[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly settings: () => WebhookSettings,
    private readonly integration: (id: string) => IntegrationRecord | undefined,
    private readonly faults: () => Readonly<ActiveFaults>,
  ) {}

  /** Queues a payload behind earlier ones of the same conversation. */
  enqueue(job: Job): void {
    const previous = this.chains.get(job.conversationId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(job)).catch(() => undefined);
    this.chains.set(job.conversationId, next);
    void next.then(() => {
      if (this.chains.get(job.conversationId) === next) this.chains.delete(job.conversationId);
    });
  }

  /** Resolves once every queued delivery has finished (delivered, failed or cancelled). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Stops waiting retries and aborts attempts in flight. */
  close(): void {
    this.closing.abort();
  }

  clearLog(): void {
    this.attempts.length = 0;
  }

  private async deliver(job: Job): Promise<void> {
    // Compact JSON, as Genesys' samples assume; the `webhook.json` fault sends other (still valid) bytes instead.
    const body = this.faults().webhook?.json === 'noncanonical' ? nonCanonicalJson(job.payload) : JSON.stringify(job.payload);
    const deliveryId = randomUUID();
    const copies = this.faults().webhook?.duplicate ? 2 : 1;
    for (let copy = 1; copy <= copies; copy += 1) await this.deliverCopy(job, body, deliveryId, copy);
  }

  private async deliverCopy(job: Job, body: string, deliveryId: string, copy: number): Promise<void> {
    const maxAttempts = 1 + Math.max(0, this.settings().maxRetries);
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (this.closing.signal.aborted) return;
      const record = await this.attempt(job, body, deliveryId, copy, attempt);
      if (record.outcome === 'delivered') return;
      if (!isRetryable(record.status) || attempt === maxAttempts || this.closing.signal.aborted) {
        record.outcome = this.closing.signal.aborted ? 'cancelled' : 'failed';
        return;
      }
      record.outcome = 'retrying';
      await this.sleep(this.settings().retryDelayMs);
    }
  }

  private async attempt(job: Job, body: string, deliveryId: string, copy: number, attempt: number): Promise<DeliveryAttempt> {
    const integration = this.integration(job.integrationId);
    const started = Date.now();
    const fault = this.faults().webhook;
    const signatureMode = fault?.signature ?? 'valid';
    const record: DeliveryAttempt = {
      deliveryId, payloadId: job.payload.id, payloadType: job.payload.type, integrationId: job.integrationId,
      conversationId: job.conversationId, url: integration?.outboundNotificationWebhookUrl ?? '', attempt, copy,
      status: null, signature: signatureMode, outcome: 'pending', startedAt: new Date(started).toISOString(), durationMs: 0,
      payload: job.payload,
    };
    this.attempts.push(record);
    if (!integration) {
      record.error = 'integration no longer exists';
      record.outcome = 'failed';
      return record;
    }
    const headers: Record<string, string> = { ...(integration.webhookHeaders ?? {}) };
    headers['content-type'] = 'application/json';
    headers['user-agent'] = 'genesys-cloud-emulator';
    if (signatureMode === 'valid') headers[SIGNATURE_HEADER] = signBody(integration.outboundNotificationWebhookSignatureSecretToken, body);
    // A wrong key, not a garbled value: the header looks right and only verification catches it.
    if (signatureMode === 'bad') headers[SIGNATURE_HEADER] = signBody(`${integration.outboundNotificationWebhookSignatureSecretToken}-wrong`, body);
    let receiverStatus: number | null = null;
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(this.settings().timeoutMs), this.closing.signal]);
      const response = await fetch(integration.outboundNotificationWebhookUrl, { method: 'POST', headers, body, signal });
      await response.arrayBuffer();
      receiverStatus = response.status;
    } catch (error) {
      record.error = this.closing.signal.aborted ? 'cancelled' : error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : `network error: ${error instanceof Error ? error.message : String(error)}`;
    }
    record.durationMs = Date.now() - started;
    if (fault?.status !== undefined) {
      record.status = fault.status;
      record.receiverStatus = receiverStatus;
    } else record.status = receiverStatus;
    if (record.status !== null && record.status >= 200 && record.status < 300) record.outcome = 'delivered';
    return record;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.closing.signal;
      if (signal.aborted) return resolve();
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
