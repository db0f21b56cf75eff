/**
 * Genesys Cloud Open Messaging: the inbound calls our server makes and the outbound webhook Genesys posts.
 * Source of truth for the server, the emulator and the tests (spec: open-messaging.md §2–§3, platform-api.md §3–§4).
 */

// ---------------------------------------------------------------------------------------------------------------
// Paths and limits
// ---------------------------------------------------------------------------------------------------------------

export const OAUTH_TOKEN_PATH = '/oauth/token';

export const openInboundPaths = {
  message: (integrationId: string) =>
    `/api/v2/conversations/messages/${encodeURIComponent(integrationId)}/inbound/open/message`,
  event: (integrationId: string) =>
    `/api/v2/conversations/messages/${encodeURIComponent(integrationId)}/inbound/open/event`,
  receipt: (integrationId: string) =>
    `/api/v2/conversations/messages/${encodeURIComponent(integrationId)}/inbound/open/receipt`,
  structuredResponse: (integrationId: string) =>
    `/api/v2/conversations/messages/${encodeURIComponent(integrationId)}/inbound/open/structured/response`,
} as const;

export const OPEN_INTEGRATIONS_PATH = '/api/v2/conversations/messaging/integrations/open';

/** Header of the outbound webhook's signature: `sha256=` + base64(HMAC-SHA256(secret, body)). */
export const SIGNATURE_HEADER = 'x-hub-signature-256';
/** Genesys waits this long for the webhook, then retries (doc validate.html). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Genesys retries a webhook delivery up to 5 times, 5 s apart, on timeout, 429 or 5xx. */
export const WEBHOOK_MAX_RETRIES = 5;
export const WEBHOOK_RETRY_DELAY_MS = 5_000;
/** Integration secrets must be longer than 15 characters. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;
/** Inbound customer text: UNCONFIRMED in Genesys; our configurable cap. */
export const DEFAULT_MAX_INBOUND_TEXT_LENGTH = 4_000;
/** Agent replies on the Open channel (help article): 4,000 characters. */
export const MAX_AGENT_TEXT_LENGTH = 4_000;

// ---------------------------------------------------------------------------------------------------------------
// OAuth client credentials
// ---------------------------------------------------------------------------------------------------------------

export interface OAuthTokenResponse {
  access_token: string;
  token_type: 'bearer' | string;
  expires_in: number;
}

export interface OAuthErrorResponse {
  error: string;
  description?: string;
  error_description?: string;
}

/** Platform API error body (also the normalized 429 body). */
export interface PlatformErrorBody {
  message: string;
  code: string;
  status: number;
  contextId?: string;
  details: unknown[];
  errors: unknown[];
}

// ---------------------------------------------------------------------------------------------------------------
// Inbound (server -> Genesys)
// ---------------------------------------------------------------------------------------------------------------

export type OpenIdType = 'Email' | 'Phone' | 'Opaque';

export interface OpenRecipient {
  id: string;
  idType: OpenIdType;
  firstName?: string;
  lastName?: string;
  nickname?: string;
  email?: string;
  image?: string;
}

export type OpenMediaType = 'Image' | 'Video' | 'Audio' | 'File' | 'Link';

export interface OpenContentAttachment {
  mediaType: OpenMediaType;
  url: string;
  mime: string;
  filename?: string;
  id?: string;
  text?: string;
  sha256?: string;
  contentSizeBytes?: number;
}

/** `POST …/inbound/open/message` body (`OpenInboundNormalizedMessage`). Note: no `contentType` here. */
export interface OpenInboundMessage {
  channel: {
    messageId?: string;
    from: OpenRecipient;
    time: string;
    metadata?: { subType?: string };
  };
  text?: string;
  content?: { attachment: OpenContentAttachment }[];
  /** map<string,string>; the only place for skill and custom attributes (no `customAttributes` in Open). */
  metadata?: Record<string, string>;
}

/** `POST …/inbound/open/event` body (`OpenInboundNormalizedEvent`): only `eventType: Typing`. */
export interface OpenInboundEvent {
  channel: { from: OpenRecipient; time: string };
  events: { eventType: 'Typing' }[];
}

export type OpenReceiptStatus = 'Sent' | 'Delivered' | 'Failed' | 'Published' | 'Removed';

