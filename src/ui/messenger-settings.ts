/**
 * The deployment's Messenger configuration, applied to the element where the page sets nothing itself: it reads the
 * deployment's public config.json at start-up (before any connection, so a closed launcher is already placed,
 * coloured and shown or hidden as the admin configured it) and exposes the validated `MessengerSettings`.
 * Page attributes, the `strings` property and `--genesys-chat-*` CSS properties win over everything here.
 * Direct mode only: the gateway's server does not pass config.json on. A page view after the first starts with the
 * settings of the config.json the last one read (config-cache.ts), and takes the fresh answer's when they differ.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessengerSettings } from '../connection/deployment-config.js';
import { forgetDeploymentConfig, pageFetch, readDeploymentConfig } from '../connection/config-reader.js';
import { forgetConfig, keepConfig, readCachedConfig } from '../connection/config-cache.js';
import { lazyStorage, type TokenStorage } from '../session-store.js';
import { resolveRegion } from '../protocol/regions.js';
import { MESSENGER_LABEL_KEYS } from './messenger-strings.js';

export interface MessengerSettingsSource {
  region?: string | undefined;
  deploymentId?: string | undefined;
  tokenEndpoint?: string | undefined;
}

type Host = ReactiveControllerHost & HTMLElement;

/** config.json answers shared by every element of the page (several chats of one deployment fetch it once). */
const loads = new Map<string, Promise<MessengerSettings | null>>();

/** The page's storage, opened on first use (after the socket was created: session-store.ts). */
const pageStorage = lazyStorage();

/** The api-cdn base of a region, or null for a bad region (the transport reports it). */
function apiCdnBaseOf(region: string): string | null {
  try {
    return resolveRegion(region).apiCdnBase;
  } catch {
    return null;
  }
}

/** Validated settings of a config.json (the reader is a chunk: only pages whose deployment has settings need it). */
async function settingsOf(config: Record<string, unknown>): Promise<MessengerSettings | null> {
  let reader: typeof import('../connection/messenger-config.js');
  try {
    reader = await import('../connection/messenger-config.js');
  } catch (error) {
    console.warn('[genesys-chat] the deployment settings could not be loaded; using the defaults', error);
    return null;
  }
  const settings = reader.messengerSettingsFromConfig(config as Parameters<typeof reader.messengerSettingsFromConfig>[0]);
  if (settings.problems.length) console.warn('[genesys-chat] deployment settings ignored:', settings.problems);
  return settings;
}

/**
 * Reads and validates a deployment's config.json; null when it cannot be read (the element keeps its defaults). An
 * `ok` answer is kept in `storage` for the next page view; a deployment that is gone or inactive keeps nothing.
 */
export function loadMessengerSettings(region: string, deploymentId: string, fetchImpl: typeof fetch = pageFetch,
  storage: () => TokenStorage = pageStorage): Promise<MessengerSettings | null> {
  const apiCdnBase = apiCdnBaseOf(region);
  if (apiCdnBase === null) return Promise.resolve(null);
  const key = `${apiCdnBase}|${deploymentId}`;
  let pending = loads.get(key);
  if (!pending) {
    pending = readDeploymentConfig(fetchImpl, apiCdnBase, deploymentId).then(async (outcome) => {
      if (outcome.kind === 'not-found' || outcome.kind === 'inactive') forgetConfig(storage(), deploymentId);
      if (outcome.kind !== 'ok') {
        loads.delete(key); // not found or unavailable now: ask again next time
        return null;
      }
      const config = outcome.config as unknown as Record<string, unknown>;
      keepConfig(storage(), apiCdnBase, deploymentId, config);
      const settings = await settingsOf(config);
      if (!settings) loads.delete(key);
      return settings;
    });
    loads.set(key, pending);
  }
  return pending;
}

/** The settings of the config.json the last page view kept, or null when there is none (see config-cache.ts). */
export function cachedMessengerSettings(region: string, deploymentId: string, storage: () => TokenStorage = pageStorage): Promise<MessengerSettings | null> | null {
  const apiCdnBase = apiCdnBaseOf(region);
  const config = apiCdnBase === null ? null : readCachedConfig(storage(), apiCdnBase, deploymentId);
  return config ? settingsOf(config) : null;
}

