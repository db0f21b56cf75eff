import { randomUUID } from 'node:crypto';
import { readStateFile, writeStateSection } from '../state-file.js';
import { MIN_WEBHOOK_SECRET_LENGTH, OPEN_INTEGRATIONS_PATH } from '@genesys-chat/protocol/open-messaging.js';
import type { DomainEntityRef } from '@genesys-chat/protocol/open-messaging.js';
import type { OpenIntegrationConfig } from '../world-file.js';
import { perEmulator } from '../context.js';

/** One Open Messaging integration as the emulator keeps it (secret in clear: it signs the webhook). */
export interface IntegrationRecord extends OpenIntegrationConfig {
  supportedContent?: DomainEntityRef;
  messagingSetting?: DomainEntityRef;
  recipient: DomainEntityRef;
  dateCreated: string;
  dateModified: string;
  createStatus: 'Initiated' | 'Completed';
}

/** `OpenIntegration` as the Platform API returns it. The secret is masked (UNCONFIRMED what Genesys returns). */
export interface OpenIntegrationView {
  id: string;
  name: string;
  outboundNotificationWebhookUrl: string;
  outboundNotificationWebhookSignatureSecretToken: string;
  webhookHeaders?: Record<string, string>;
  supportedContent?: DomainEntityRef;
  messagingSetting?: DomainEntityRef;
  status: string;
  recipient: DomainEntityRef;
  dateCreated: string;
  dateModified: string;
  createStatus: 'Initiated' | 'Completed' | 'Error';
  selfUri: string;
}

/** What the secret reads as in Platform API responses. */
export const MASKED_SECRET = '********';

/** Fields accepted by create (all required but the optional ones) and update (all optional but `name`). */
export interface IntegrationFields {
  name: string;
  outboundNotificationWebhookUrl?: string;
  outboundNotificationWebhookSignatureSecretToken?: string;
  webhookHeaders?: Record<string, string>;
  supportedContent?: DomainEntityRef;
  messagingSetting?: DomainEntityRef;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entityRef(value: unknown, field: string, problems: string[]): DomainEntityRef | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || typeof value.id !== 'string' || value.id.length === 0) {
    problems.push(`${field} must be an object with a string id`);
    return undefined;
  }
  return { id: value.id };
}

/**
 * Validates an `OpenIntegrationRequest` (create: url and secret required) or `OpenIntegrationUpdateRequest`
 * (update: only `name` required). Returns the fields or the list of problems.
 */
export function parseIntegrationFields(body: unknown, mode: 'create' | 'update'): { fields: IntegrationFields } | { problems: string[] } {
  if (!isRecord(body)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  if (typeof body.name !== 'string' || body.name.trim().length === 0) problems.push('name is required');
  const url = body.outboundNotificationWebhookUrl;
  if (url !== undefined || mode === 'create') {
    if (typeof url !== 'string') problems.push('outboundNotificationWebhookUrl is required');
    else {
      let parsed: URL | null = null;
      try {
        parsed = new URL(url);
      } catch {
        parsed = null;
      }
      // Genesys wants public HTTPS on 443; the emulator also takes http so a local server can receive.
      if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
        problems.push('outboundNotificationWebhookUrl must be an http(s) URL');
      }
    }
  }
  const secret = body.outboundNotificationWebhookSignatureSecretToken;
  if (secret !== undefined || mode === 'create') {
    if (typeof secret !== 'string' || secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
      problems.push(`outboundNotificationWebhookSignatureSecretToken must be longer than ${MIN_WEBHOOK_SECRET_LENGTH - 1} characters`);
    }
  }
  let headers: Record<string, string> | undefined;
  if (body.webhookHeaders !== undefined) {
    if (!isRecord(body.webhookHeaders) || !Object.values(body.webhookHeaders).every((v) => typeof v === 'string')) {
      problems.push('webhookHeaders must be a map of strings');
    } else headers = body.webhookHeaders as Record<string, string>;
  }
  const supportedContent = entityRef(body.supportedContent, 'supportedContent', problems);
  const messagingSetting = entityRef(body.messagingSetting, 'messagingSetting', problems);
  if (problems.length > 0) return { problems };
  const fields: IntegrationFields = { name: (body.name as string).trim() };
  if (typeof url === 'string') fields.outboundNotificationWebhookUrl = url;
  if (typeof secret === 'string') fields.outboundNotificationWebhookSignatureSecretToken = secret;
  if (headers) fields.webhookHeaders = { ...headers };
  if (supportedContent) fields.supportedContent = supportedContent;
  if (messagingSetting) fields.messagingSetting = messagingSetting;
  return { fields };
}

/** The Open Messaging integrations of one emulator (seeded from the world file's `openMessaging.integrations`). */
export class IntegrationStore {
  private readonly byId = new Map<string, IntegrationRecord>();

