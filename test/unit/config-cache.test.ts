/**
 * The config.json a page view keeps for the next one (src/connection/config-cache.ts) and how the settings controller
 * uses it: the kept copy's settings first, the fresh answer's when they differ, never a hostile stored value as it is.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configCacheKey, keepConfig, MAX_CACHED_CONFIG_CHARS, readCachedConfig } from '../../src/connection/config-cache.js';
import { resolveRegion } from '../../src/protocol/regions.js';
import { memoryStorage, type TokenStorage } from '../../src/session-store.js';
import { forgetMessengerSettings, MessengerSettingsController } from '../../src/ui/messenger-settings.js';

const REGION = 'http://127.0.0.1:9';
const BASE = resolveRegion(REGION).apiCdnBase;
const GREEN = { id: 'd', status: 'Active', messenger: { styles: { primaryColor: '#0b6e4f' } }, position: { alignment: 'Left' } };
const RED = { id: 'd', status: 'Active', messenger: { styles: { primaryColor: '#aa0000' }, launcherButton: { visibility: 'Off' } } };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function throwingStorage(): TokenStorage {
  const refuse = () => { throw new DOMException('blocked', 'SecurityError'); };
  return { getItem: refuse, setItem: refuse, removeItem: refuse };
}

/** A settings controller on a host that counts update requests; config.json answers when `answer` is called. */
function controllerWith(storage: TokenStorage, source: { region?: string; deploymentId?: string; tokenEndpoint?: string } = { region: REGION, deploymentId: 'd' }) {
  let answer: (response: Response) => void = () => undefined;
  const fetchImpl = vi.fn(() => new Promise<Response>((resolve) => { answer = resolve; }));
  vi.stubGlobal('fetch', fetchImpl);
  forgetMessengerSettings();
  let updates = 0;
  const sides: string[] = [];
  const style = new Map<string, string>();
  const host = {
    addController: vi.fn(),
    requestUpdate: () => { updates += 1; },
    style: { setProperty: (name: string, value: string) => style.set(name, value), removeProperty: (name: string) => style.delete(name) },
  };
  const controller = new MessengerSettingsController(host as never, () => source, (side) => sides.push(side), () => storage);
  expect(host.addController).toHaveBeenCalledWith(controller);
  controller.hostConnected();
  return { controller, sides, style, fetchImpl, updates: () => updates, answer: (response: Response) => answer(response) };
}

/** Long enough for the kept copy's read (a microtask and the reader chunk's import) to have happened. */
const aMoment = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Lets the kept copy's microtask and its reader chunk's import settle. */
async function settle(until: () => boolean): Promise<void> {
  await vi.waitFor(() => { if (!until()) throw new Error('not yet'); });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readCachedConfig / keepConfig', () => {
  it('keeps an answer per deployment and region, and reads nothing else back', () => {
    const storage = memoryStorage();
    expect(readCachedConfig(storage, BASE, 'd')).toBeNull();
    keepConfig(storage, BASE, 'd', GREEN);
    expect(readCachedConfig(storage, BASE, 'd')).toEqual(GREEN);
    expect(readCachedConfig(storage, 'https://api-cdn.mypurecloud.de', 'd')).toBeNull(); // another region's deployment
    expect(readCachedConfig(storage, BASE, 'other')).toBeNull();
    for (const stored of ['not json', '42', 'null', JSON.stringify({ base: BASE, config: 'x' }), JSON.stringify({ base: BASE, config: [1] }), JSON.stringify({ config: GREEN })]) {
      storage.setItem(configCacheKey('d'), stored);
      expect(readCachedConfig(storage, BASE, 'd'), stored).toBeNull();
    }
  });

  it('a config.json over the cap is not kept, and the older copy goes with it (it would be stale)', () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'd', GREEN);
    keepConfig(storage, BASE, 'd', { ...GREEN, padding: 'x'.repeat(MAX_CACHED_CONFIG_CHARS) });
    expect(storage.getItem(configCacheKey('d'))).toBeNull();
    storage.setItem(configCacheKey('d'), JSON.stringify({ base: BASE, config: GREEN }) + ' '.repeat(MAX_CACHED_CONFIG_CHARS));
    expect(readCachedConfig(storage, BASE, 'd')).toBeNull();
  });

  it('a copy of exactly the cap is kept and read back', () => {
    const storage = memoryStorage();
    const bare = JSON.stringify({ base: BASE, config: { pad: '' } }).length;
    const config = { pad: 'x'.repeat(MAX_CACHED_CONFIG_CHARS - bare) };
    keepConfig(storage, BASE, 'd', config);
    expect(storage.getItem(configCacheKey('d'))?.length).toBe(MAX_CACHED_CONFIG_CHARS);
    expect(readCachedConfig(storage, BASE, 'd')).toEqual(config);
  });

  it('storage that throws keeps and reads nothing, and never throws itself', () => {
    expect(() => keepConfig(throwingStorage(), BASE, 'd', GREEN)).not.toThrow();
    expect(readCachedConfig(throwingStorage(), BASE, 'd')).toBeNull();
  });
});

