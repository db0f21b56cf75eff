/**
 * The deployment's public config.json (api-cdn, no auth): whether the deployment exists and is active, and which
 * features it turns on. Fetched in parallel with the socket's opening (web-messaging.md §2.6).
 */
import { DEFAULT_FEATURES, type ChatError, type ChatFeatures, type ChatLimits } from '../model.js';
import {
  DEFAULT_MAX_FILE_SIZE_KB, DEFAULT_MAX_MESSAGE_LENGTH, deploymentConfigPath, isRecord,
  type DeploymentConfig, type SessionResponseBody,
} from '../protocol/web-messaging.js';
import { chatError } from './errors.js';

export type ConfigOutcome =
  | { kind: 'ok'; config: DeploymentConfig }
  | { kind: 'not-found' }
  | { kind: 'inactive'; config: DeploymentConfig }
  /** Network trouble or a bad answer: not a verdict on the deployment; features keep their defaults. */
  | { kind: 'unavailable'; reason: string };

/** A fatal ChatError when config.json says the deployment does not exist or is inactive; else null. */
export function deploymentVerdict(outcome: ConfigOutcome | null, deploymentId: string): ChatError | null {
  if (outcome?.kind === 'not-found') {
    return chatError('deployment-not-found',
      `Deployment "${deploymentId}" was not found in this region; check deployment-id and region.`, { fatal: true });
  }
  if (outcome?.kind === 'inactive') {
    return chatError('deployment-inactive', `Deployment "${deploymentId}" is not active.`, { fatal: true });
  }
  return null;
}

/** Fetches and classifies config.json. Never rejects. */
export async function fetchDeploymentConfig(
  fetchImpl: typeof fetch,
  apiCdnBase: string,
  deploymentId: string,
  signal?: AbortSignal,
): Promise<ConfigOutcome> {
  let response: Response;
  try {
    response = await fetchImpl(`${apiCdnBase}${deploymentConfigPath(deploymentId)}`, signal ? { signal } : {});
  } catch (error) {
    return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 404) return { kind: 'not-found' };
  if (!response.ok) return { kind: 'unavailable', reason: `config.json answered ${response.status}` };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'unavailable', reason: 'config.json is not JSON' };
  }
  if (!isRecord(body)) return { kind: 'unavailable', reason: 'config.json is not an object' };
  const config = body as unknown as DeploymentConfig;
  if (config.status === 'Inactive') return { kind: 'inactive', config };
  return { kind: 'ok', config };
}

/** The features a config turns on; fields the config leaves out keep DEFAULT_FEATURES. */
export function featuresFromConfig(config: DeploymentConfig): ChatFeatures {
  const features: ChatFeatures = { ...DEFAULT_FEATURES };
  const messenger = isRecord(config.messenger) ? config.messenger : undefined;
  const upload = messenger && isRecord(messenger.fileUpload) ? messenger.fileUpload : undefined;
  const primaryColor = messenger && isRecord(messenger.styles) ? messenger.styles.primaryColor : undefined;
  // Only a plain hex colour from remote config (the widget parses it again before use).
  if (typeof primaryColor === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(primaryColor.trim())) {
    features.primaryColor = primaryColor.trim();
  }
  if (upload) {
    features.attachments = typeof upload.enableAttachments === 'boolean'
      ? upload.enableAttachments
      : Array.isArray(upload.modes) && upload.modes.length > 0;
  }
  // Which languages the deployment's flows speak: the widget prefers the page's language among these.
  const tag = (value: unknown): value is string => typeof value === 'string' && /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8}){0,3}$/i.test(value);
  if (Array.isArray(config.languages)) {
    const languages = config.languages.filter(tag).slice(0, 100);
    if (languages.length) features.languages = languages;
  }
  if (tag(config.defaultLanguage)) features.defaultLanguage = config.defaultLanguage;
  const conversations = messenger && isRecord(messenger.apps) && isRecord(messenger.apps.conversations)
    ? messenger.apps.conversations : undefined;
  if (!conversations) return features;
  if (typeof conversations.showAgentTypingIndicator === 'boolean') features.agentTyping = conversations.showAgentTypingIndicator;
  if (typeof conversations.showUserTypingIndicator === 'boolean') features.guestTyping = conversations.showUserTypingIndicator;
  if (isRecord(conversations.markdown)) features.markdown = conversations.markdown.enabled === true;
  if (isRecord(conversations.autoStart)) features.autoStart = conversations.autoStart.enabled === true;
  if (isRecord(conversations.conversationClear)) features.conversationClear = conversations.conversationClear.enabled === true;
  const disconnect = conversations.conversationDisconnect;
  if (isRecord(disconnect)) {
    features.conversationDisconnect = disconnect.enabled === false ? false : disconnect.type === 'Send' ? 'Send' : 'ReadOnly';
  }
  return features;
}

/**
 * Limits for the composer and the attachment picker: the SessionResponse's `allowedMedia` / `blockedExtensions` /
 * `maxCustomDataBytes` first, the config's fileUpload modes when the session does not say.
 */
