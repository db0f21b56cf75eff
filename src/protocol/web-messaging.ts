/**
 * Genesys Cloud Web Messaging guest WebSocket API: the frames on the wire, to the field name.
 * Source of truth for the widget's direct transport, the emulator and the tests (spec: web-messaging.md §2).
 * Field names follow Genesys (`swagger.json` of web-messaging-sdk-java and the Messenger transport SDK).
 */

// ---------------------------------------------------------------------------------------------------------------
// Limits and constants (spec values; UNCONFIRMED ones are marked and are options where they are used)
// ---------------------------------------------------------------------------------------------------------------

/** Path of the guest socket; the query carries `deploymentId` and `application`. */
export const WEB_MESSAGING_PATH = '/v1';
/** Typing indicators go out at most this often (transport SDK `UserTypingProvider`). */
export const TYPING_THROTTLE_MS = 5_000;
/** Health-check echo at most this often (transport SDK `HealthCheckProvider`). */
export const HEALTH_CHECK_INTERVAL_MS = 30_000;
/** Metadata key carrying the client's own message id on `onMessage`, its echo and history (transport SDK). */
export const CUSTOM_MESSAGE_ID_KEY = 'customMessageId';
/** The transport SDK's fixed tracingId for its health-check echo. */
export const HEALTH_CHECK_TRACING_ID = 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=';
/** Default history page size (`GET /api/v2/webmessaging/messages`). */
export const HISTORY_PAGE_SIZE = 25;
/**
 * The largest history page asked for. UNCONFIRMED: the API reference documents only the default (25); 100 is the
 * Platform API's usual cap and the emulator's limit. A 400 for it falls back to HISTORY_PAGE_SIZE.
 */
export const HISTORY_MAX_PAGE_SIZE = 100;
/** Default maximum upload size when the deployment does not say (FileUploadMode doc): 10 MB. */
export const DEFAULT_MAX_FILE_SIZE_KB = 10_240;
/** Session tokens: any string up to this length; a UUID is recommended (Genesys FAQ). */
export const MAX_SESSION_TOKEN_LENGTH = 2048;
/**
 * Guest message text limit. UNCONFIRMED: Genesys documents error 4011 but not the number; agents may send 4,000
 * characters, so we use the same and make it configurable in the emulator and the widget.
 */
export const DEFAULT_MAX_MESSAGE_LENGTH = 4_000;

/** Web Messaging error codes (transport SDK `core/ErrorCode.kt`). */
export const WebMessagingErrorCode = {
  FeatureUnavailable: 4000,
  FileTypeInvalid: 4001,
  FileSizeInvalid: 4002,
  FileContentInvalid: 4003,
  FileNameInvalid: 4004,
  FileNameTooLong: 4005,
  SessionHasExpired: 4006,
  SessionNotFound: 4007,
  AttachmentHasExpired: 4008,
  AttachmentNotFound: 4009,
  AttachmentNotSuccessfullyUploaded: 4010,
  MessageTooLong: 4011,
  CustomAttributeSizeTooLarge: 4013,
  CannotDowngradeToUnauthenticated: 4017,
  MissingParameter: 4020,
  RequestRateTooHigh: 4029,
  /** The transport's own codes. */
  WebsocketError: 1001,
  WebsocketAccessDenied: 1002,
} as const;
export type WebMessagingErrorCode = (typeof WebMessagingErrorCode)[keyof typeof WebMessagingErrorCode];

// ---------------------------------------------------------------------------------------------------------------
// Content (what can travel in `content[]`)
// ---------------------------------------------------------------------------------------------------------------

export type ContentType =
  | 'Attachment' | 'ButtonResponse' | 'Card' | 'Carousel' | 'DatePicker' | 'Form' | 'GenericTemplate'
  | 'InteractiveApplication' | 'ListPicker' | 'ListTemplate' | 'Location' | 'Mention' | 'Notification'
  | 'PaymentRequest' | 'PaymentResponse' | 'Postback' | 'Push' | 'QuickReply' | 'QuickReplyV2' | 'Reactions'
  | 'RichLink' | 'RoadsideAssistance' | 'Story' | 'Text';

export type AttachmentMediaType = 'Image' | 'Video' | 'Audio' | 'File' | 'Link';

export interface Attachment {
  id: string;
  mediaType?: AttachmentMediaType;
  url?: string;
  mime?: string;
  filename?: string;
  fileSize?: number;
  text?: string;
  sha256?: string;
}

export interface QuickReply {
  text: string;
  payload: string;
  action?: 'Message' | string;
  image?: string;
}

export type ButtonResponseType = 'QuickReply' | 'Button' | 'DatePicker' | 'Form' | 'ListPicker';

export interface ButtonResponse {
  type: ButtonResponseType;
  text: string;
  payload: string;
}