export type OpenReasonCode =
  | 'MessageExpired' | 'RateLimited' | 'MessageNotAllowed' | 'GeneralError' | 'UnsupportedMessage'
  | 'UnknownMessage' | 'InvalidMessageStructure' | 'InvalidDestination' | 'ServerError' | 'MediaTypeNotAllowed'
  | 'InvalidMediaContentLength' | 'RecipientOptedOut' | 'DataFiltered';

/** `POST …/inbound/open/receipt` body (`OpenInboundNormalizedReceipt`): only Delivered and Failed are accepted. */
export interface OpenInboundReceipt {
  /** The id of the outbound webhook payload this receipt is about. */
  id: string;
  channel: { to: Partial<OpenRecipient> & { id: string }; time: string };
  status: 'Delivered' | 'Failed';
  reasons?: { code: OpenReasonCode; message: string }[];
  isFinalReceipt?: boolean;
}

export interface OpenButtonResponse {
  type: 'Button' | 'QuickReply' | 'DatePicker';
  text: string;
  payload: string;
}

/** `POST …/inbound/open/structured/response` body (`OpenInboundStructuredResponseMessage`). */
export interface OpenInboundStructuredResponse {
  channel: { messageId?: string; from: OpenRecipient; time: string };
  buttonResponse: OpenButtonResponse;
  originatingMessageId: string;
}

/**
 * `OpenNormalizedMessage`: body and answer of the deprecated single inbound endpoint
 * `POST /api/v2/conversations/messages/inbound/open` (spec §2.6). `channel.to.id` is the integration id; `type` is
 * `Text` (a customer message) or `Receipt` (with `id` and `status`, for an outbound message).
 */
export interface OpenNormalizedMessage {
  id?: string;
  channel: OpenMessagingChannel;
  type: 'Text' | 'Receipt' | string;
  text?: string;
  content?: { contentType: 'Attachment'; attachment: OpenContentAttachment }[];
  status?: OpenReceiptStatus | 'Read';
  reasons?: { code: OpenReasonCode; message: string }[];
  isFinalReceipt?: boolean;
  direction?: 'Inbound' | 'Outbound';
  metadata?: Record<string, string>;
}

export const OPEN_LEGACY_INBOUND_PATH = '/api/v2/conversations/messages/inbound/open';

