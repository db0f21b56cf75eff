// config.json read into the Messenger settings (src/connection/messenger-config.ts): a remote value, every field
// checked, every refusal named in `problems`. Written from the mutants that survived the settings tests alone
// (make mutation MODULE=messenger-config).
import { describe, expect, it } from 'vitest';
import { messengerSettingsFromConfig } from '../../src/connection/messenger-config.js';
import { DEFAULT_MAX_FILE_SIZE_KB } from '../../src/protocol/web-messaging.js';

const read = (config: unknown) => messengerSettingsFromConfig(config);

describe('messenger settings from config.json', () => {
  it('is all defaults, with no problem, for an empty or missing config', () => {
    for (const config of [{}, null, 'x', 42]) {
      const settings = read(config);
      expect(settings).toMatchObject({
        primaryColor: null, position: { alignment: 'Auto', sideSpace: null, bottomSpace: null }, launcher: 'On',
        languages: [], defaultLanguage: null, bot: null, fileUpload: { fileTypes: [], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB },
        homeScreen: { enabled: false, logoUrl: null }, knowledge: { enabled: false, knowledgeBaseId: null }, apiEndpoint: null, problems: [],
      });
    }
  });

  it('takes a brand colour that is exactly #rgb or #rrggbb (it goes into CSS), and names what it refused', () => {
    const colour = (primaryColor: unknown) => read({ messenger: { styles: { primaryColor } } });
    expect(colour(' #FF6600 ').primaryColor).toBe('#ff6600');
    for (const bad of ['red;#fff', '#fff;x', 'url(a)#abc', '#ff66', 7]) {
      const settings = colour(bad);
      expect(settings.primaryColor, String(bad)).toBeNull();
      expect(settings.problems, String(bad)).toEqual([`messenger.styles.primaryColor is not a #rgb or #rrggbb colour (got ${JSON.stringify(bad)})`]);
    }
  });

  it('takes a position of Auto, Left or Right and non-negative spaces (rounded, capped at 500 px)', () => {
    for (const alignment of ['Left', 'Right', 'Auto'] as const) {
      expect(read({ position: { alignment } }).position.alignment).toBe(alignment);
      expect(read({ position: { alignment } }).problems).toEqual([]);
    }
    const settings = read({ position: { alignment: 'Centre', sideSpace: 12.6, bottomSpace: 9000 } });
    expect(settings.position).toEqual({ alignment: 'Auto', sideSpace: 13, bottomSpace: 500 });
    expect(settings.problems).toEqual(['position.alignment is not Auto, Left or Right (got "Centre")']);
    expect(read({ position: { sideSpace: 0 } }).position.sideSpace).toBe(0);
    const bad = read({ position: { sideSpace: -1, bottomSpace: '20' } });
    expect(bad.position).toMatchObject({ sideSpace: null, bottomSpace: null });
    expect(bad.problems).toEqual(['position.sideSpace is not a non-negative number (got -1)', 'position.bottomSpace is not a non-negative number (got "20")']);
    expect(read(JSON.parse('{"position":{"sideSpace":1e999}}')).position.sideSpace).toBeNull(); // JSON's 1e999 is Infinity
  });

  it('takes a launcher visibility of On, Off or OnDemand', () => {
    for (const visibility of ['On', 'Off', 'OnDemand'] as const) expect(read({ messenger: { launcherButton: { visibility } } }).launcher).toBe(visibility);
    const settings = read({ messenger: { launcherButton: { visibility: 'Hidden' } } });
    expect(settings.launcher).toBe('On');
    expect(settings.problems).toEqual(['messenger.launcherButton.visibility is not On, Off or OnDemand (got "Hidden")']);
  });

  it('keeps languages as trimmed lower-case tags, once each, and a default that is a tag', () => {
    const settings = read({ languages: [' EN-US ', 'de', 'en-us', '', '  ', 7], defaultLanguage: ' DE ' });
    expect(settings.languages).toEqual(['en-us', 'de']);
    expect(settings.defaultLanguage).toBe('de');
    expect(read({ defaultLanguage: '   ' }).defaultLanguage).toBeNull();
    expect(read({ languages: 'en-us' }).languages).toEqual([]);
  });

  it('keeps labels with a key and a text (trimmed, at most 200 characters), and names the rest', () => {
    const settings = read({ customI18nLabels: [
      { language: ' DE ', localizedLabels: [{ key: 'title', value: ' Hallo ' }, { key: '', value: 'x' }, { key: 'a', value: '  ' }, { value: 'no key' }] },
      { language: 'fr', localizedLabels: [{ key: 'long', value: 'x'.repeat(300) }, { key: 7, value: 'numeric key' }] },
      { language: '', localizedLabels: [] },
      'not an entry',
    ] });
    expect(settings.labels.de).toEqual({ title: 'Hallo' });
    expect(settings.labels.fr?.long).toHaveLength(200);
    expect(settings.problems).toEqual([
      'customI18nLabels[de] needs a key and a text value (got {"key":"","value":"x"})',
      'customI18nLabels[de] needs a key and a text value (got {"key":"a","value":"  "})',
      'customI18nLabels[de] needs a key and a text value (got {"value":"no key"})',
      'customI18nLabels[fr] needs a key and a text value (got {"key":7,"value":"numeric key"})',
      'customI18nLabels[] needs a language and localizedLabels (got {"language":"","localizedLabels":[]})',
      'customI18nLabels[] needs a language and localizedLabels (got "not an entry")',
    ]);
    expect(read({ customI18nLabels: [{ language: 'de', localizedLabels: [{ key: 'k', value: 'v' }] }], x: 1 }).problems).toEqual([]);
  });

  it('names a problem value it cannot write as JSON by its text, and cuts a long one', () => {
    expect(read({ position: { alignment: 10n } }).problems).toEqual(['position.alignment is not Auto, Left or Right (got 10)']);
    expect(read({ position: { alignment: Symbol('s') } }).problems).toEqual(['position.alignment is not Auto, Left or Right (got Symbol(s))']);
    expect(read({ position: { alignment: 'x'.repeat(100) } }).problems[0]).toBe(`position.alignment is not Auto, Left or Right (got "${'x'.repeat(59)})`);
  });

  it('takes the bot\'s name and an http(s) avatar only when humanize is on', () => {
    const humanize = (value: unknown) => read({ messenger: { apps: { conversations: { humanize: value } } } });
    expect(humanize({ enabled: true, bot: { name: ' Sunny ', avatarUrl: 'https://cdn.example/bot.png' } }).bot)
      .toEqual({ name: 'Sunny', avatarUrl: 'https://cdn.example/bot.png' });
    const unsafe = humanize({ enabled: true, bot: { avatarUrl: 'javascript:alert(1)' } });
    expect(unsafe.bot).toEqual({ name: null, avatarUrl: null });
    expect(unsafe.problems).toEqual(['humanize.bot.avatarUrl is not an http(s) URL (got "javascript:alert(1)")']);
    expect(humanize({ enabled: true }).problems).toEqual([]);
    expect(humanize({ enabled: 'true', bot: { name: 'x' } }).bot).toBeNull();
    expect(humanize({ enabled: true, bot: { avatarUrl: 'http://cdn.example/b.png' } }).bot?.avatarUrl).toBe('http://cdn.example/b.png');
  });

  it('takes upload types that are MIME types, once each, and the largest positive size', () => {
    const settings = read({ messenger: { fileUpload: { modes: [
      { fileTypes: ['image/png', 'image/*', 'not a type', 7, ['image/jpeg'], 'x image/gif', 'image/gif x', 'image/png'], maxFileSizeKB: 2048 },
      null, 'x', { fileTypes: 'image/gif', maxFileSizeKB: 4096 }, { maxFileSizeKB: 0 }, { maxFileSizeKB: -1 }, { maxFileSizeKB: '9000' },
    ] } } });
    expect(settings.fileUpload).toEqual({ fileTypes: ['image/png', 'image/*'], maxFileSizeKB: 4096 });
    expect(read({ messenger: { fileUpload: { modes: [{ maxFileSizeKB: 0 }] } } }).fileUpload.maxFileSizeKB).toBe(DEFAULT_MAX_FILE_SIZE_KB);
    expect(read(JSON.parse('{"messenger":{"fileUpload":{"modes":[{"maxFileSizeKB":1e999}]}}}')).fileUpload.maxFileSizeKB).toBe(DEFAULT_MAX_FILE_SIZE_KB);
    expect(read({ messenger: { fileUpload: { modes: [{ maxFileSizeKB: 100 }, { maxFileSizeKB: 50 }] } } }).fileUpload.maxFileSizeKB).toBe(100);
  });

  it('takes the home screen, its http(s) logo, knowledge and the API endpoint', () => {
    const settings = read({
      messenger: { homeScreen: { enabled: true, logoUrl: 'https://cdn.example/logo.png' }, apps: { knowledge: { enabled: true, knowledgeBase: { id: 'kb-1' } } } },
      apiEndpoint: 'https://api.example.test//',
    });
    expect(settings.homeScreen).toEqual({ enabled: true, logoUrl: 'https://cdn.example/logo.png' });
    expect(settings.knowledge).toEqual({ enabled: true, knowledgeBaseId: 'kb-1' });
    expect(settings.apiEndpoint).toBe('https://api.example.test');
    expect(settings.problems).toEqual([]);
    const unparsable = read({ messenger: { homeScreen: { logoUrl: 'not a url' } } });
    expect(unparsable.homeScreen.logoUrl).toBeNull();
    expect(unparsable.problems).toEqual(['messenger.homeScreen.logoUrl is not an http(s) URL (got "not a url")']);
    const bad = read({ messenger: { homeScreen: { enabled: 'yes', logoUrl: 'ftp://x/logo.png' }, apps: { knowledge: { enabled: true, knowledgeBase: { id: 3 } } } }, apiEndpoint: 'api.example.test' });
    expect(bad.homeScreen).toEqual({ enabled: false, logoUrl: null });
    expect(bad.knowledge).toEqual({ enabled: true, knowledgeBaseId: null });
    expect(bad.apiEndpoint).toBeNull();
    expect(bad.problems).toEqual(['messenger.homeScreen.logoUrl is not an http(s) URL (got "ftp://x/logo.png")']);
  });
});