export interface CardAction {
  type: 'Link' | 'Postback' | string;
  text: string;
  url?: string;
  payload?: string;
}

export interface Card {
  title: string;
  description?: string;
  image?: string;
  video?: string;
  defaultAction?: CardAction;
  actions?: CardAction[];
}

export interface Carousel {
  cards: Card[];
}

export interface AttachmentContent { contentType: 'Attachment'; attachment: Attachment }
export interface QuickReplyContent { contentType: 'QuickReply'; quickReply: QuickReply }
export interface ButtonResponseContent { contentType: 'ButtonResponse'; buttonResponse: ButtonResponse }
export interface CardContent { contentType: 'Card'; card: Card }
export interface CarouselContent { contentType: 'Carousel'; carousel: Carousel }
/** Any other content type: kept as it came, rendered as a readable fallback, never dropped. */
export interface UnknownContent { contentType: string; [field: string]: unknown }

export type MessageContent =
  | AttachmentContent | QuickReplyContent | ButtonResponseContent | CardContent | CarouselContent | UnknownContent;

// ---------------------------------------------------------------------------------------------------------------
// Events (`events[]`)
// ---------------------------------------------------------------------------------------------------------------

export type EventType = 'CoBrowse' | 'Presence' | 'Reactions' | 'Typing' | 'Video';
export type PresenceType =
  | 'Authenticate' | 'AuthenticateCancel' | 'AuthenticateFailure' | 'Clear' | 'Disconnect' | 'Join'
  | 'SessionExpired' | 'SignIn';

export interface TypingEvent { eventType: 'Typing'; typing: { type: 'On'; duration?: number } }
export interface PresenceEvent { eventType: 'Presence'; presence: { type: PresenceType } }
export interface OtherEvent { eventType: string; [field: string]: unknown }
export type MessageEvent = TypingEvent | PresenceEvent | OtherEvent;

// ---------------------------------------------------------------------------------------------------------------
// Client -> server requests
// ---------------------------------------------------------------------------------------------------------------

export type RequestAction =
  | 'configureSession' | 'configureAuthenticatedSession' | 'onAttachment' | 'getAttachment' | 'deleteAttachment'
  | 'onMessage' | 'closeSession' | 'echo' | 'getJwt' | 'disconnectCustomer' | 'resumeToken' | 'getConfiguration';

interface BaseRequest {
  action: RequestAction;
  token: string;
  tracingId?: string;
}

export interface ConfigureSessionRequest extends BaseRequest {
  action: 'configureSession';
  deploymentId: string;
  /** true = discard a read-only session and start fresh. */
  startNew?: boolean;
  journeyContext?: Record<string, unknown>;
  resumeToken?: string;
}

/** §2.8: configures a session authenticated by the web deployment JWT (`data.code`), or upgrades an anonymous one. */
export interface ConfigureAuthenticatedSessionRequest extends BaseRequest {
  action: 'configureAuthenticatedSession';
  deploymentId: string;
  data: { code: string };
  startNew?: boolean;
  journeyContext?: Record<string, unknown>;
}

export interface InboundTextMessage {
  type: 'Text';
  text: string;
  content?: MessageContent[];
  /**
   * The Messenger transport SDK sends `{customMessageId: <client id>}` here and Genesys returns it on the Inbound
   * echo and in history, which is how a pending message is matched to its echo. We do the same.
   */
  metadata?: Record<string, string>;
}
export interface InboundStructuredMessage {
  type: 'Structured';
  text?: string;
  content: MessageContent[];
  metadata?: Record<string, string>;
}
export interface InboundEventMessage {
  type: 'Event';
  events: MessageEvent[];
}

export interface OnMessageRequest extends BaseRequest {
  action: 'onMessage';
  message: InboundTextMessage | InboundStructuredMessage | InboundEventMessage;
  channel?: { metadata?: { customAttributes?: Record<string, string> } };
  /** Listed as required in swagger.json; neither official SDK sends it (UNCONFIRMED). */
  time?: string;
}

export interface EchoRequest extends BaseRequest {
  action: 'echo';
  message: { type: 'Text'; text: string };
}

export interface GetJwtRequest extends BaseRequest { action: 'getJwt' }
export interface GetConfigurationRequest extends BaseRequest { action: 'getConfiguration'; deploymentId?: string }

export interface OnAttachmentRequest extends BaseRequest {
  action: 'onAttachment';
  fileName: string;
  fileType: string;
  fileSize: number;
  /** Listed as required in swagger.json; neither official SDK sends it (UNCONFIRMED). */
  fileMd5?: string;
  attachmentId?: string;
}

export interface DeleteAttachmentRequest extends BaseRequest { action: 'deleteAttachment'; attachmentId: string }
export interface GetAttachmentRequest extends BaseRequest { action: 'getAttachment'; attachmentId: string }
export interface CloseSessionRequest extends BaseRequest { action: 'closeSession'; closeAllConnections?: boolean }