/** Response to an inbound message (`OpenMessageNormalizedMessage`). */
export interface OpenMessageNormalizedMessage {
  id: string;
  conversationId?: string;
  channel: OpenMessagingChannel;
  type: 'Text' | 'Structured' | 'Event' | 'Receipt';
  text?: string;
  content?: OpenOutboundContent[];
  events?: OpenOutboundEvent[];
  metadata?: Record<string, string>;
  direction?: 'Inbound' | 'Outbound';
  status?: OpenReceiptStatus;
  reasons?: { code: OpenReasonCode; message: string }[];
  isFinalReceipt?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Outbound webhook (Genesys -> server)
// ---------------------------------------------------------------------------------------------------------------

export interface OpenMessagingChannel {
  id?: string;
  platform?: 'Open';
  type?: 'Private';
  messageId?: string;
  to?: Partial<OpenRecipient>;
  from?: Partial<OpenRecipient>;
  time: string;
  metadata?: Record<string, unknown>;
}

/**
 * One outbound content item. Attachments are confirmed for Open Messaging; QuickReply, Card and Carousel are
 * UNCONFIRMED there (they use the generic normalized shapes). Unknown types pass through.
 */
export type OpenOutboundContent =
  | { contentType: 'Attachment'; attachment: OpenContentAttachment }
  | { contentType: 'QuickReply'; quickReply: { text: string; payload: string; image?: string; action?: string } }
  | { contentType: 'Card'; card: { title: string; description?: string; image?: string; actions?: { type: string; text: string; url?: string; payload?: string }[] } }
  | { contentType: 'Carousel'; carousel: { cards: { title: string; description?: string; image?: string; actions?: { type: string; text: string; url?: string; payload?: string }[] }[] } }
  | { contentType: string; [field: string]: unknown };

export interface OpenOutboundEvent {
  eventType: 'Typing' | string;
  typing?: { type: 'On'; duration?: number };
}

/** What Genesys posts to `outboundNotificationWebhookUrl`. */
export interface OpenOutboundPayload {
  id: string;
  channel: OpenMessagingChannel;
  type: 'Text' | 'Structured' | 'Event' | 'Receipt' | string;
  text?: string;
  content?: OpenOutboundContent[];
  events?: OpenOutboundEvent[];
  direction: 'Outbound' | 'Inbound';
  status?: OpenReceiptStatus;
  reasons?: { code: OpenReasonCode; message: string }[];
  isFinalReceipt?: boolean;
  metadata?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------------
// Platform API (availability)
// ---------------------------------------------------------------------------------------------------------------

export const estimatedWaitTimePath = (queueId: string, mediaType?: string) =>
  mediaType
    ? `/api/v2/routing/queues/${encodeURIComponent(queueId)}/mediatypes/${encodeURIComponent(mediaType)}/estimatedwaittime`
    : `/api/v2/routing/queues/${encodeURIComponent(queueId)}/estimatedwaittime`;
export const QUEUE_OBSERVATIONS_PATH = '/api/v2/analytics/queues/observations/query';
export const scheduleGroupPath = (id: string) => `/api/v2/architect/schedulegroups/${encodeURIComponent(id)}`;
export const schedulePath = (id: string) => `/api/v2/architect/schedules/${encodeURIComponent(id)}`;

export interface EstimatedWaitTimePredictions {
  results: {
    intent?: string;
    formula?: 'BEST' | 'SIMPLE' | 'ABANDON' | 'PATIENCE_ABANDON' | string;
    estimatedWaitTimeSeconds?: number;
    label?: { id: string };
  }[];
}

export type QueueObservationMetric =
  | 'oActiveUsers' | 'oAlerting' | 'oInteracting' | 'oMemberUsers' | 'oOffQueueUsers' | 'oOnQueueUsers'
  | 'oUserPresences' | 'oUserRoutingStatuses' | 'oWaiting';

export interface QueueObservationQuery {
  filter: {
    type: 'and' | 'or';
    predicates?: { type: 'dimension' | 'property' | 'metric'; dimension?: string; operator?: string; value?: string }[];
    clauses?: QueueObservationQuery['filter'][];
  };
  metrics: QueueObservationMetric[];
  detailMetrics?: QueueObservationMetric[];
}

export interface QueueObservationResponse {
  results: {
    group: { queueId?: string; mediaType?: string };
    data?: { metric: QueueObservationMetric; qualifier?: string; stats: { count?: number }; truncated?: boolean }[];
  }[];
}

export interface DomainEntityRef { id: string; name?: string; selfUri?: string }

export interface ScheduleGroup {
  id: string;
  name: string;
  timeZone: string;
  openSchedules: DomainEntityRef[];
  closedSchedules: DomainEntityRef[];
  holidaySchedules: DomainEntityRef[];
  state: 'active' | 'inactive' | 'deleted';
}

/** `start`/`end` are LocalDateTime without zone ("yyyy-MM-ddTHH:mm:ss.SSS"), read in the group's time zone. */
export interface Schedule {
  id: string;
  name: string;
  start: string;
  end: string;
  rrule?: string;
  state?: 'active' | 'inactive' | 'deleted';
}

// ---------------------------------------------------------------------------------------------------------------
// Message lookups (SDK ConversationsApi: getConversationsMessageDetails, getConversationsMessageMessage,
// getConversationsMessage)
// ---------------------------------------------------------------------------------------------------------------

export const messageDetailsPath = (messageId: string) => `/api/v2/conversations/messages/${encodeURIComponent(messageId)}/details`;

/** `MessageData`: one message of a messaging conversation as the Platform API returns it. */
export interface MessageData {
  id: string;
  providerMessageId?: string;
  timestamp: string;
  fromAddress?: string;
  toAddress?: string;
  direction: 'inbound' | 'outbound';
  messengerType: 'open' | 'webmessaging' | string;
  /** SDK enum: queued, sent, failed, received, delivery-success, delivery-failed, read, removed, published. */
  status: string;
  normalizedMessage?: Record<string, unknown>;
  normalizedReceipts?: Record<string, unknown>[];
  conversationId: string;
  selfUri: string;
}

/** `MessageConversation` (the fields the emulator fills). */
export interface MessageConversation {
  id: string;
  participants: {
    id: string;
    name?: string;
    purpose: 'customer' | 'acd' | 'agent' | string;
    state: 'alerting' | 'connected' | 'disconnected' | string;
    direction?: 'inbound' | 'outbound';
    startTime: string;
    endTime?: string;
    type?: string;
    queue?: DomainEntityRef;
    user?: DomainEntityRef;
    fromAddress?: { addressNormalized: string };
    toAddress?: { addressNormalized: string };
    messages?: { messageId: string; messageURI: string; messageStatus: string; messageTime: string }[];
  }[];
  selfUri: string;
}