  /**
   * @param seed the world file's integrations
   * @param saved integrations kept from an earlier run (state file); they win over the seed by id
   * @param onChange called after every create, update and delete (to keep the state file current)
   */
  constructor(seed: readonly OpenIntegrationConfig[], saved: readonly IntegrationRecord[] = [], private readonly onChange?: (all: IntegrationRecord[]) => void) {
    const now = new Date().toISOString();
    for (const config of seed) {
      this.byId.set(config.id, { ...config, recipient: { id: randomUUID() }, dateCreated: now, dateModified: now, createStatus: 'Completed' });
    }
    for (const record of saved) this.byId.set(record.id, { ...this.byId.get(record.id), ...record });
  }

  private changed(): void {
    this.onChange?.(this.list());
  }

  get(id: string): IntegrationRecord | undefined {
    return this.byId.get(id);
  }

  list(): IntegrationRecord[] {
    return [...this.byId.values()];
  }

  /** Creates an integration; its `createStatus` is `Initiated` until the next read completes it. */
  create(fields: IntegrationFields & { outboundNotificationWebhookUrl: string; outboundNotificationWebhookSignatureSecretToken: string }): IntegrationRecord {
    const now = new Date().toISOString();
    const record: IntegrationRecord = {
      id: randomUUID(),
      name: fields.name,
      outboundNotificationWebhookUrl: fields.outboundNotificationWebhookUrl,
      outboundNotificationWebhookSignatureSecretToken: fields.outboundNotificationWebhookSignatureSecretToken,
      recipient: { id: randomUUID() },
      dateCreated: now,
      dateModified: now,
      createStatus: 'Initiated',
    };
    if (fields.webhookHeaders) record.webhookHeaders = fields.webhookHeaders;
    if (fields.supportedContent) record.supportedContent = fields.supportedContent;
    if (fields.messagingSetting) record.messagingSetting = fields.messagingSetting;
    this.byId.set(record.id, record);
    this.changed();
    return record;
  }

  /** Applies an update; returns the record or undefined when unknown. */
  update(id: string, fields: IntegrationFields): IntegrationRecord | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    record.name = fields.name;
    if (fields.outboundNotificationWebhookUrl !== undefined) record.outboundNotificationWebhookUrl = fields.outboundNotificationWebhookUrl;
    if (fields.outboundNotificationWebhookSignatureSecretToken !== undefined) {
      record.outboundNotificationWebhookSignatureSecretToken = fields.outboundNotificationWebhookSignatureSecretToken;
    }
    if (fields.webhookHeaders !== undefined) record.webhookHeaders = fields.webhookHeaders;
    if (fields.supportedContent !== undefined) record.supportedContent = fields.supportedContent;
    if (fields.messagingSetting !== undefined) record.messagingSetting = fields.messagingSetting;
    record.dateModified = new Date().toISOString();
    this.changed();
    return record;
  }

  delete(id: string): boolean {
    const deleted = this.byId.delete(id);
    if (deleted) this.changed();
    return deleted;
  }

  /** The asynchronous create finishes when someone reads it (spec §1.3: Initiated in the POST answer, Completed on the next GET). */
  completeOnRead(record: IntegrationRecord): OpenIntegrationView {
    record.createStatus = 'Completed';
    return integrationView(record);
  }
}

/** The Platform API view of a record (secret masked). */
export function integrationView(record: IntegrationRecord): OpenIntegrationView {
  const view: OpenIntegrationView = {
    id: record.id,
    name: record.name,
    outboundNotificationWebhookUrl: record.outboundNotificationWebhookUrl,
    outboundNotificationWebhookSignatureSecretToken: MASKED_SECRET,
    status: 'Active',
    recipient: { ...record.recipient, selfUri: `/api/v2/routing/message/recipients/${record.recipient.id}` },
    dateCreated: record.dateCreated,
    dateModified: record.dateModified,
    createStatus: record.createStatus,
    selfUri: `${OPEN_INTEGRATIONS_PATH}/${encodeURIComponent(record.id)}`,
  };
  if (record.webhookHeaders) view.webhookHeaders = { ...record.webhookHeaders };
  if (record.supportedContent) view.supportedContent = record.supportedContent;
  if (record.messagingSetting) view.messagingSetting = record.messagingSetting;
  return view;
}

/** The integration store of one emulator instance. */
export const integrationStoreFor = perEmulator((ctx): IntegrationStore => {
  const seed = ctx.world.file.openMessaging?.integrations ?? [];
  const path = ctx.options.stateFile;
  if (!path) return new IntegrationStore(seed);
  const saved = (readStateFile(path).integrations ?? []).filter(isSavedIntegration);
  return new IntegrationStore(seed, saved, (all) => writeStateSection(path, 'integrations', all));
});

/** A state-file entry that can stand for an integration (anything else in the file is ignored). */
function isSavedIntegration(value: unknown): value is IntegrationRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.name === 'string' && typeof r.outboundNotificationWebhookUrl === 'string'
    && typeof r.outboundNotificationWebhookSignatureSecretToken === 'string' && typeof r.recipient === 'object' && r.recipient !== null
    && typeof r.dateCreated === 'string' && typeof r.dateModified === 'string';
}
