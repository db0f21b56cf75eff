/**
 * config.json -> MessengerSettings: the default world's deployment variations read as the widget will apply them,
 * and hostile configurations that must not reach CSS, URLs or labels.
 */
import { describe, expect, it } from 'vitest';
import { loadWorldFile, DEFAULT_WORLD_PATH } from '../../emulator/world-load.js';
import { deploymentConfig } from '../../emulator/web-messaging/config-json.js';
import { mergePatch } from '../../emulator/control/deployment-settings.js';
import {
  MAX_POSITION_SPACE, messengerLabel, messengerLanguage,
} from '../../src/connection/deployment-config.js';
import { DEFAULT_FEATURES } from '../../src/model.js';
import { messengerSettingsFromConfig } from '../../src/connection/messenger-config.js';

const BASE = 'http://127.0.0.1:8787';
const world = loadWorldFile(DEFAULT_WORLD_PATH);
function settingsOf(deploymentId: string): ReturnType<typeof messengerSettingsFromConfig> {
  const deployment = world.deployments.find((d) => d.id === deploymentId);
  if (!deployment) throw new Error(`default world has no ${deploymentId}`);
  return messengerSettingsFromConfig(JSON.parse(JSON.stringify(deploymentConfig(deployment, BASE))));
}

describe('the default world\'s deployments, read as the widget will apply them', () => {
  it('styled-deployment: green, left with spacing, Bolt with his avatar, typing, markdown and uploads off', () => {
    const s = settingsOf('styled-deployment');
    expect(s.problems).toEqual([]);
    expect(s.primaryColor).toBe('#0b6e4f');
    expect(s.position).toEqual({ alignment: 'Left', sideSpace: 24, bottomSpace: 32 });
    expect(s.bot).toEqual({ name: 'Bolt', avatarUrl: `${BASE}/emulator/assets/bot-avatar.svg` });
    expect(s.features).toMatchObject({ agentTyping: false, guestTyping: false, markdown: false, attachments: false, conversationClear: false, conversationDisconnect: false, autoStart: true });
    expect(s.knowledge).toEqual({ enabled: false, knowledgeBaseId: null });
  });

  it('german-deployment: German by default, English offered, the deployment\'s own labels per language', () => {
    const s = settingsOf('german-deployment');
    expect(s.languages).toEqual(['de', 'en-us']);
    expect(s.defaultLanguage).toBe('de');
    expect(messengerLanguage(s)).toBe('de');
    expect(messengerLanguage(s, 'de-AT')).toBe('de');
    expect(messengerLanguage(s, 'en-GB')).toBe('en-us');
    expect(messengerLanguage(s, 'fr')).toBe('de');
    expect(messengerLabel(s, 'de', 'MessengerHomeHeaderTitle')).toBe('Hallo!');
    expect(messengerLabel(s, 'de-ch', 'MessengerHomeHeaderSubTitle')).toBe('Durchsuchen Sie unsere Hilfe oder schreiben Sie uns');
    expect(messengerLabel(s, 'en-us', 'MessengerHomeHeaderTitle')).toBe('Hello from Germany');
    expect(messengerLabel(s, 'en-us', 'MessengerHomeHeaderSubTitle')).toBeNull();
    expect(s.knowledge).toEqual({ enabled: true, knowledgeBaseId: 'kb-de' });
    expect(s.homeScreen).toEqual({ enabled: true, logoUrl: `${BASE}/emulator/assets/logo.svg` });
    expect(s.features.conversationDisconnect).toBe('ReadOnly');
  });

  it('knowledge-deployment: knowledge, clear, disconnect Send, uploads with their types and size; the API base', () => {
    const s = settingsOf('knowledge-deployment');
    expect(s.knowledge).toEqual({ enabled: true, knowledgeBaseId: 'kb-en' });
    expect(s.features).toMatchObject({ conversationClear: true, conversationDisconnect: 'Send', attachments: true, markdown: true });
    expect(s.fileUpload).toEqual({ fileTypes: ['image/jpeg', 'image/png', 'application/pdf'], maxFileSizeKB: 5120 });
    expect(s.apiEndpoint).toBe(BASE);
    expect(s.bot).toBeNull();
  });

  it('launcher On, Off, OnDemand', () => {
    expect(settingsOf('demo-deployment').launcher).toBe('On');
    expect(settingsOf('launcher-off-deployment').launcher).toBe('Off');
    expect(settingsOf('launcher-ondemand-deployment').launcher).toBe('OnDemand');
  });
});