export type ClientRequest =
  | ConfigureSessionRequest | ConfigureAuthenticatedSessionRequest | OnMessageRequest | EchoRequest | GetJwtRequest | GetConfigurationRequest
  | OnAttachmentRequest | DeleteAttachmentRequest | GetAttachmentRequest | CloseSessionRequest;

// ---------------------------------------------------------------------------------------------------------------
// Server -> client frames
// ---------------------------------------------------------------------------------------------------------------

export type FrameClass =
  | 'SessionResponse' | 'StructuredMessage' | 'PresignedUrlResponse' | 'AttachmentDeletedResponse'
  | 'UploadSuccessEvent' | 'UploadFailureEvent' | 'ConnectionClosedEvent' | 'LogoutEvent' | 'SessionExpiredEvent'
  | 'JwtResponse' | 'GetConfigurationResponse' | 'GenerateUrlError' | 'TooManyRequestsErrorMessage'
  | 'ResumeTokenResponse' | 'SessionClearedEvent' | 'Error' | 'string' | 'Unknown';

export interface AllowedMedia {
  inbound?: { fileTypes?: { type: string }[]; maxFileSizeKB?: number };
}

export interface SessionResponseBody {
  connected: boolean;
  newSession?: boolean;
  readOnly?: boolean;
  clearedExistingSession?: boolean;
  allowedMedia?: AllowedMedia;
  blockedExtensions?: string[];
  maxCustomDataBytes?: number;
  durationSeconds?: number;
  expirationDate?: number;
  autoStarted?: boolean;
}

export interface Participant {
  nickname?: string;
  firstName?: string;
  lastName?: string;
  image?: string;
  id?: string;
}

export type MessageDirection = 'Inbound' | 'Outbound';
export type NormalizedType = 'Text' | 'Event' | 'Structured' | 'Message' | 'Receipt';

export interface StructuredMessageBody {
  id: string;
  type: NormalizedType;
  text?: string;
  direction: MessageDirection;
  channel?: {
    time?: string;
    messageId?: string;
    type?: string;
    from?: Participant;
    to?: Participant;
  };
  content?: MessageContent[];
  events?: MessageEvent[];
  metadata?: Record<string, string>;
  /** `Bot` or `Human` on outbound messages; real Inbound echoes carry an empty string. */
  originatingEntity?: 'Bot' | 'Human' | '';
}

export interface PresignedUrlResponseBody {
  attachmentId: string;
  url: string;
  headers: Record<string, string>;
  fileName?: string;
  fileSize?: number;
  fileType?: string;
}

export interface UploadSuccessEventBody { attachmentId: string; downloadUrl: string; timestamp: string }
export interface UploadFailureEventBody { attachmentId: string; errorCode: number; errorMessage: string; timestamp: string }
export interface AttachmentDeletedResponseBody { attachmentId: string }
export interface JwtResponseBody { jwt: string; exp: number }
export interface TooManyRequestsBody { errorCode: number; errorMessage: string; retryAfter: number }
export interface ConnectionClosedEventBody { reason?: string }
export interface SessionExpiredEventBody { message?: string }

export interface GetConfigurationResponseBody {
  deploymentId?: string;
  allowedMedia?: AllowedMedia;
  blockedExtensions?: string[];
  maxCustomDataBytes?: number;
  [field: string]: unknown;
}

/** Envelope of every server frame (`BaseMessage`). */
export interface Frame<C extends FrameClass = FrameClass, B = unknown> {
  type: 'response' | 'message';
  class: C;
  code: number;
  body: B;
  tracingId?: string;
}

export type SessionResponseFrame = Frame<'SessionResponse', SessionResponseBody>;
export type StructuredMessageFrame = Frame<'StructuredMessage', StructuredMessageBody>;
export type PresignedUrlResponseFrame = Frame<'PresignedUrlResponse', PresignedUrlResponseBody>;
export type UploadSuccessEventFrame = Frame<'UploadSuccessEvent', UploadSuccessEventBody>;
export type UploadFailureEventFrame = Frame<'UploadFailureEvent', UploadFailureEventBody>;
export type AttachmentDeletedResponseFrame = Frame<'AttachmentDeletedResponse', AttachmentDeletedResponseBody>;
export type JwtResponseFrame = Frame<'JwtResponse', JwtResponseBody>;
export type TooManyRequestsFrame = Frame<'TooManyRequestsErrorMessage', TooManyRequestsBody>;
export type ConnectionClosedEventFrame = Frame<'ConnectionClosedEvent', ConnectionClosedEventBody>;
export type SessionExpiredEventFrame = Frame<'SessionExpiredEvent', SessionExpiredEventBody>;
export type SessionClearedEventFrame = Frame<'SessionClearedEvent', Record<string, unknown>>;
export type GetConfigurationResponseFrame = Frame<'GetConfigurationResponse', GetConfigurationResponseBody>;
export type GenerateUrlErrorFrame = Frame<'GenerateUrlError', { attachmentId?: string; errorCode: number; errorMessage: string }>;
/** Errors and plain replies (e.g. 409 read-only, 4011 too long) come as `class: "string"` with a text body. */
export type StringFrame = Frame<'string', string>;
export type ErrorFrame = Frame<'Error', string | { errorCode?: number; errorMessage?: string }>;

