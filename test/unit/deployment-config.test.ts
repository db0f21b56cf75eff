// config.json and the SessionResponse's limits (src/connection/deployment-config.ts): remote values, read defensively.
// Written from the mutants that survived the feature and settings tests alone (make mutation MODULE=deployment-config).
import { describe, expect, it } from 'vitest';
import {
  deploymentVerdict, featuresFromConfig, fetchDeploymentConfig, limitsFrom, messengerLabel, messengerLanguage, type MessengerSettings,
} from '../../src/connection/deployment-config.js';
import { DEFAULT_FEATURES } from '../../src/model.js';
import { DEFAULT_MAX_FILE_SIZE_KB, type DeploymentConfig, type SessionResponseBody } from '../../src/protocol/web-messaging.js';

const CDN = 'https://api-cdn.example.test';
const answer = (body: BodyInit | null, status = 200) => (() => Promise.resolve(new Response(body, { status }))) as unknown as typeof fetch;

describe('fetchDeploymentConfig', () => {
  it('asks api-cdn for the deployment\'s config.json and classifies the answer; it never rejects', async () => {
    const urls: string[] = [];
    const fetchImpl = ((url: string) => {
      urls.push(url);
      return Promise.resolve(new Response(JSON.stringify({ id: 'd1', status: 'Active' })));
    }) as unknown as typeof fetch;
    await expect(fetchDeploymentConfig(fetchImpl, CDN, 'd1')).resolves.toEqual({ kind: 'ok', config: { id: 'd1', status: 'Active' } });
    expect(urls).toEqual([`${CDN}/webdeployments/v1/deployments/d1/config.json`]);
    await expect(fetchDeploymentConfig(answer(JSON.stringify({ status: 'Inactive' })), CDN, 'd1'))
      .resolves.toEqual({ kind: 'inactive', config: { status: 'Inactive' } });
    await expect(fetchDeploymentConfig(answer('{}', 404), CDN, 'd1')).resolves.toEqual({ kind: 'not-found' });
    await expect(fetchDeploymentConfig(answer('{}', 503), CDN, 'd1')).resolves.toEqual({ kind: 'unavailable', reason: 'config.json answered 503' });
    await expect(fetchDeploymentConfig(answer('<html>'), CDN, 'd1')).resolves.toEqual({ kind: 'unavailable', reason: 'config.json is not JSON' });
    await expect(fetchDeploymentConfig(answer('[1]'), CDN, 'd1')).resolves.toEqual({ kind: 'unavailable', reason: 'config.json is not an object' });
    const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(fetchDeploymentConfig(down, CDN, 'd1')).resolves.toEqual({ kind: 'unavailable', reason: 'Failed to fetch' });
    const odd = (() => Promise.reject('offline')) as typeof fetch;
    await expect(fetchDeploymentConfig(odd, CDN, 'd1')).resolves.toEqual({ kind: 'unavailable', reason: 'offline' });
  });

  it('passes an abort signal on when given one, and none otherwise', async () => {
    const inits: (RequestInit | undefined)[] = [];
    const fetchImpl = ((_url: string, init?: RequestInit) => {
      inits.push(init);
      return Promise.resolve(new Response('{}'));
    }) as unknown as typeof fetch;
    const controller = new AbortController();
    await fetchDeploymentConfig(fetchImpl, CDN, 'd1', controller.signal);
    await fetchDeploymentConfig(fetchImpl, CDN, 'd1');
    expect(inits).toEqual([{ signal: controller.signal }, {}]);
  });
});