describe('hostile or broken configurations', () => {
  it('anything not an object gives the defaults', () => {
    for (const input of [null, undefined, 42, 'config', [], { messenger: 'yes' }]) {
      const s = messengerSettingsFromConfig(input);
      expect(s.primaryColor).toBeNull();
      expect(s.launcher).toBe('On');
      expect(s.position).toEqual({ alignment: 'Auto', sideSpace: null, bottomSpace: null });
      expect(s.features).toEqual(DEFAULT_FEATURES);
      expect(s.knowledge.enabled).toBe(false);
    }
  });

  it('a colour that could break out of CSS, odd positions and unsafe URLs are refused and reported', () => {
    const s = messengerSettingsFromConfig({
      position: { alignment: 'Center', sideSpace: '20px', bottomSpace: 1e9 },
      messenger: {
        styles: { primaryColor: 'red; background: url(https://evil.example/x)' },
        launcherButton: { visibility: 'Sometimes' },
        homeScreen: { enabled: true, logoUrl: 'javascript:alert(1)' },
        apps: { conversations: { humanize: { enabled: true, bot: { name: 12, avatarUrl: 'data:image/svg+xml,<svg onload=alert(1)>' } } } },
      },
      apiEndpoint: 'ftp://files.example',
    });
    expect(s.primaryColor).toBeNull();
    expect(s.position).toEqual({ alignment: 'Auto', sideSpace: null, bottomSpace: MAX_POSITION_SPACE });
    expect(s.launcher).toBe('On');
    expect(s.homeScreen).toEqual({ enabled: true, logoUrl: null });
    expect(s.bot).toEqual({ name: null, avatarUrl: null });
    expect(s.apiEndpoint).toBeNull();
    const reported = s.problems.join('\n');
    for (const field of ['primaryColor', 'alignment', 'sideSpace', 'visibility', 'logoUrl', 'avatarUrl']) expect(reported).toContain(field);
  });

  it('labels: wrong shapes skipped, long text cut, prototype keys stay plain data', () => {
    const s = messengerSettingsFromConfig({
      languages: ['EN-US', 'en-us', 7, ''],
      customI18nLabels: [
        { language: 'en-us', localizedLabels: [{ key: 'MessengerHomeHeaderTitle', value: 'x'.repeat(1000) }, { key: 'Broken', value: 3 }, 'junk'] },
        { language: '__proto__', localizedLabels: [{ key: 'polluted', value: 'yes' }] },
        { localizedLabels: [] },
        'junk',
      ],
    });
    expect(s.languages).toEqual(['en-us']);
    expect(messengerLabel(s, 'en-us', 'MessengerHomeHeaderTitle')).toHaveLength(200);
    expect(messengerLabel(s, 'en-us', 'Broken')).toBeNull();
    expect(messengerLabel(s, 'en-us', 'constructor')).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(messengerLabel(s, '__proto__', 'polluted')).toBe('yes');
    expect(s.problems.length).toBeGreaterThanOrEqual(4);
  });

  it('colours: #rgb and #rrggbb, normalized to lower case', () => {
    expect(messengerSettingsFromConfig({ messenger: { styles: { primaryColor: '#ABC' } } }).primaryColor).toBe('#abc');
    expect(messengerSettingsFromConfig({ messenger: { styles: { primaryColor: ' #FF4F1F ' } } }).primaryColor).toBe('#ff4f1f');
    expect(messengerSettingsFromConfig({ messenger: { styles: { primaryColor: '#ff4f1f80' } } }).primaryColor).toBeNull();
  });
});

describe('the control API\'s merge patch (RFC 7396)', () => {
  it('merges objects, replaces arrays and values, deletes on null, refuses prototype keys', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: null, d: 3 }, l: [3] })).toEqual({ a: { b: 1, d: 3 }, l: [3] });
    expect(() => mergePatch({}, JSON.parse('{"__proto__":{"x":1}}'))).toThrow(/__proto__/);
    expect(() => mergePatch({}, { a: { constructor: 1 } })).toThrow(/constructor/);
  });
});