export function limitsFrom(
  session: SessionResponseBody,
  config: DeploymentConfig | undefined,
  maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH,
): ChatLimits {
  const limits: ChatLimits = {
    maxMessageLength,
    allowedFileTypes: [],
    maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB,
    blockedExtensions: [],
  };
  const inbound = isRecord(session.allowedMedia) && isRecord(session.allowedMedia.inbound) ? session.allowedMedia.inbound : undefined;
  if (inbound) {
    if (Array.isArray(inbound.fileTypes)) {
      limits.allowedFileTypes = inbound.fileTypes
        .map((entry) => (isRecord(entry) && typeof entry.type === 'string' ? entry.type : ''))
        .filter((type) => type);
    }
    const size = inbound.maxFileSizeKB;
    if (typeof size === 'number' && Number.isFinite(size) && size > 0) limits.maxFileSizeKB = size;
  } else {
    // config.json is remote too: a mode that is not an object, or a type that is not a string, is skipped.
    const messenger = isRecord(config?.messenger) ? config.messenger : undefined;
    const upload = messenger && isRecord(messenger.fileUpload) ? messenger.fileUpload : undefined;
    const modes = Array.isArray(upload?.modes) ? (upload.modes as unknown[]).filter(isRecord) : [];
    if (modes.length > 0) {
      limits.allowedFileTypes = modes.flatMap((mode) => (Array.isArray(mode.fileTypes) ? mode.fileTypes : []))
        .filter((type): type is string => typeof type === 'string' && type !== '');
      const sizes = modes.map((mode) => mode.maxFileSizeKB)
        .filter((size): size is number => typeof size === 'number' && Number.isFinite(size) && size > 0);
      if (sizes.length) limits.maxFileSizeKB = Math.max(...sizes);
    }
  }
  if (Array.isArray(session.blockedExtensions)) {
    limits.blockedExtensions = session.blockedExtensions.filter((ext): ext is string => typeof ext === 'string');
  }
  const customData = session.maxCustomDataBytes;
  if (typeof customData === 'number' && Number.isFinite(customData) && customData > 0) limits.maxCustomDataBytes = customData;
  return limits;
}

// ---------------------------------------------------------------------------------------------------------------
// Messenger settings: config.json turned into a typed, validated object the element can apply
// ---------------------------------------------------------------------------------------------------------------

export type LauncherVisibility = 'On' | 'Off' | 'OnDemand';
export type MessengerAlignment = 'Auto' | 'Left' | 'Right';

/**
 * What a deployment's Messenger configuration asks of the widget, every value checked: a colour is `#rgb` or
 * `#rrggbb` (it goes into CSS), URLs are absolute http(s), numbers are finite and in range, strings are strings.
 * A value that fails its check is left at its default and named in `problems` (for a developer warning).
 */
export interface MessengerSettings {
  /** `messenger.styles.primaryColor`, or null. */
  primaryColor: string | null;
  /** `position`; spaces in px, null when not set. */
  position: { alignment: MessengerAlignment; sideSpace: number | null; bottomSpace: number | null };
  /** `messenger.launcherButton.visibility` (default `On`). */
  launcher: LauncherVisibility;
  /** `languages`, lower case, in the deployment's order. */
  languages: string[];
  /** `defaultLanguage`, lower case, or null. */
  defaultLanguage: string | null;
  /** `customI18nLabels`: language (lower case) -> label key -> the deployment's own wording. */
  labels: Record<string, Record<string, string>>;
  /** `apps.conversations.humanize`: the bot's display name and avatar, when humanize is enabled. */
  bot: { name: string | null; avatarUrl: string | null } | null;
  /** Typing, markdown, attachments, auto-start, clear, disconnect (the same reading as featuresFromConfig). */
  features: ChatFeatures;
  /** `messenger.fileUpload.modes`: the allowed types and the largest size. */
  fileUpload: { fileTypes: string[]; maxFileSizeKB: number };
  /** `messenger.homeScreen`. */
  homeScreen: { enabled: boolean; logoUrl: string | null };
  /** `apps.knowledge`: knowledge-base self-service. */
  knowledge: { enabled: boolean; knowledgeBaseId: string | null };
  /** `apiEndpoint`: the Platform API base for REST calls (knowledge), or null. */
  apiEndpoint: string | null;
  /** What was ignored, and why. */
  problems: string[];
}

/** Largest `sideSpace` / `bottomSpace` honoured, in px (a bigger value would push the widget off small screens). */
export const MAX_POSITION_SPACE = 500;
/** Longest bot name and label kept. */
export const MAX_SETTING_TEXT = 200;

/**
 * The language to use: the requested one when the deployment offers it (exactly, or by its primary subtag:
 * `de-at` -> `de`), else the deployment's default, else the first language, else `en-us`.
 */
export function messengerLanguage(settings: MessengerSettings, requested?: string | null): string {
  const offered = settings.languages;
  const wanted = requested?.trim().toLowerCase();
  if (wanted) {
    if (offered.includes(wanted)) return wanted;
    const primary = wanted.split('-')[0] ?? wanted;
    const match = offered.find((l) => l === primary || l.split('-')[0] === primary);
    if (match) return match;
  }
  return settings.defaultLanguage ?? offered[0] ?? 'en-us';
}

/** The deployment's own wording for a label in a language (exact, then primary subtag), or null. */
export function messengerLabel(settings: MessengerSettings, language: string, key: string): string | null {
  const lang = language.toLowerCase();
  const exact = settings.labels[lang]?.[key];
  if (exact !== undefined) return exact;
  const primary = lang.split('-')[0] ?? lang;
  for (const [candidate, labels] of Object.entries(settings.labels)) {
    if ((candidate === primary || candidate.split('-')[0] === primary) && labels[key] !== undefined) return labels[key];
  }
  return null;
}
