import { expect } from '@open-wc/testing';
import {
  BUILT_IN_LANGUAGES, formatString, isLocaleLoaded, loadLocale, localeKey, pickLanguage, resolveStrings,
} from '../../src/i18n.js';
import { en } from '../../src/i18n/en.js';
import { de } from '../../src/i18n/de.js';
import { es } from '../../src/i18n/es.js';
import { fr } from '../../src/i18n/fr.js';
import { it as italian } from '../../src/i18n/it.js';
import { ja } from '../../src/i18n/ja.js';
import { nl } from '../../src/i18n/nl.js';
import { ptBR } from '../../src/i18n/pt-BR.js';

const TABLES = { de, es, fr, it: italian, ja, nl, 'pt-BR': ptBR };

/** `{name}` placeholders of a string, sorted. */
const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();

describe('i18n', () => {
  it('ships a complete table for every built-in language, with the same placeholders as English', () => {
    expect(Object.keys(TABLES).length + 1).to.equal(BUILT_IN_LANGUAGES.length);
    for (const [lang, table] of Object.entries(TABLES)) {
      expect(Object.keys(table).sort(), lang).to.deep.equal(Object.keys(en).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(value, `${lang} ${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(value), `${lang} ${key}`).to.deep.equal(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('loads a language on first use, then picks it by primary subtag', async () => {
    await loadLocale('de-AT');
    expect(isLocaleLoaded('de')).to.equal(true);
    expect(resolveStrings('de-AT').send).to.equal('Senden');
    await loadLocale('pt-PT');
    expect(resolveStrings('pt-BR').send).to.equal('Enviar');
    expect(localeKey('pt-PT')).to.equal('pt');
    await loadLocale('ja');
    expect(resolveStrings('ja-JP').send).to.equal('送信');
    expect(resolveStrings('xx').send).to.equal('Send');
    expect(pickLanguage('', 'de')).to.equal('de');
    expect(pickLanguage('en-GB', 'de')).to.equal('en-GB');
  });

  it('prefers the page language among those the deployment lists, else the deployment default', () => {
    const deployment = { languages: ['en-us', 'de', 'pt-br'], defaultLanguage: 'en-us' };
    expect(pickLanguage('', 'de-CH', deployment)).to.equal('de-CH');
    expect(pickLanguage('', 'pt-BR', deployment)).to.equal('pt-BR');
    expect(pickLanguage('', 'fr', deployment)).to.equal('en-us'); // the deployment's flows do not speak French
    expect(pickLanguage('', '', { languages: ['de'], defaultLanguage: 'de' })).to.equal('de');
    expect(pickLanguage('fr', 'de', deployment)).to.equal('fr'); // the element's own lang always wins
    expect(pickLanguage('', 'fr', {})).to.equal('fr'); // nothing listed: the page decides
  });

  it('applies overrides on top of the locale', async () => {
    await loadLocale('de');
    const strings = resolveStrings('de', { send: 'Los' });
    expect(strings.send).to.equal('Los');
    expect(strings.attach).to.equal('Datei anhängen');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(formatString('{count} / {max}', { count: 3, max: 10 })).to.equal('3 / 10');
    expect(formatString('Hi {nmae}', { name: 'x' })).to.equal('Hi {nmae}');
  });
});