describe('limitsFrom', () => {
  const session = (extra: Partial<SessionResponseBody> = {}) => ({ connected: true, newSession: true, ...extra }) as SessionResponseBody;

  it('takes the session\'s allowed media: the types that are strings, a positive size', () => {
    const limits = limitsFrom(session({ allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }, { type: 7 }, null, 'image/gif', { type: '' }], maxFileSizeKB: 2048 } } } as never), undefined, 500);
    expect(limits).toEqual({ maxMessageLength: 500, allowedFileTypes: ['image/png'], maxFileSizeKB: 2048, blockedExtensions: [] });
    for (const maxFileSizeKB of [0, -5, '2048', null, Number.POSITIVE_INFINITY]) {
      expect(limitsFrom(session({ allowedMedia: { inbound: { maxFileSizeKB } } } as never), undefined).maxFileSizeKB).toBe(DEFAULT_MAX_FILE_SIZE_KB);
    }
  });

  it('falls back to the deployment\'s upload modes when the session says nothing, skipping what is not a mode', () => {
    const config = { messenger: { fileUpload: { modes: [
      null, 42, { fileTypes: ['image/png', 7, ''], maxFileSizeKB: 'big' }, { fileTypes: 'image/jpeg', maxFileSizeKB: 4096 },
      { fileTypes: ['application/pdf'], maxFileSizeKB: 1024 }, { maxFileSizeKB: Number.POSITIVE_INFINITY },
    ] } } } as unknown as DeploymentConfig;
    const limits = limitsFrom(session(), config);
    expect(limits.allowedFileTypes).toEqual(['image/png', 'application/pdf']);
    expect(limits.maxFileSizeKB).toBe(4096);
    expect(limitsFrom(session(), { messenger: { fileUpload: { modes: [] } } } as unknown as DeploymentConfig))
      .toMatchObject({ allowedFileTypes: [], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB });
    // Modes without a usable size keep the default size.
    const sizeless = { messenger: { fileUpload: { modes: [{ fileTypes: ['image/png'] }, { maxFileSizeKB: 0 }, { maxFileSizeKB: -5 }] } } };
    expect(limitsFrom(session(), sizeless as unknown as DeploymentConfig))
      .toMatchObject({ allowedFileTypes: ['image/png'], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB });
    // The session's word wins, even when it allows nothing.
    expect(limitsFrom(session({ allowedMedia: { inbound: {} } } as never), config)).toMatchObject({ allowedFileTypes: [], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB });
  });

  it('keeps the blocked extensions that are strings, and a custom-data budget that is a positive number', () => {
    const limits = limitsFrom(session({ blockedExtensions: ['.exe', 3, '.bat'], maxCustomDataBytes: 2048 } as never), undefined);
    expect(limits.blockedExtensions).toEqual(['.exe', '.bat']);
    expect(limits.maxCustomDataBytes).toBe(2048);
    for (const maxCustomDataBytes of ['2048', Number.NaN, -1, 0, Number.POSITIVE_INFINITY]) {
      expect(limitsFrom(session({ maxCustomDataBytes } as never), undefined), String(maxCustomDataBytes)).not.toHaveProperty('maxCustomDataBytes');
    }
    expect(limitsFrom(session({ blockedExtensions: '.exe' } as never), undefined).blockedExtensions).toEqual([]);
  });
});