describe('MessengerSettingsController with a kept config.json', () => {
  it('starts with the kept settings before config.json answers; the same answer changes nothing', async () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'd', GREEN);
    const { controller, sides, updates, answer, fetchImpl } = controllerWith(storage);
    expect(controller.settling(false)).toBe(true); // the kept copy is being read
    await settle(() => controller.settings !== null);
    expect(controller.settings?.primaryColor).toBe('#0b6e4f');
    expect(sides).toEqual(['left']);
    expect(controller.settling(true)).toBe(false); // a closed launcher need not wait for config.json now
    const version = controller.version;
    const before = updates();
    answer(json(GREEN));
    await settle(() => updates() > before);
    expect(controller.version).toBe(version);
    expect(sides).toEqual(['left']);
    controller.hostUpdate(); // every update asks: the same deployment is not read again
    await aMoment();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(controller.version).toBe(version);
  });

  it('a changed deployment: the fresh answer replaces the kept settings, corner included, and is kept for the next page view', async () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'd', GREEN);
    keepConfig(storage, BASE, 'd', { ...GREEN, position: { alignment: 'Left', sideSpace: 24, bottomSpace: 32 } });
    const { controller, answer, sides, style } = controllerWith(storage);
    await settle(() => controller.settings !== null);
    expect(Object.fromEntries(style)).toEqual({ '--_deployment-side-space': '24px', '--_deployment-bottom-space': '32px' });
    const version = controller.version;
    answer(json(RED));
    await settle(() => controller.settings?.primaryColor === '#aa0000');
    expect(controller.version).toBe(version + 1);
    expect(controller.launcherVisible).toBe(false);
    expect(sides).toEqual(['left', 'right']); // no alignment (Auto): back to the default corner
    expect(Object.fromEntries(style)).toEqual({}); // and no spaces of its own
    expect(readCachedConfig(storage, BASE, 'd')).toEqual(RED);
  });

  it('config.json that cannot be read keeps the kept settings; one that says the deployment is gone forgets them', async () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'd', GREEN);
    const unreadable = controllerWith(storage);
    await settle(() => unreadable.controller.settings !== null);
    unreadable.answer(json({}, 503));
    await settle(() => !unreadable.controller.settling(true) && unreadable.updates() > 1);
    expect(unreadable.controller.settings?.primaryColor).toBe('#0b6e4f');
    expect(readCachedConfig(storage, BASE, 'd')).toEqual(GREEN);

    for (const answer of [json({ message: 'not found' }, 404), json({ ...GREEN, status: 'Inactive' })]) {
      keepConfig(storage, BASE, 'd', GREEN);
      const gone = controllerWith(storage);
      gone.answer(answer);
      await vi.waitFor(() => expect(storage.getItem(configCacheKey('d'))).toBeNull());
    }
  });

  it('a hostile kept copy is read as remote data: wrong types are dropped, not applied', async () => {
    const storage = memoryStorage();
    storage.setItem(configCacheKey('d'), JSON.stringify({ base: BASE, config: {
      id: 'd', status: 'Active', messenger: { styles: { primaryColor: 42 }, launcherButton: { visibility: { on: true } } },
      position: { alignment: 'Up', sideSpace: '<b>' },
    } }));
    const { controller } = controllerWith(storage);
    await settle(() => controller.settings !== null);
    expect(controller.settings?.primaryColor).toBeNull();
    expect(controller.settings?.launcher).toBe('On');
    expect(controller.settings?.position.sideSpace).toBeNull();
    expect(controller.settings?.problems.length).toBeGreaterThan(0);
  });

  it('with nothing kept, a closed launcher waits for config.json and an open panel does not', async () => {
    const { controller, answer, updates } = controllerWith(memoryStorage());
    await settle(() => !controller.settling(false));
    expect(controller.settling(true)).toBe(true);
    expect(controller.settings).toBeNull();
    const before = updates();
    answer(json(GREEN));
    await settle(() => !controller.settling(true));
    expect(updates()).toBeGreaterThan(before); // the held first render may go
    expect(controller.settings?.primaryColor).toBe('#0b6e4f');
  });

  it('with nothing kept, config.json that cannot be read lets the held first render go (with the defaults)', async () => {
    const { controller, answer } = controllerWith(memoryStorage());
    answer(json({}, 503));
    await settle(() => !controller.settling(true));
    expect(controller.settings).toBeNull();
  });

  it('gateway mode (a token endpoint) reads neither config.json nor the kept copy, and holds no render', async () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'd', GREEN);
    const { controller, fetchImpl } = controllerWith(storage, { region: REGION, deploymentId: 'd', tokenEndpoint: 'https://site.example/api/session' });
    expect(controller.settling(true)).toBe(false);
    await aMoment();
    expect(controller.settings).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('each deployment of the page gets its own settings and its own kept copy', async () => {
    const storage = memoryStorage();
    const green = controllerWith(storage, { region: REGION, deploymentId: 'green' });
    green.answer(json(GREEN));
    await settle(() => green.controller.settings !== null);
    let answer: (response: Response) => void = () => undefined;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => { answer = resolve; })));
    const red = new MessengerSettingsController({ addController: () => undefined, requestUpdate: () => undefined,
      style: { setProperty: () => undefined, removeProperty: () => undefined } } as never, () => ({ region: REGION, deploymentId: 'red' }), () => undefined, () => storage);
    red.hostConnected();
    await aMoment();
    answer(json(RED));
    await settle(() => red.settings !== null);
    expect([green.controller.settings?.primaryColor, red.settings?.primaryColor]).toEqual(['#0b6e4f', '#aa0000']);
    expect([readCachedConfig(storage, BASE, 'green'), readCachedConfig(storage, BASE, 'red')]).toEqual([GREEN, RED]);
  });

  it('answers for a deployment the element no longer shows are not applied (kept copy and config.json alike)', async () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'first', RED);
    const source = { region: REGION, deploymentId: 'first' };
    const { controller, fetchImpl, answer: answerFirst } = controllerWith(storage, source);
    const answers: ((response: Response) => void)[] = [];
    fetchImpl.mockImplementation(() => new Promise<Response>((resolve) => { answers.push(resolve); }));
    forgetMessengerSettings();
    source.deploymentId = 'second'; // the page changed deployment-id before either answer for the first was read
    controller.hostUpdate();
    answerFirst(json(RED));
    await aMoment();
    expect(controller.settings).toBeNull(); // neither the first deployment's kept copy nor its config.json
    expect(answers).toHaveLength(1); // the second's config.json (the first's was asked for before the stub above)
    answers[0]?.(json(GREEN));
    await settle(() => controller.settings !== null);
    expect(controller.settings?.primaryColor).toBe('#0b6e4f');
  });

  it('config.json with settings it cannot take says so in the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { controller, answer } = controllerWith(memoryStorage());
    answer(json({ ...GREEN, messenger: { styles: { primaryColor: 'red; background: url(x)' } } }));
    await settle(() => controller.settings !== null);
    expect(warn).toHaveBeenCalledWith('[genesys-chat] deployment settings ignored:', controller.settings?.problems);
    expect(controller.settings?.problems.length).toBeGreaterThan(0);
    warn.mockRestore();
  });

  it('reloadDeploymentSettings() reads config.json again without going back to the kept copy', async () => {
    const storage = memoryStorage();
    keepConfig(storage, BASE, 'd', GREEN);
    const first = controllerWith(storage);
    first.answer(json(RED));
    await settle(() => first.controller.settings?.primaryColor === '#aa0000');
    let answer: (response: Response) => void = () => undefined;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => { answer = resolve; })));
    keepConfig(storage, BASE, 'd', GREEN); // as if another tab had kept an older answer
    const reloaded = first.controller.reload();
    await aMoment();
    expect(first.controller.settings?.primaryColor).toBe('#aa0000');
    answer(json(RED));
    await reloaded;
    expect(first.controller.settings?.primaryColor).toBe('#aa0000');
  });
});
