/**
 * The deployment's Messenger configuration, applied to the element where the page sets nothing itself: it reads the
 * deployment's public config.json at start-up (before any connection, so a closed launcher is already placed,
 * coloured and shown or hidden as the admin configured it) and exposes the validated `MessengerSettings`.
 * Page attributes, the `strings` property and `--genesys-chat-*` CSS properties win over everything here.
 * Direct mode only: the gateway's server does not pass config.json on.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessengerSettings } from '../connection/deployment-config.js';
import { forgetDeploymentConfig, pageFetch, readDeploymentConfig } from '../connection/config-reader.js';
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

/** Reads and validates a deployment's config.json; null when it cannot be read (the element keeps its defaults). */
export function loadMessengerSettings(region: string, deploymentId: string, fetchImpl: typeof fetch = pageFetch): Promise<MessengerSettings | null> {
  let apiCdnBase: string;
  try {
    apiCdnBase = resolveRegion(region).apiCdnBase;
  } catch {
    return Promise.resolve(null); // the transport reports a bad region
  }
  const key = `${apiCdnBase}|${deploymentId}`;
  let pending = loads.get(key);
  if (!pending) {
    pending = readDeploymentConfig(fetchImpl, apiCdnBase, deploymentId).then(async (outcome) => {
      if (outcome.kind !== 'ok') {
        loads.delete(key); // not found or unavailable now: ask again next time
        return null;
      }
      // The reading of the Messenger settings is a chunk: only pages whose deployment answered need it.
      let reader: typeof import('../connection/messenger-config.js');
      try {
        reader = await import('../connection/messenger-config.js');
      } catch (error) {
        console.warn('[genesys-chat] the deployment settings could not be loaded; using the defaults', error);
        loads.delete(key);
        return null;
      }
      const settings = reader.messengerSettingsFromConfig(outcome.config);
      if (settings.problems.length) console.warn('[genesys-chat] deployment settings ignored:', settings.problems);
      return settings;
    });
    loads.set(key, pending);
  }
  return pending;
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
  /** Bumped whenever the settings change (caches keyed on it re-read labels). */
  version = 0;

  constructor(
    private readonly host: Host,
    private readonly source: () => MessengerSettingsSource,
    private readonly applyAlignment: (side: 'left' | 'right') => void,
  ) {
    host.addController(this);
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
    return this.load();
  }

  private load(): Promise<void> {
    const { region, deploymentId, tokenEndpoint } = this.source();
    const key = region && deploymentId && !tokenEndpoint ? `${region}|${deploymentId}` : '';
    if (key === this.loadedKey) return Promise.resolve();
    this.loadedKey = key;
    if (!key || !region || !deploymentId) {
      this.set(null);
      return Promise.resolve();
    }
    return loadMessengerSettings(region, deploymentId).then((settings) => {
      if (this.loadedKey === key) this.set(settings);
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
    if (position?.alignment === 'Left') this.applyAlignment('left');
    else if (position?.alignment === 'Right') this.applyAlignment('right');
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