/** Whether two readings of config.json set the same settings. */
function sameSettings(a: MessengerSettings, b: MessengerSettings | null): boolean {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Forgets cached config.json answers (a deployment changed at run time; tests). */
export function forgetMessengerSettings(): void {
  loads.clear();
  forgetDeploymentConfig();
}

export class MessengerSettingsController implements ReactiveController {
  private current: MessengerSettings | null = null;
  private loadedKey = '';
  private launcherOverride: boolean | null = null;
  /** config.json's answer for the loaded key has not come yet; the kept copy is being read (see settling). */
  private waitingFresh = false;
  private waitingKept = false;
  /** Bumped whenever the settings change (caches keyed on it re-read labels). */
  version = 0;

  constructor(
    private readonly host: Host,
    private readonly source: () => MessengerSettingsSource,
    private readonly applyAlignment: (side: 'left' | 'right') => void,
    private readonly storage?: () => TokenStorage,
  ) {
    host.addController(this);
  }

  /**
   * The settings are on their way: the copy the last page view kept is being read, or (`orFresh`) config.json's
   * answer has not come and no copy was kept. The element holds its first render on it, so the visitor does not see
   * the defaults first (a launcher in the wrong corner, or one the deployment turns off).
   */
  settling(orFresh: boolean): boolean {
    return this.waitingKept || (orFresh && this.waitingFresh && this.current === null);
  }

  /** The deployment's validated settings, or null (gateway mode, not loaded yet, or unreadable). */
  get settings(): MessengerSettings | null {
    return this.current;
  }

  hostConnected(): void {
    this.load();
  }

  hostUpdate(): void {
    this.load();
  }

  /** Reads config.json again (after the deployment was changed at run time). */
  reload(): Promise<void> {
    forgetMessengerSettings();
    this.loadedKey = '';
    return this.load(false);
  }

  /** `keptFirst`: start with the kept copy's settings (not when config.json is read again because it changed). */
  private load(keptFirst = true): Promise<void> {
    const { region, deploymentId, tokenEndpoint } = this.source();
    const key = region && deploymentId && !tokenEndpoint ? `${region}|${deploymentId}` : '';
    if (key === this.loadedKey) return Promise.resolve();
    this.loadedKey = key;
    this.waitingKept = false;
    if (!key || !region || !deploymentId) {
      this.waitingFresh = false;
      this.set(null);
      return Promise.resolve();
    }
    this.waitingFresh = true;
    if (keptFirst) this.useKeptCopy(key, region, deploymentId);
    return loadMessengerSettings(region, deploymentId, undefined, this.storage).then((settings) => {
      if (this.loadedKey !== key) return;
      this.waitingFresh = false;
      this.waitingKept = false;
      // An answer that could not be read keeps the kept copy's settings; one like them changes nothing.
      if (settings ? !sameSettings(settings, this.current) : !this.current) this.set(settings);
      else this.host.requestUpdate(); // a first render held for the answer (settling) may go now
    });
  }

  /**
   * The settings of the config.json the last page view kept, until the fresh answer comes. Read a microtask later:
   * the page's first storage access costs milliseconds, and the element's first update (which opens the socket) is
   * already queued.
   */
  private useKeptCopy(key: string, region: string, deploymentId: string): void {
    this.waitingKept = true;
    queueMicrotask(() => {
      if (this.loadedKey !== key || !this.waitingKept) return;
      const kept = cachedMessengerSettings(region, deploymentId, this.storage);
      if (!kept) {
        this.waitingKept = false;
        this.host.requestUpdate();
        return;
      }
      void kept.then((settings) => {
        if (this.loadedKey !== key || !this.waitingKept) return; // the fresh answer came first
        this.waitingKept = false;
        if (settings) this.set(settings);
        else this.host.requestUpdate();
      });
    });
  }

  private set(settings: MessengerSettings | null): void {
    this.current = settings;
    this.version += 1;
    this.applyPosition();
    this.host.requestUpdate();
  }

  /** `position`: the corner (unless the page chose one) and the deployment's spaces as fallbacks of the CSS offset. */
  private applyPosition(): void {
    const position = this.current?.position;
    const style = this.host.style;
    if (position?.sideSpace != null) style.setProperty('--_deployment-side-space', `${position.sideSpace}px`);
    else style.removeProperty('--_deployment-side-space');
    if (position?.bottomSpace != null) style.setProperty('--_deployment-bottom-space', `${position.bottomSpace}px`);
    else style.removeProperty('--_deployment-bottom-space');
    // `Auto` (or none) is the default corner again: a kept copy or an earlier answer may have moved the launcher.
    this.applyAlignment(position?.alignment === 'Left' ? 'left' : 'right');
  }

  /** Whether the launcher button shows: `show()` / `hide()` decide once called, else the deployment (`On` shows). */
  get launcherVisible(): boolean {
    if (this.launcherOff) return false;
    if (this.launcherOverride !== null) return this.launcherOverride;
    return (this.current?.launcher ?? 'On') === 'On';
  }

  /** The launcher is `Off`: the page opens the chat itself (`open()`), and `show()` does not bring a button back. */
  get launcherOff(): boolean {
    return this.current?.launcher === 'Off';
  }

  showLauncher(): void {
    this.launcherOverride = true;
    this.host.requestUpdate();
  }

  hideLauncher(): void {
    this.launcherOverride = false;
    this.host.requestUpdate();
  }

  /** The deployment's wording for a language, keyed by our string names (Messenger key names mapped). */
  labels(language: string): Record<string, string> {
    const settings = this.current;
    if (!settings) return {};
    const lang = language.toLowerCase();
    const primary = lang.split('-')[0] ?? lang;
    // Exact language first; a label of the same primary language (`en-us` for `en`) when there is no exact one.
    const sources = [
      ...Object.entries(settings.labels).filter(([candidate]) => candidate !== lang && (candidate === primary || candidate.split('-')[0] === primary)),
      ...Object.entries(settings.labels).filter(([candidate]) => candidate === lang),
    ];
    const out: Record<string, string> = {};
    for (const [, labels] of sources) {
      for (const [key, value] of Object.entries(labels)) out[MESSENGER_LABEL_KEYS[key] ?? key] = value;
    }
    return out;
  }
}
