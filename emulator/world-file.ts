import type { DeploymentConfig } from '@genesys-chat/protocol/web-messaging.js';
import type { Schedule, ScheduleGroup } from '@genesys-chat/protocol/open-messaging.js';
import type { CustomI18nLabels, PositionSettings } from '@genesys-chat/protocol/web-messaging.js';
import type { DocumentBody, KnowledgeDocumentAlternative } from '@genesys-chat/protocol/knowledge.js';

/** A web deployment as the world file describes it (what Genesys' admin UI would configure). */
export interface WorldDeployment {
  id: string;
  name?: string;
  status: 'Active' | 'Inactive';
  /** Hostnames allowed in the guest socket's `Origin` (Messenger "allowed domains"). Empty = any. */
  allowedDomains: string[];
  languages?: string[];
  defaultLanguage?: string;
  /** The public Messenger config served in config.json. */
  messenger?: DeploymentConfig['messenger'];
  /** Custom attributes budget (SessionResponse `maxCustomDataBytes`). */
  maxCustomDataBytes?: number;
  blockedExtensions?: string[];
  /** Queue used when no `skill` attribute matches. */
  defaultQueueId?: string;
  /** Id of the bot flow (world `bots[]`) that answers first; absent = straight to the queue. */
  botId?: string;
  /** Messenger position (config `position`, a sibling of `messenger` in WebDeploymentConfigurationVersion). */
  position?: PositionSettings;
  /** The deployment's own wording per language (config `customI18nLabels`). */
  customI18nLabels?: CustomI18nLabels[];
  /** Authenticated Web Messaging (`AuthenticationSettings`, web-messaging.md §2.8); see docs/emulator-auth.md. */
  auth?: { enabled: boolean; allowSessionUpgrade?: boolean; integrationId?: string };
}

/** One article of a knowledge base: one published version, one variation (the body), in the SDK's body shape. */
export interface WorldKnowledgeDocument {
  id: string;
  title: string;
  categoryId?: string;
  alternatives?: KnowledgeDocumentAlternative[];
  body: DocumentBody;
  dateModified?: string;
  /** Hidden documents are never searched or listed (`visible: false`). Default true. */
  visible?: boolean;
}

/** A knowledge base (one core language), as a Messenger deployment's `apps.knowledge.knowledgeBase.id` names it. */
export interface WorldKnowledgeBase {
  id: string;
  name: string;
  coreLanguage: string;
  categories: { id: string; name: string; description?: string; parentId?: string }[];
  documents: WorldKnowledgeDocument[];
}

/** One test user of the emulator's OpenID Connect identity provider. */
export interface IdpUser { sub: string; name: string; email?: string; givenName?: string; familyName?: string }

/** A relying party (a website) of the identity provider. A redirect URI ending in `*` matches by prefix. */
export interface IdpClient { clientId: string; name?: string; redirectUris: string[] }

export interface WorldQueue { id: string; name: string; skills: string[] }
export interface WorldAgent { id: string; name: string; nickname?: string; queueIds?: string[]; image?: string }

/** One step of a scripted bot flow. */
export interface BotStep {
  id: string;
  /** Text the bot sends when it enters this step. */
  text?: string;
  /** Quick replies offered with the text. `next` is the step the answer leads to. */
  quickReplies?: { text: string; payload: string; next: string }[];
  /** Hand the conversation to this queue (by id or by skill name) after sending the text. */
  handOver?: { queueId?: string; skill?: string };
  /** When the guest types something that matches no quick reply, go here (default: repeat this step). */
  fallback?: string;
}

/** A scripted inbound flow (what an Architect bot flow would do). */
export interface BotFlow {
  id: string;
  name: string;
  /** Nickname shown on bot messages (`channel.from.nickname`). */
  nickname: string;
  /** First step, sent on autostart (Presence Join) or on the guest's first message. */
  start: string;
  steps: BotStep[];
  /** Line sent before hand-over (defaults to "Connecting you to an agent"). */
  handOverText?: string;
}

export interface OpenIntegrationConfig {
  id: string;
  name: string;
  outboundNotificationWebhookUrl: string;
  outboundNotificationWebhookSignatureSecretToken: string;
  webhookHeaders?: Record<string, string>;
  /** Id of a bot flow (world `bots[]`) that answers a new conversation's first guest message; absent = straight to the queue. */
  botId?: string;
}

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  name: string;
  accessTokenValiditySeconds: number;
}

/** The world file (`--world FILE`): everything the emulator knows before the first guest arrives. */
export interface WorldFile {
  deployments: WorldDeployment[];
  queues: WorldQueue[];
  agents: WorldAgent[];
  bots?: BotFlow[];
  openMessaging?: { integrations: OpenIntegrationConfig[] };
  oauthClients?: OAuthClientConfig[];
  scheduleGroups?: ScheduleGroup[];
  schedules?: Schedule[];
  knowledgeBases?: WorldKnowledgeBase[];
  /** The emulator's own OpenID Connect provider for authenticated messaging (emulator/auth/). */
  identityProvider?: { clients: IdpClient[]; users: IdpUser[] };
}
