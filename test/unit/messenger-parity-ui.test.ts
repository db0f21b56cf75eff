/**
 * The widget side of Messenger parity, below the DOM: strings per language with the deployment's labels, the
 * settings controller's launcher and label rules, and config.json loading (shared, retried after a failure).
 */
import { describe, expect, it, vi } from 'vitest';
import { messengerSettingsFromConfig } from '../../src/connection/messenger-config.js';
import { forgetMessengerSettings, loadMessengerSettings, MessengerSettingsController } from '../../src/ui/messenger-settings.js';
import {
  loadMessengerStrings, messengerStrings, messengerStringsEn, messengerStringsLoaded,
} from '../../src/ui/messenger-strings.js';

function fakeHost(): { host: never; style: Map<string, string>; updates: () => number } {
  const style = new Map<string, string>();
  let updates = 0;
  const host = {
    addController: () => undefined,
    requestUpdate: () => { updates += 1; },
    style: { setProperty: (k: string, v: string) => style.set(k, v), removeProperty: (k: string) => style.delete(k) },
  };
  return { host: host as never, style, updates: () => updates };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('messengerStrings', () => {
  it('speaks German and French (loaded on first use), English for other languages, and takes string overrides only', async () => {
    expect(messengerStringsLoaded('de')).toBe(false);
    expect(messengerStrings('de').homeStartChat).toBe(messengerStringsEn.homeStartChat); // English until loaded
    expect(await loadMessengerStrings('de-AT')).toBe(true);
    expect(await loadMessengerStrings('fr')).toBe(true);
    expect(messengerStringsLoaded('ja')).toBe(true); // nothing to load: English
    expect(messengerStrings('de-AT').homeStartChat).toBe('Schreiben Sie uns');
    expect(messengerStrings('fr').clearConfirmAction).toBe('Effacer');
    expect(messengerStrings('ja').homeStartChat).toBe(messengerStringsEn.homeStartChat);
    const s = messengerStrings('en', { homeTitle: 'Welcome', homeSubtitle: 42, unknownKey: 'x' });
    expect(s.homeTitle).toBe('Welcome');
    expect(s.homeSubtitle).toBe(messengerStringsEn.homeSubtitle);
    expect(Object.keys(s)).not.toContain('unknownKey');
  });
});

describe('MessengerSettingsController', () => {
  it('maps Messenger label keys to ours, exact language over its primary subtag', async () => {
    const config = {
      id: 'd', status: 'Active', languages: ['en-us', 'en-gb'],
      customI18nLabels: [
        { language: 'en-us', localizedLabels: [{ key: 'MessengerHomeHeaderTitle', value: 'Howdy' }, { key: 'title', value: 'Talk to us' }] },
        { language: 'en-gb', localizedLabels: [{ key: 'MessengerHomeHeaderTitle', value: 'Hello' }] },
      ],
      messenger: { launcherButton: { visibility: 'OnDemand' } },
      position: { alignment: 'Left', sideSpace: 10 },
    };
    const fetchImpl = vi.fn(async () => json(config));
    vi.stubGlobal('fetch', fetchImpl);
    forgetMessengerSettings();
    const { host, style } = fakeHost();
    const sides: string[] = [];
    const controller = new MessengerSettingsController(host, () => ({ region: 'http://127.0.0.1:9', deploymentId: 'd' }), (side) => sides.push(side));
    await controller.reload();
    vi.unstubAllGlobals();
    expect(controller.labels('en-GB')).toEqual({ homeTitle: 'Hello', title: 'Talk to us' });
    expect(controller.labels('en-us')).toEqual({ homeTitle: 'Howdy', title: 'Talk to us' });
    expect(controller.labels('de')).toEqual({});
    expect(sides).toEqual(['left']);
    expect(style.get('--_deployment-side-space')).toBe('10px');
    expect(style.has('--_deployment-bottom-space')).toBe(false);
    // OnDemand: hidden until show(); hide() hides again
    expect(controller.launcherVisible).toBe(false);
    controller.showLauncher();
    expect(controller.launcherVisible).toBe(true);
    controller.hideLauncher();
    expect(controller.launcherVisible).toBe(false);
  });

  it('Off keeps the launcher off whatever the page calls; gateway mode reads no config.json', async () => {
    const fetchImpl = vi.fn(async () => json({ id: 'd', status: 'Active', messenger: { launcherButton: { visibility: 'Off' } } }));
    vi.stubGlobal('fetch', fetchImpl);
    forgetMessengerSettings();
    const { host } = fakeHost();
    const controller = new MessengerSettingsController(host, () => ({ region: 'http://127.0.0.1:9', deploymentId: 'd' }), () => undefined);
    await controller.reload();
    controller.showLauncher();
    expect(controller.launcherVisible).toBe(false);
    const gateway = new MessengerSettingsController(fakeHost().host,
      () => ({ region: 'http://127.0.0.1:9', deploymentId: 'd', tokenEndpoint: '/api/session' }), () => undefined);
    await gateway.reload();
    vi.unstubAllGlobals();
    expect(gateway.settings).toBeNull();
    expect(gateway.launcherVisible).toBe(true);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});

describe('loadMessengerSettings', () => {
  it('fetches a deployment once for the page, and asks again after a failure', async () => {
    forgetMessengerSettings();
    let status = 503;
    const fetchImpl = vi.fn(async () => (status === 200 ? json({ id: 'x', status: 'Active' }) : json({}, status)));
    expect(await loadMessengerSettings('http://127.0.0.1:9', 'x', fetchImpl)).toBeNull();
    status = 200;
    const [a, b] = await Promise.all([
      loadMessengerSettings('http://127.0.0.1:9', 'x', fetchImpl), loadMessengerSettings('http://127.0.0.1:9', 'x', fetchImpl),
    ]);
    expect(a).toEqual(messengerSettingsFromConfig({ id: 'x', status: 'Active' }));
    expect(b).toBe(a);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('a bad region reads nothing (the transport reports it)', async () => {
    const fetchImpl = vi.fn(async () => json({}));
    expect(await loadMessengerSettings('ftp://nowhere', 'x', fetchImpl)).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