export type ServerFrame =
  | SessionResponseFrame | StructuredMessageFrame | PresignedUrlResponseFrame | UploadSuccessEventFrame
  | UploadFailureEventFrame | AttachmentDeletedResponseFrame | JwtResponseFrame | TooManyRequestsFrame
  | ConnectionClosedEventFrame | SessionExpiredEventFrame | SessionClearedEventFrame | GetConfigurationResponseFrame
  | GenerateUrlErrorFrame | StringFrame | ErrorFrame;

// ---------------------------------------------------------------------------------------------------------------
// REST: history and the public deployment config
// ---------------------------------------------------------------------------------------------------------------

/** `GET /api/v2/webmessaging/messages?pageSize&pageNumber` (Bearer JWT from getJwt). Pages come newest-first. */
export interface HistoryPage {
  entities: StructuredMessageBody[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
}

export const HISTORY_PATH = '/api/v2/webmessaging/messages';

export function deploymentConfigPath(deploymentId: string): string {
  return `/webdeployments/v1/deployments/${encodeURIComponent(deploymentId)}/config.json`;
}

/** `PositionSettings`: where Messenger sits (`sideSpace` / `bottomSpace` in px, as the admin UI sets them). */
export interface PositionSettings {
  alignment?: 'Auto' | 'Left' | 'Right';
  sideSpace?: number;
  bottomSpace?: number;
}

/** `LocalizedLabels.key` values the SDK documents (the home screen's header); others may come. */
export type LocalizedLabelKey = 'MessengerHomeHeaderTitle' | 'MessengerHomeHeaderSubTitle';

/** `CustomI18nLabels`: the deployment's own wording for one language. */
export interface CustomI18nLabels {
  language?: string;
  localizedLabels?: { key?: LocalizedLabelKey | (string & {}); value?: string }[];
}

/** `MessengerHomeScreen`. */
export interface MessengerHomeScreen { enabled?: boolean; logoUrl?: string }

/** `Knowledge` (Messenger's `apps.knowledge`): the knowledge base offered for self-service. */
export interface MessengerKnowledgeApp { enabled?: boolean; knowledgeBase?: { id?: string; selfUri?: string } }

export interface DeploymentConfig {
  id: string;
  version: string;
  languages: string[];
  defaultLanguage: string;
  apiEndpoint?: string;
  status: 'Active' | 'Inactive';
  headlessMode?: { enabled: boolean };
  /** WebDeploymentConfigurationVersion `customI18nLabels` (top level, beside `languages`). */
  customI18nLabels?: CustomI18nLabels[];
  /** WebDeploymentConfigurationVersion `position` (top level, beside `messenger`). */
  position?: PositionSettings;
  messenger?: {
    enabled: boolean;
    styles?: { primaryColor?: string };
    launcherButton?: { visibility?: 'On' | 'Off' | 'OnDemand' };
    fileUpload?: { enableAttachments?: boolean; modes?: { fileTypes: string[]; maxFileSizeKB: number }[] };
    homeScreen?: MessengerHomeScreen;
    sessionPersistenceType?: 'AcrossSubdomains' | 'DomainOrSubdomainOnly';
    apps?: {
      knowledge?: MessengerKnowledgeApp;
      conversations?: {
        messagingEndpoint?: string;
        showAgentTypingIndicator?: boolean;
        showUserTypingIndicator?: boolean;
        autoStart?: { enabled: boolean };
        conversationDisconnect?: { enabled: boolean; type: 'Send' | 'ReadOnly' };
        conversationClear?: { enabled: boolean };
        notifications?: Record<string, unknown>;
        markdown?: { enabled: boolean };
        humanize?: { enabled: boolean; bot?: { name?: string; avatarUrl?: string } };
      };
    };
  };
  journeyEvents?: { enabled: boolean };
  auth?: { enabled: boolean; allowSessionUpgrade?: boolean };
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers shared by both ends
// ---------------------------------------------------------------------------------------------------------------

/** The guest socket URL for a deployment. */
export function webMessagingSocketUrl(base: string, deploymentId: string, application = 'genesys-chat'): string {
  const url = new URL(base);
  url.searchParams.set('deploymentId', deploymentId);
  url.searchParams.set('application', application);
  return url.toString();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