describe('featuresFromConfig', () => {
  const conversations = (apps: Record<string, unknown>) => ({ messenger: { apps: { conversations: apps } } }) as unknown as DeploymentConfig;
  const upload = (fileUpload: unknown) => featuresFromConfig({ messenger: { fileUpload } } as unknown as DeploymentConfig).attachments;

  it('keeps the defaults for what config.json leaves out or gets wrong', () => {
    expect(featuresFromConfig({} as DeploymentConfig)).toEqual(DEFAULT_FEATURES);
    expect(featuresFromConfig(conversations({ showAgentTypingIndicator: 'no', showUserTypingIndicator: 0, autoStart: true }))).toEqual(DEFAULT_FEATURES);
  });

  it('reads typing, Markdown, auto-start and clear only from the shapes Genesys sends', () => {
    const features = featuresFromConfig(conversations({
      showAgentTypingIndicator: false, showUserTypingIndicator: false, markdown: { enabled: true },
      autoStart: { enabled: true }, conversationClear: { enabled: true },
    }));
    expect(features).toMatchObject({ agentTyping: false, guestTyping: false, markdown: true, autoStart: true, conversationClear: true });
    expect(featuresFromConfig(conversations({ autoStart: { enabled: 'yes' }, markdown: { enabled: 1 } })))
      .toMatchObject({ autoStart: false, markdown: false });
  });

  it('turns attachments on by enableAttachments, else by having upload modes', () => {
    expect(upload({ enableAttachments: false, modes: [{ fileTypes: ['image/png'] }] })).toBe(false);
    expect(upload({ enableAttachments: true, modes: [] })).toBe(true);
    expect(upload({ modes: [{ fileTypes: ['image/png'] }] })).toBe(true);
    expect(upload({ modes: [] })).toBe(false);
    expect(upload({ modes: 'image/png' })).toBe(false);
  });

  it('takes a brand colour that is exactly #rgb or #rrggbb', () => {
    const colour = (primaryColor: unknown) => featuresFromConfig({ messenger: { styles: { primaryColor } } } as unknown as DeploymentConfig).primaryColor;
    expect(colour(' #FF6600 ')).toBe('#FF6600');
    expect(colour('#abc')).toBe('#abc');
    for (const bad of ['red;#fff', '#ff66001', '#ff66', 'url(x)#fff', 42]) expect(colour(bad), String(bad)).toBeUndefined();
  });

  it('takes language tags that look like tags, at most 100, and a default that is one', () => {
    const many = Array.from({ length: 120 }, (_, i) => `l${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const features = featuresFromConfig({ languages: ['en-us', 'x', 'de', 42, ['nl'], 'fr_ca', 'zz-<b>'], defaultLanguage: 'de' } as unknown as DeploymentConfig);
    expect(features.languages).toEqual(['en-us', 'de', 'fr_ca']);
    expect(features.defaultLanguage).toBe('de');
    expect(featuresFromConfig({ languages: many } as unknown as DeploymentConfig).languages).toHaveLength(100);
    const none = featuresFromConfig({ languages: ['x'], defaultLanguage: 'not a tag' } as unknown as DeploymentConfig);
    expect(none.languages).toBeUndefined();
    expect(none.defaultLanguage).toBeUndefined();
  });

  it('says in words why a deployment cannot be used', () => {
    expect(deploymentVerdict({ kind: 'not-found' }, 'd1')?.message).toBe('Deployment "d1" was not found in this region; check deployment-id and region.');
    expect(deploymentVerdict({ kind: 'inactive', config: {} as DeploymentConfig }, 'd1')?.message).toBe('Deployment "d1" is not active.');
  });
});

describe('messengerLanguage and messengerLabel', () => {
  const settings = (languages: string[], defaultLanguage: string | null, labels: Record<string, Record<string, string>> = {}) =>
    ({ languages, defaultLanguage, labels }) as unknown as MessengerSettings;

  it('picks the requested language when offered (exactly or by its primary subtag), else the default, the first, en-us', () => {
    const s = settings(['en-us', 'de', 'fr-ca'], 'de');
    expect(messengerLanguage(s, ' DE ')).toBe('de');
    expect(messengerLanguage(s, 'de-AT')).toBe('de');
    expect(messengerLanguage(s, 'fr')).toBe('fr-ca');
    expect(messengerLanguage(s, 'fr-fr')).toBe('fr-ca');
    expect(messengerLanguage(s, 'ja')).toBe('de');
    expect(messengerLanguage(settings(['nl', 'en-us'], null), 'ja')).toBe('nl');
    expect(messengerLanguage(settings([], null), null)).toBe('en-us');
    expect(messengerLanguage(settings(['en-gb', 'en-us'], null), 'en-us')).toBe('en-us'); // exact before the primary subtag
  });

  it('finds a label in the language, else in one with the same primary subtag', () => {
    const s = settings([], null, { 'en-us': { title: 'Hello' }, de: { title: 'Hallo' }, 'fr-ca': { title: 'Bonjour' } });
    expect(messengerLabel(s, 'EN-US', 'title')).toBe('Hello');
    expect(messengerLabel(s, 'de-at', 'title')).toBe('Hallo');
    expect(messengerLabel(s, 'fr', 'title')).toBe('Bonjour');
    expect(messengerLabel(s, 'en-gb', 'title')).toBe('Hello');
    expect(messengerLabel(s, 'ja', 'title')).toBeNull();
    expect(messengerLabel(s, 'de', 'other')).toBeNull();
    const two = settings([], null, { 'en-gb': { title: 'Hiya' }, 'en-us': { title: 'Hello' } });
    expect(messengerLabel(two, 'en-us', 'title')).toBe('Hello'); // exact before the primary subtag
  });
});
