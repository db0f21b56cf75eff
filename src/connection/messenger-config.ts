/**
 * config.json read into {@link MessengerSettings}: every value checked (a chunk, loaded by messenger-settings.ts once
 * a config.json arrived; the transport's own reading is deployment-config.ts).
 */
import { DEFAULT_MAX_FILE_SIZE_KB, isRecord, type DeploymentConfig } from '../protocol/web-messaging.js';
import {
  featuresFromConfig, MAX_POSITION_SPACE, MAX_SETTING_TEXT, type LauncherVisibility, type MessengerSettings,
} from './deployment-config.js';

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const MIME = /^[\w.+-]+\/[\w.+*-]+$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** An absolute http(s) URL, or null. */
function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function shortText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length > 0 ? text.slice(0, MAX_SETTING_TEXT) : null;
}

/** A refused value as a developer warning shows it: JSON, cut to 60 characters; text where JSON cannot say it. */
function shown(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 60) ?? String(value);
  } catch {
    return String(value); // a BigInt, a cycle: not from JSON, but "never throws" holds for any value
  }
}

/** Reads config.json (any value) into {@link MessengerSettings}; never throws. */
export function messengerSettingsFromConfig(config: unknown): MessengerSettings {
  const problems: string[] = [];
  const root = record(config) ?? {};
  const messenger = record(root.messenger) ?? {};
  const apps = record(messenger.apps) ?? {};
  const conversations = record(apps.conversations) ?? {};
  const complain = (field: string, value: unknown, why: string): void => {
    problems.push(`${field} ${why} (got ${shown(value)})`);
  };

  const color = record(messenger.styles)?.primaryColor;
  let primaryColor: string | null = null;
  if (typeof color === 'string' && COLOR.test(color.trim())) primaryColor = color.trim().toLowerCase();
  else if (color !== undefined) complain('messenger.styles.primaryColor', color, 'is not a #rgb or #rrggbb colour');

  const positionIn = record(root.position) ?? {};
  const alignment = positionIn.alignment;
  const position: MessengerSettings['position'] = { alignment: 'Auto', sideSpace: null, bottomSpace: null };
  if (alignment === 'Left' || alignment === 'Right' || alignment === 'Auto') position.alignment = alignment;
  else if (alignment !== undefined) complain('position.alignment', alignment, 'is not Auto, Left or Right');
  for (const key of ['sideSpace', 'bottomSpace'] as const) {
    const space = positionIn[key];
    if (typeof space === 'number' && Number.isFinite(space) && space >= 0) position[key] = Math.min(Math.round(space), MAX_POSITION_SPACE);
    else if (space !== undefined) complain(`position.${key}`, space, 'is not a non-negative number');
  }

  const visibility = record(messenger.launcherButton)?.visibility;
  let launcher: LauncherVisibility = 'On';
  if (visibility === 'On' || visibility === 'Off' || visibility === 'OnDemand') launcher = visibility;
  else if (visibility !== undefined) complain('messenger.launcherButton.visibility', visibility, 'is not On, Off or OnDemand');

  const languages = Array.isArray(root.languages)
    ? [...new Set(root.languages.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim().toLowerCase()))]
    : [];
  const defaultLanguage = typeof root.defaultLanguage === 'string' && root.defaultLanguage.trim() ? root.defaultLanguage.trim().toLowerCase() : null;

  // Null-prototype maps: a language or key named "__proto__" or "constructor" is just a string here.
  const labels = Object.create(null) as Record<string, Record<string, string>>;
  for (const entry of Array.isArray(root.customI18nLabels) ? root.customI18nLabels : []) {
    const item = record(entry);
    const language = typeof item?.language === 'string' ? item.language.trim().toLowerCase() : '';
    if (!item || !language || !Array.isArray(item.localizedLabels)) {
      complain('customI18nLabels[]', entry, 'needs a language and localizedLabels');
      continue;
    }
    for (const label of item.localizedLabels) {
      const key = record(label)?.key;
      const value = shortText(record(label)?.value);
      if (typeof key !== 'string' || !key || value === null) {
        complain(`customI18nLabels[${language}]`, label, 'needs a key and a text value');
        continue;
      }
      (labels[language] ??= Object.create(null) as Record<string, string>)[key] = value;
    }
  }

  const humanize = record(conversations.humanize);
  let bot: MessengerSettings['bot'] = null;
  if (humanize?.enabled === true) {
    const botIn = record(humanize.bot) ?? {};
    const avatarUrl = httpUrl(botIn.avatarUrl);
    if (botIn.avatarUrl !== undefined && avatarUrl === null) complain('humanize.bot.avatarUrl', botIn.avatarUrl, 'is not an http(s) URL');
    bot = { name: shortText(botIn.name), avatarUrl };
  }

  const upload = record(messenger.fileUpload);
  const fileUpload: MessengerSettings['fileUpload'] = { fileTypes: [], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB };
  const modes = Array.isArray(upload?.modes) ? upload.modes.map(record).filter((m) => m !== undefined) : [];
  fileUpload.fileTypes = [...new Set(modes.flatMap((m) => (Array.isArray(m.fileTypes) ? m.fileTypes : []))
    .filter((t): t is string => typeof t === 'string' && MIME.test(t)))];
  const sizes = modes.map((m) => m.maxFileSizeKB).filter((s): s is number => typeof s === 'number' && Number.isFinite(s) && s > 0);
  if (sizes.length > 0) fileUpload.maxFileSizeKB = Math.max(...sizes);

  const home = record(messenger.homeScreen);
  const logoUrl = httpUrl(home?.logoUrl);
  if (home?.logoUrl !== undefined && logoUrl === null) complain('messenger.homeScreen.logoUrl', home.logoUrl, 'is not an http(s) URL');

  const knowledgeIn = record(apps.knowledge);
  const knowledgeBaseId = typeof record(knowledgeIn?.knowledgeBase)?.id === 'string' ? (record(knowledgeIn?.knowledgeBase)?.id as string) : null;

  return {
    primaryColor,
    position,
    launcher,
    languages,
    defaultLanguage,
    labels,
    bot,
    features: featuresFromConfig(root as unknown as DeploymentConfig),
    fileUpload,
    homeScreen: { enabled: home?.enabled === true, logoUrl },
    knowledge: { enabled: knowledgeIn?.enabled === true, knowledgeBaseId },
    apiEndpoint: httpUrl(root.apiEndpoint)?.replace(/\/+$/, '') ?? null,
    problems,
  };
}
